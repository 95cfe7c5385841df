#ifndef BADGE_CLIBPQ_SHIM_H
#define BADGE_CLIBPQ_SHIM_H
// libpq, the PostgreSQL client library (Debian: libpq-dev puts it under /usr/include/postgresql).
#include <postgresql/libpq-fe.h>

/// libpq prints server NOTICEs to stderr by default, which would scribble over the console's
/// screen. The store has nothing to say about them (they are informational), so they are dropped.
static void cpq_ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }
static inline void cpq_silence_notices(PGconn *conn) { PQsetNoticeProcessor(conn, cpq_ignore_notice, (void *)0); }
#endif
