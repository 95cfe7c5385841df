import CSQLite
import Foundation

/// One SQLite connection: open, execute, prepare (with a cache for hot paths), transactions.
///
/// Not thread-safe on its own (opened with `SQLITE_OPEN_NOMUTEX`): its owner (`SQLiteStore`)
/// serialises every call with a lock. Connection settings: WAL, `foreign_keys=ON`,
/// `busy_timeout`, and `synchronous=NORMAL` by default with per-transaction durability (see
/// `transaction(durable:_:)`).
package final class Database {
    package let handle: OpaquePointer
    package let path: String
    private var cache: [String: Statement] = [:]
    private var synchronousFull = false
    /// Frames in the WAL after this connection's last commit, once `recordWALFrames` is on.
    private let walFrameCount = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    static let cacheLimit = 256

    /// Opens a connection. `flags` are `SQLITE_OPEN_*` (`READWRITE`/`CREATE`…); NOMUTEX and
    /// EXRESCODE are added. The file is not read until the first statement runs.
    package init(path: String, flags: Int32, busyTimeout: TimeInterval = 5) throws {
        Self.configureLibrary
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard rc == SQLITE_OK, let db else {
            let error: StorageError
            if let db {
                error = Database.error(db: db, code: rc, sql: nil)
                sqlite3_close_v2(db)
            } else {
                error = .sqlite(code: rc, message: Database.describe(rc), sql: nil)
            }
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        setBusyTimeout(busyTimeout)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
        walFrameCount.deallocate()
    }

    /// Replaces SQLite's automatic checkpoint on this connection, which runs inside the commit —
    /// while the owner still holds its lock, so a desk's check-in waited behind a 64 MB copy
    /// (issue #18) — by a count of the WAL's frames (`walFrames`); the owner checkpoints on a
    /// connection of its own (`WALCheckpointer`) after letting go of the lock.
    package func recordWALFrames() {
        walFrameCount.pointee = 0
        csqlite_record_wal_frames(handle, walFrameCount)
    }

    /// Frames in the WAL after this connection's last commit (0 before `recordWALFrames`).
    package var walFrames: Int { Int(walFrameCount.pointee) }

    /// Process-wide settings, before SQLite initialises (the first open): memory statistics off
    /// (nothing reads them, and they cost a global mutex on every allocation — a tenth of an
    /// import's instructions). Refused harmlessly when SQLite is already initialised.
    private static let configureLibrary: Void = { _ = csqlite_config_memstatus(0) }()

    /// How long a statement waits for another connection's lock before failing with BUSY.
    ///
    /// SQLite's own busy timeout sleeps 1, 2, 5, 10, 15, 20, 25… ms between attempts: behind an
    /// import that frees the lock for a millisecond every few (group commit, `GroupCommit`) it
    /// would keep missing the gaps. This handler tries again every `busyPollInterval`, so a
    /// check-in waits one import transaction, not a lucky draw of them.
    package func setBusyTimeout(_ seconds: TimeInterval) {
        let attempts = Int(max(0, min(seconds / Self.busyPollInterval, Double(Int32.max))))
        guard attempts > 0 else {
            sqlite3_busy_handler(handle, nil, nil)
            return
        }
        sqlite3_busy_handler(handle, { context, count in
            guard Int(count) < Int(bitPattern: context) else { return 0 }
            usleep(useconds_t(Database.busyPollInterval * 1_000_000))
            return 1
        }, UnsafeMutableRawPointer(bitPattern: attempts))
    }

    /// How often a connection waiting for another's write lock tries again.
    package static let busyPollInterval: TimeInterval = 0.0005

    // MARK: Running SQL

    /// Runs one or more statements that take no parameters (schema, pragmas).
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? Database.describe(rc)
            sqlite3_free(message)
            throw StorageError.sqlite(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// A new statement, finalised when released.
    package func prepare(_ sql: String) throws -> Statement { try Statement(db: handle, sql: sql) }

    /// A cached statement for a hot path, reset and with its bindings cleared.
    package func cached(_ sql: String) throws -> Statement {
        if let statement = cache[sql] {
            statement.clear()
            return statement
        }
        let statement = try prepare(sql)
        // Search SQL varies with the number of terms: keep the cache bounded. A statement a
        // caller still holds stays valid (it is finalised when released).
        if cache.count >= Database.cacheLimit { cache.removeAll() }
        cache[sql] = statement
        return statement
    }

    /// Runs a parameterised statement (cached) that returns no rows.
    package func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try cached(sql)
        try statement.bindAll(values)
        try statement.run()
    }

    /// Value of the first column of the first row of a query (e.g. a PRAGMA).
    package func scalarText(_ sql: String) throws -> String? {
        try prepare(sql).firstRow { $0.optionalText(0) } ?? nil
    }

    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the most recent INSERT/UPDATE/DELETE.
    package var changes: Int { Int(sqlite3_changes64(handle)) }
    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// `PRAGMA user_version`, the schema version written by migrations.
    package func userVersion() throws -> Int {
        try prepare("PRAGMA user_version").firstRow { $0.int(0) } ?? 0
    }

    /// Changes whenever another connection commits (not on this connection's own commits).
    package func dataVersion() throws -> Int64 {
        try cached("PRAGMA data_version").firstRow { $0.int64(0) } ?? 0
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// - It starts with `BEGIN IMMEDIATE`, taking the write lock up front: two processes that
    ///   both read then write can never deadlock on the read→write upgrade, and a re-read inside
    ///   the body sees the latest committed state (check-in race safety).
    /// - `durable: true` commits with `synchronous=FULL` (the WAL is fsynced before COMMIT
    ///   returns: survives power loss); `false` uses NORMAL (survives a process crash; a power
    ///   cut may lose the last transactions but never corrupts). Local work (check-ins, VIP,
    ///   prints, admin changes) is durable; provider pages, which a resumed import re-fetches,
    ///   are not, which keeps a 2 000-page import from paying 2 000 fsyncs.
    /// - Nested calls run inside a SAVEPOINT of the outer transaction.
    package func transaction<T>(durable: Bool = true, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            try execute("SAVEPOINT nested")
            do {
                let result = try body()
                try execute("RELEASE nested")
                return result
            } catch {
                try? execute("ROLLBACK TO nested")
                try? execute("RELEASE nested")
                throw error
            }
        }
        try setSynchronous(full: durable)
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    private func setSynchronous(full: Bool) throws {
        guard full != synchronousFull else { return }
        try execute(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL")
        synchronousFull = full
    }

    /// Records the synchronous level set by the opener.
    package func assumeSynchronous(full: Bool) { synchronousFull = full }

    // MARK: Errors

    /// SQLite's English text for a result code.
    static func describe(_ code: Int32) -> String {
        sqlite3_errstr(code).map { String(cString: $0) } ?? "error \(code)"
    }

    static func error(db: OpaquePointer, code: Int32, sql: String?) -> StorageError {
        let extended = sqlite3_extended_errcode(db)
        let useExtended = (extended & 0xff) == (code & 0xff)
        return .sqlite(code: useExtended ? extended : code, message: String(cString: sqlite3_errmsg(db)), sql: sql)
    }
}
