import CSQLite
import Foundation

/// Checkpoints a WAL database on a connection of its own, in the background, so that no
/// writer of the store waits for it (issue #18).
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
/// committing connection: the store's lock stayed held for the copy (tens of milliseconds for
/// 64 MB), and a desk's check-in in the same process waited behind it. A PASSIVE checkpoint on a
/// second connection copies what no reader still needs while writers go on appending.
public final class WALCheckpointer: @unchecked Sendable {
    /// The WAL size that asks for a checkpoint (SQLite's `wal_autocheckpoint` the store used).
    public static let thresholdFrames = 16_384

    private let path: String
    private let queue = DispatchQueue(label: "badge.sqlite.checkpoint", qos: .utility)
    private let lock = NSLock()
    /// A checkpoint is queued and has not started (guarded by `lock`).
    private var scheduled = false
    /// The checkpoint's own connection (used on `queue` only).
    private var connection: Database?

    init(path: String) {
        self.path = path
    }

    /// Asks for a checkpoint; one runs at a time, and requests while one is waiting coalesce.
    func request() {
        let start: Bool = lock.withLock {
            if scheduled { return false }
            scheduled = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            lock.withLock { scheduled = false }
            run()
        }
    }

    /// Runs a checkpoint now, after any queued one (tests).
    func checkpointNow() {
        queue.sync { run() }
    }

    /// Returns once the checkpoints asked for so far have run (tests).
    func waitForRequested() {
        queue.sync {}
    }

    /// On `queue` only: the connection is opened on first use and kept.
    private func run() {
        do {
            if connection == nil {
                let opened = try Database(path: path, flags: SQLITE_OPEN_READWRITE, busyTimeout: 1)
                // A connection knows the file is in WAL mode only once it has read it: before
                // that, a checkpoint is a no-op.
                _ = try opened.scalarText("PRAGMA journal_mode")
                connection = opened
            }
            guard let connection else { return }
            var log: Int32 = 0, copied: Int32 = 0
            _ = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
        } catch {
            // Best effort: the next commit over the threshold asks again.
        }
    }
}
