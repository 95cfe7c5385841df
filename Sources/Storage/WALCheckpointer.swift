import CSQLite
import Foundation

/// Checkpoints a WAL database on a connection of its own, after the store's lock is released,
/// so that no other writer of the process waits for it (issue #18).
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
/// committing connection: the store's lock stayed held for the copy (40–55 ms for 64 MB), and a
/// desk's check-in or a rate reservation of the same process waited behind it. Here the commit
/// that crosses the threshold still pays for the checkpoint (almost always an import's writer,
/// between two of its transactions), but holding nothing: a PASSIVE checkpoint on a second
/// connection never blocks writers. Run in the background instead, beside the import's next
/// transactions, it slowed a 100 000-guest Luma import from 2.3 s to 3 s.
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    /// Held while a checkpoint runs: a second thread crossing the threshold meanwhile does not
    /// wait for it, and does not run another.
    private let running = NSLock()
    /// The checkpoint's own connection, opened on first use (guarded by `running`).
    private var connection: Database?

    init(path: String) {
        self.path = path
    }

    /// Runs a PASSIVE checkpoint on the calling thread, unless one is running already.
    func checkpoint() {
        guard running.try() else { return }
        defer { running.unlock() }
        do {
            if connection == nil {
                let opened = try Database(path: path, flags: SQLITE_OPEN_READWRITE, busyTimeout: 1)
                // A connection knows the file is in WAL mode only once it has read it: before
                // that, a checkpoint is a no-op (it answers −1/−1).
                _ = try opened.scalarText("PRAGMA journal_mode")
                connection = opened
            }
            guard let connection else { return }
            var log: Int32 = 0, copied: Int32 = 0
            _ = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
        } catch {
            // Best effort: the next commit over the threshold tries again.
        }
    }
}
