import CSQLite
import Foundation

extension SQLiteStore {
    /// Writes a consistent copy of the whole database to `path` (a new file, mode 0600) with
    /// SQLite's online backup, page by page, so another process (the console, `badge watch`) can
    /// keep writing meanwhile. The copy is a complete database: restore = put it back in place
    /// while no `badge` runs. Refuses to overwrite an existing file.
    public func backup(to path: String) throws {
        guard try DatabaseFile.createIfMissing(path) else {
            throw StorageError.cannotOpen(path: path, reason: "the file already exists")
        }
        do {
            let target = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
            try locked { source in
                guard let backup = sqlite3_backup_init(target.handle, "main", source.handle, "main") else {
                    throw Database.error(db: target.handle, code: sqlite3_errcode(target.handle), sql: "backup")
                }
                var rc: Int32
                repeat {
                    rc = sqlite3_backup_step(backup, 256)
                    if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(20) }
                } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                sqlite3_backup_finish(backup)
                guard rc == SQLITE_DONE else {
                    throw StorageError.sqlite(code: rc, message: String(cString: sqlite3_errstr(rc)), sql: "backup")
                }
            }
            // The copy keeps WAL mode from its source; fold it into one self-contained file.
            try target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try target.execute("PRAGMA journal_mode=DELETE")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}

extension SQLiteStore {
    /// Imports commit page by page with a large auto-checkpoint threshold (16 384 pages, set in
    /// `configure`), so an import ends with up to ~64 MB of log that every read would have to
    /// look through. A PASSIVE checkpoint copies what no reader still needs, and the next write
    /// restarts the log from its beginning. It runs on a connection of its own, so this store's
    /// readers and writers (the console) are not held up while it copies.
    public func settleAfterBulkWrite() {
        guard path != ":memory:",
              let db = try? Database(path: path, flags: SQLITE_OPEN_READWRITE, busyTimeout: 1) else { return }
        _ = try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }
}
