extension Migrations {
    /// Wrong PINs per subject (`member:<lower-cased name>` or `station-admin`), so a lockout
    /// survives Ctrl-C, a restart and separate CLI processes (issue #13 item 6, `PINAttempts`).
    static let schemaV5 = """
        CREATE TABLE pin_attempts (
            subject         TEXT    PRIMARY KEY,
            failures        INTEGER NOT NULL,
            locked_until    INTEGER,
            last_failure_at INTEGER NOT NULL
        );
        """
}
