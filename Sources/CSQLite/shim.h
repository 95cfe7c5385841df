#ifndef BADGE_CSQLITE_SHIM_H
#define BADGE_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config / sqlite3_db_config are variadic; Swift cannot call C variadics.
static inline int csqlite_config_multithread(void) { return sqlite3_config(SQLITE_CONFIG_MULTITHREAD); }
static inline int csqlite_config_serialized(void) { return sqlite3_config(SQLITE_CONFIG_SERIALIZED); }
/// Memory statistics off: with them on, every sqlite3_malloc/free takes a global mutex.
static inline int csqlite_config_memstatus(int on) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on); }
static inline int csqlite_db_config_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
static inline int csqlite_db_config_enable_fkey(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, on, (int *)0);
}
/// A WAL hook that only records how many frames the WAL holds after each commit (into `ctx`, an
/// int the caller owns). Registering it replaces SQLite's automatic checkpoint on that
/// connection: the owner checkpoints on a connection of its own, outside its lock.
static int csqlite_wal_frames_hook(void *ctx, sqlite3 *db, const char *name, int frames) {
    (void)db; (void)name;
    *(int *)ctx = frames;
    return SQLITE_OK;
}
static inline void csqlite_record_wal_frames(sqlite3 *db, int *into) {
    sqlite3_wal_hook(db, csqlite_wal_frames_hook, into);
}
#endif
