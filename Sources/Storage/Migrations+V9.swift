extension Migrations {
    /// Print jobs and print stations (issue #16, SPEC §12). A job is queued → sent → done |
    /// failed; `claimed_by` is the worker session holding a sent job; `op_id` makes enqueuing
    /// idempotent. Stations beat once per process (`session`), so several processes of one
    /// station name show as one station with its live sessions.
    static let schemaV9 = """
        CREATE TABLE print_jobs (
            id            INTEGER PRIMARY KEY,
            event_id      INTEGER NOT NULL REFERENCES events(id),
            attendee_id   INTEGER NOT NULL REFERENCES attendees(id),
            status        TEXT    NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'DONE', 'FAILED')),
            station       TEXT    NOT NULL DEFAULT '',
            printer       TEXT    NOT NULL DEFAULT '',
            desk          TEXT    NOT NULL DEFAULT '',
            operator      TEXT    NOT NULL,
            template_name TEXT,
            output        TEXT,
            attempts      INTEGER NOT NULL DEFAULT 0,
            reason        TEXT,
            reprint_of    INTEGER,
            claimed_by    TEXT,
            op_id         TEXT    NOT NULL UNIQUE,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL
        );
        CREATE INDEX print_jobs_queue ON print_jobs (station, status, id);
        CREATE INDEX print_jobs_by_event ON print_jobs (event_id, id);
        CREATE TABLE print_stations (
            session       TEXT    PRIMARY KEY,
            name          TEXT    NOT NULL,
            printer       TEXT    NOT NULL,
            started_at    INTEGER NOT NULL,
            last_seen     INTEGER NOT NULL,
            last_error    TEXT,
            last_error_at INTEGER
        );
        CREATE INDEX print_stations_by_name ON print_stations (name, last_seen);
        """
}
