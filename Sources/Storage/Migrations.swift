/// The database schema as an append-only numbered list (ARCHITECTURE §3 "Storage").
///
/// `PRAGMA user_version` holds the number of the last migration applied. NEVER edit or reorder a
/// migration that has shipped: add a new one at the end. Each migration runs in its own
/// transaction together with the version bump, so a crash leaves the schema at a version.
///
/// Conventions: dates are INTEGER milliseconds since 1970 UTC (`DateCoding`), booleans INTEGER
/// 0/1, enums their upper-case raw values. Search scans a normalised `search_text` column written
/// in the same statement as the fields it is built from (see `AttendeeSearch`).
package enum Migrations {
    package struct Migration: Sendable {
        package let version: Int
        package let summary: String
        package let sql: String
    }

    package static let all: [Migration] = [
        Migration(version: 1, summary: "initial schema", sql: schemaV1),
        Migration(version: 2, summary: "VIP filter sorted by name", sql: schemaV2),
        Migration(version: 3, summary: "drop indexes no hot path uses (import speed)", sql: schemaV3),
        Migration(version: 4, summary: "held cancellations of the mass-cancellation guard", sql: schemaV4),
        Migration(version: 5, summary: "persistent PIN attempts (lockout survives restarts)", sql: schemaV5),
        Migration(version: 6, summary: "purged events (personal data erased, statistics kept)", sql: schemaV6),
        Migration(version: 7, summary: "shared rate budget per provider account", sql: schemaV7),
        Migration(version: 8, summary: "badge corrections (console-owned overrides)", sql: schemaV8),
        Migration(version: 9, summary: "print jobs and print stations (queue, health)", sql: schemaV9),
    ]

    package static var latestVersion: Int { all.last?.version ?? 0 }

    /// Applies every migration newer than the database's `user_version`; returns how many ran.
    /// Refuses a database written by a newer build instead of guessing.
    @discardableResult
    package static func migrate(_ db: Database) throws -> Int {
        let current = try db.userVersion()
        guard current <= latestVersion else {
            throw StorageError.newerSchema(found: current, supported: latestVersion)
        }
        var applied = 0
        for migration in all where migration.version > current {
            try db.transaction {
                try db.execute(migration.sql)
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
            applied += 1
        }
        return applied
    }

    static let schemaV1 = """
    CREATE TABLE integrations (
        id            INTEGER PRIMARY KEY,
        provider      TEXT    NOT NULL UNIQUE,
        status        TEXT    NOT NULL CHECK (status IN ('CONNECTED', 'DISCONNECTED')),
        account_label TEXT    NOT NULL,
        credential    TEXT    NOT NULL,
        base_url      TEXT    NOT NULL,
        connected_at  INTEGER NOT NULL
    );

    CREATE TABLE events (
        id                      INTEGER PRIMARY KEY,
        integration_id          INTEGER REFERENCES integrations(id) ON DELETE SET NULL,
        provider                TEXT    NOT NULL,
        external_id             TEXT    NOT NULL,
        name                    TEXT    NOT NULL,
        starts_at               INTEGER,
        ends_at                 INTEGER,
        timezone                TEXT,
        sync_status             TEXT    NOT NULL
                                CHECK (sync_status IN ('PENDING', 'ACTIVE', 'FAILED', 'DISCONNECTED')),
        access_code             TEXT    NOT NULL,
        progress_pages_done     INTEGER,
        progress_pages_total    INTEGER,
        progress_attendees      INTEGER,
        progress_attendees_total INTEGER,
        progress_started_at     INTEGER,
        progress_updated_at     INTEGER,
        progress_finished       INTEGER,
        progress_error          TEXT,
        last_synced_at          INTEGER,
        sync_cursor             TEXT,
        last_error              TEXT,
        created_at              INTEGER NOT NULL,
        UNIQUE (provider, external_id)
    );

    CREATE TABLE attendees (
        id                     INTEGER PRIMARY KEY,
        event_id               INTEGER NOT NULL REFERENCES events(id),
        provider_attendee_id   TEXT    NOT NULL,
        order_id               TEXT,
        name                   TEXT    NOT NULL,
        first_name             TEXT,
        last_name              TEXT,
        email                  TEXT,
        company                TEXT,
        job_title              TEXT,
        ticket_name            TEXT,
        extra_tickets          INTEGER NOT NULL DEFAULT 0,
        barcode                TEXT,
        status                 TEXT    NOT NULL CHECK (status IN ('ATTENDING', 'NOT_ATTENDING')),
        provider_status        TEXT,
        provider_checked_in_at INTEGER,
        provider_changed_at    INTEGER,
        vip                    INTEGER NOT NULL DEFAULT 0,
        notes                  TEXT,
        checked_in_at          INTEGER,
        check_in_source        TEXT    CHECK (check_in_source IN ('LOCAL', 'PROVIDER')),
        last_local_action_at   INTEGER,
        print_count            INTEGER NOT NULL DEFAULT 0,
        missing_from_provider  INTEGER NOT NULL DEFAULT 0,
        search_text            TEXT    NOT NULL DEFAULT '',
        updated_at             INTEGER NOT NULL,
        UNIQUE (event_id, provider_attendee_id)
    );
    -- Table sort orders, each with the id tiebreak so paging is stable.
    CREATE INDEX attendees_by_name    ON attendees (event_id, name COLLATE NOCASE, id);
    CREATE INDEX attendees_by_checkin ON attendees (event_id, checked_in_at, id);
    CREATE INDEX attendees_by_ticket  ON attendees (event_id, ticket_name COLLATE NOCASE, name COLLATE NOCASE, id);
    CREATE INDEX attendees_by_company ON attendees (event_id, company COLLATE NOCASE, name COLLATE NOCASE, id);
    -- Scanner lookups and filters.
    CREATE INDEX attendees_by_barcode ON attendees (event_id, barcode);
    CREATE INDEX attendees_by_status  ON attendees (event_id, status);
    CREATE INDEX attendees_vip        ON attendees (event_id) WHERE vip = 1;

    -- Search: substring match over search_text, the lower-cased, accent-folded name, email,
    -- company, ticket name and barcode (one per line), written with the row. The covering index
    -- lets a search scan narrow index entries instead of whole rows.
    CREATE INDEX attendees_search     ON attendees (event_id, search_text);

    -- Append-only check-in log; the attendee's checked_in_at/check_in_source derive from it.
    CREATE TABLE checkins (
        id          INTEGER PRIMARY KEY,
        attendee_id INTEGER NOT NULL REFERENCES attendees(id),
        at          INTEGER NOT NULL,
        action      TEXT    NOT NULL CHECK (action IN ('CHECK_IN', 'UNDO', 'FORCE_CHECK_IN')),
        operator    TEXT    NOT NULL,
        station     TEXT    NOT NULL
    );
    CREATE INDEX checkins_by_attendee ON checkins (attendee_id, id);
    CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins BEGIN
        SELECT RAISE(ABORT, 'the check-in log is append-only');
    END;
    CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins BEGIN
        SELECT RAISE(ABORT, 'the check-in log is append-only');
    END;

    CREATE TABLE prints (
        id            INTEGER PRIMARY KEY,
        attendee_id   INTEGER NOT NULL REFERENCES attendees(id),
        at            INTEGER NOT NULL,
        template_name TEXT    NOT NULL,
        output        TEXT    NOT NULL,
        operator      TEXT    NOT NULL
    );
    CREATE INDEX prints_by_attendee ON prints (attendee_id, id);

    CREATE TABLE templates (
        id             INTEGER PRIMARY KEY,
        event_id       INTEGER NOT NULL REFERENCES events(id),
        name           TEXT    NOT NULL,
        ticket_names   TEXT    NOT NULL,  -- JSON array of strings
        is_vip_variant INTEGER NOT NULL DEFAULT 0,
        layout         TEXT    NOT NULL,
        UNIQUE (event_id, name)
    );

    CREATE TABLE members (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE,
        role     TEXT NOT NULL CHECK (role IN ('ADMIN', 'STAFF')),
        pin_hash TEXT NOT NULL
    );

    CREATE TABLE import_checkpoints (
        event_id         INTEGER PRIMARY KEY REFERENCES events(id),
        cursor           TEXT,
        pages_done       INTEGER NOT NULL,
        attendees_so_far INTEGER NOT NULL,
        pages_total      INTEGER,
        started_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
    );

    CREATE TABLE audit_log (
        id       INTEGER PRIMARY KEY,
        at       INTEGER NOT NULL,
        operator TEXT    NOT NULL,
        action   TEXT    NOT NULL,
        detail   TEXT    NOT NULL
    );
    CREATE INDEX audit_log_by_time ON audit_log (at);
    """
}
