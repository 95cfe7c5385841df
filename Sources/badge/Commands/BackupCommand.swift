import Foundation
import Storage

/// `badge backup FILE`: a consistent copy of the database through SQLite's online backup, safe
/// while another process (the console) writes.
enum BackupCommand {
    static func run(_ ctx: CommandContext) throws {
        guard let file = ctx.parsed.argument("FILE"), !file.isEmpty else { throw ctx.usage("missing FILE") }
        if FileManager.default.fileExists(atPath: file) {
            throw CLIError.failed("\(file) already exists; give a new file name")
        }
        guard let store = try ctx.store() as? SQLiteStore else {
            throw CLIError.failed("this database does not support backups")
        }
        try store.backup(to: file)
        let db = ctx.databasePath
        ctx.out.line("Backed up \(db) to \(file). To restore: quit badge everywhere, delete \(db)-wal and "
                     + "\(db)-shm, then copy \(file) over \(db).")
    }
}
