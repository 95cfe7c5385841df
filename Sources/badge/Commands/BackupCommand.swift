import Foundation
import PostgresStore
import Storage

/// `badge backup FILE`: a consistent copy of the database, safe while other processes (the
/// console, other desks) write. A SQLite database is copied with SQLite's online backup; a
/// PostgreSQL database is written to a new SQLite file through `badge db copy`'s row copy, read
/// in one REPEATABLE READ snapshot.
enum BackupCommand {
    static func run(_ ctx: CommandContext) throws {
        guard let file = ctx.parsed.argument("FILE"), !file.isEmpty else { throw ctx.usage("missing FILE") }
        if FileManager.default.fileExists(atPath: file) {
            throw CLIError.failed("\(file) already exists; give a new file name")
        }
        let store = try ctx.store()
        if let shared = store as? PostgresStore {
            return try backupShared(ctx, shared, to: file)
        }
        guard let store = store as? SQLiteStore else {
            throw CLIError.failed("this database does not support backups")
        }
        try store.backup(to: file)
        let db = ctx.databasePath
        ctx.out.line("Backed up \(db) to \(file). To restore: quit badge everywhere, delete \(db)-wal and "
                     + "\(db)-shm, then copy \(file) over \(db).")
    }

    /// The shared database as one SQLite file (mode 0600). Not resumable: a failed backup removes
    /// its partial file, so a backup is always one moment of the server.
    private static func backupShared(_ ctx: CommandContext, _ source: PostgresStore, to file: String) throws {
        let report: DatabaseCopyReport
        do {
            let target = try SQLiteStore.open(path: file)
            report = try DatabaseCopyCommand.copy(from: source, to: target, options: .init(), environment: [:])
            try target.makeSelfContained()
        } catch {
            for path in [file, file + "-wal", file + "-shm", file + "-journal"] {
                try? FileManager.default.removeItem(atPath: path)
            }
            throw error
        }
        let location = ctx.databaseLocation
        ctx.out.line("Backed up \(location) to \(file) (a SQLite file: \(report.totalRows) rows, verified). "
                     + "Use it with --db \(file), or restore it into a new, empty PostgreSQL database with "
                     + "badge db copy \(file) URL.")
    }
}
