import Foundation
import Storage

/// Brings a database to `PGSchema.latestVersion`, or says clearly why it will not.
///
/// Several desks may run `badge db init` at once: a transaction-scoped advisory lock makes them
/// take turns, and each migration commits with its version. A database with tables of another
/// application, or written by a newer badge, is refused untouched.
enum PGMigrator {
    /// The advisory lock key of schema changes ("badge" in ASCII).
    static let lockKey: Int64 = 0x6261_6467_65

    static func version(_ c: PGConnection) throws -> Int {
        let exists = try c.query("SELECT to_regclass('badge_meta') IS NOT NULL")
        guard exists.bool(0, 0) else { return 0 }
        let r = try c.query("SELECT value FROM badge_meta WHERE key = 'schema_version'")
        return r.count == 0 ? 0 : Int(r.text(0, 0)) ?? 0
    }

    /// Checks the schema; with `migrate`, creates or upgrades it first.
    static func prepare(_ c: PGConnection, migrate: Bool) throws {
        let current = try version(c)
        if current > PGSchema.latestVersion {
            throw StorageError.newerSchema(found: current, supported: PGSchema.latestVersion)
        }
        if current == 0 {
            let tables = try c.query("""
                SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'badge_meta'
                """).int(0, 0)
            if tables > 0 {
                throw StorageError.foreignDatabase(
                    path: c.target, detail: "it has \(tables) tables of another application and no badge schema")
            }
        }
        guard current < PGSchema.latestVersion else { return }
        guard migrate else {
            if current == 0 {
                throw StorageError.cannotOpen(path: c.target, reason:
                    "the database has no badge schema yet: run `badge db init URL` once (as its owner)")
            }
            throw StorageError.cannotOpen(path: c.target, reason:
                "the database has badge schema \(current), this badge needs \(PGSchema.latestVersion): "
                + "run `badge db init URL` to upgrade it")
        }
        try c.execute("BEGIN")
        do {
            try c.query("SELECT pg_advisory_xact_lock($1)", [.integer(lockKey)])
            try c.execute("CREATE TABLE IF NOT EXISTS badge_meta (key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT NOT NULL)")
            let now = try version(c)  // another desk may have migrated while we waited
            for migration in PGSchema.all where migration.version > now {
                try c.execute(migration.sql)
                try c.query("""
                    INSERT INTO badge_meta (key, value) VALUES ('schema_version', $1)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, [.text(String(migration.version))])
            }
            try c.execute("INSERT INTO badge_meta (key, value) VALUES ('application', 'badge') ON CONFLICT DO NOTHING")
            try c.execute("COMMIT")
        } catch {
            if c.isHealthy { try? c.execute("ROLLBACK") }
            throw error
        }
    }
}
