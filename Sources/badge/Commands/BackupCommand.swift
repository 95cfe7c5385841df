import Foundation

/// `badge backup FILE`: a consistent copy of the database through SQLite's online backup, safe
/// while another process (the console) writes.
enum BackupCommand {
    static func run(_ ctx: CommandContext) throws {
        guard let file = ctx.parsed.argument("FILE") else { throw ctx.usage("missing FILE") }
        if FileManager.default.fileExists(atPath: file) {
            throw CLIError.failed("\(file) already exists; give a new file name")
        }
        // PLUG-IN (storage): needs a backup entry point on the store (sqlite3_backup_*).
        throw CLIError.notAvailable("badge backup")
    }
}
