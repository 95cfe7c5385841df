import BadgeCore
import CSQLite
import Foundation

/// The SQLite implementation of `BadgeStore` (one database file per workspace, SPEC §8).
///
/// One connection guarded by a lock: the sync engine's actor and the UI thread both call it, and
/// every call is short (one transaction, prepared statements reused). Several processes (the
/// console and a CLI command, two desks on one file) are safe too: WAL lets readers run beside
/// the writer, writers take the lock up front (`BEGIN IMMEDIATE`) and wait up to the busy timeout.
public final class SQLiteStore: BadgeStore, @unchecked Sendable {
    /// Opening options.
    public struct Options: Sendable {
        /// How long a write waits for another process's lock before failing (default 5 s).
        public var busyTimeout: TimeInterval
        /// Run `PRAGMA quick_check` when opening an existing file (O(database size)).
        public var quickCheck: Bool

        /// WAL frames after a commit that call for a checkpoint (`WALCheckpointer`; 64 MB, the
        /// `wal_autocheckpoint` the store used before).
        public var checkpointFrames: Int

        public init(busyTimeout: TimeInterval = 5, quickCheck: Bool = true,
                    checkpointFrames: Int = 16_384) {
            self.busyTimeout = busyTimeout
            self.quickCheck = quickCheck
            self.checkpointFrames = max(1, checkpointFrames)
        }
    }

    private let lock = NSLock()
    /// Threads blocked in `locked` (read by group commit, `mergePages`).
    private let waiting = WaitCounter()
    /// When the last group-committed import transaction ended (uptime ns; guarded by `waiting`).
    private var lastGroupCommit: UInt64 = 0
    let db: Database
    /// Events whose last merged page met no existing row: the next page is inserted first
    /// (`merge`; guarded by `lock`).
    var pagesOfNewRows = Set<Int64>()
    /// The in-memory search index of the last searched event (guarded by `lock`).
    var searchCache: SearchCache?
    /// The database path (":memory:" for an in-memory store).
    public let path: String

    /// This file's key in `OpenDatabases` (nil in memory).
    private let openKey: String?
    /// Checkpoints the WAL off the store's lock (nil in memory).
    let checkpointer: WALCheckpointer?
    private let checkpointFrames: Int

    private init(db: Database, path: String, openKey: String? = nil,
                 checkpointFrames: Int) {
        self.db = db
        self.path = path
        self.openKey = openKey
        self.checkpointFrames = checkpointFrames
        if let openKey {
            OpenDatabases.shared.opened(openKey)
            db.recordWALFrames()
            checkpointer = WALCheckpointer(path: path)
        } else {
            checkpointer = nil
        }
    }

    deinit {
        if let openKey { OpenDatabases.shared.closed(openKey) }
    }

    /// Opens (creating when missing) the database at `path` and migrates it to the latest schema.
    ///
    /// The parent directory is created with mode 0700 and a new file with mode 0600 (the WAL and
    /// SHM files too). A file that is not a SQLite database, or fails the quick check, is refused
    /// with `StorageError.corruptDatabase` and left byte-for-byte as it was.
    public static func open(path: String, options: Options = Options()) throws -> SQLiteStore {
        try DatabaseFile.ensureParentDirectory(of: path)
        let created = try DatabaseFile.createIfMissing(path)
        let key = OpenDatabases.key(path)
        // A file this process already has open passed the check, and reading it through a
        // descriptor of our own would drop SQLite's locks on it when closed (`OpenDatabases`).
        if !created && !OpenDatabases.shared.isOpen(key) { try DatabaseFile.checkHeader(path) }
        let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE, busyTimeout: options.busyTimeout)
        do {
            // First read of the file: NOTADB/CORRUPT surface here, before anything is written.
            _ = try db.prepare("SELECT count(*) FROM sqlite_schema").firstRow { $0.int(0) }
            // Another application's database is refused before anything (WAL, mode, tables) changes.
            let stampNeeded = try ApplicationID.check(db, path: path)
            if options.quickCheck && !created {
                let result = try db.scalarText("PRAGMA quick_check") ?? ""
                if result != "ok" { throw StorageError.corruptDatabase(path: path, detail: result) }
            }
            let mode = try db.scalarText("PRAGMA journal_mode=WAL")
            guard mode?.lowercased() == "wal" else {
                throw StorageError.cannotOpen(path: path, reason: "cannot enable WAL (journal mode \(mode ?? "?"))")
            }
            try configure(db)
            DatabaseFile.restrictPermissions(path)
            try Migrations.migrate(db)
            if stampNeeded { try ApplicationID.stamp(db) }
            DatabaseFile.restrictPermissions(path)  // side files created by the first write
        } catch let error as StorageError {
            if let code = error.primaryCode, code == SQLITE_NOTADB || code == SQLITE_CORRUPT {
                throw StorageError.corruptDatabase(path: path, detail: error.debugDescription)
            }
            throw error
        }
        return SQLiteStore(db: db, path: path, openKey: key, checkpointFrames: options.checkpointFrames)
    }

    /// SPEC §4 default database path: `$XDG_DATA_HOME/badge/badge.sqlite`, falling back to
    /// `~/.local/share/badge/badge.sqlite` (a relative or empty XDG_DATA_HOME is ignored, as the
    /// XDG spec requires). `--db` and `BADGE_DB` are the CLI's business.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".local/share")
        }
        return ((base as NSString).appendingPathComponent("badge") as NSString).appendingPathComponent("badge.sqlite")
    }

    /// A private in-memory database with the full schema, for tests and the demo.
    public static func inMemory() throws -> SQLiteStore {
        let db = try Database(path: ":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        try configure(db)
        try Migrations.migrate(db)
        try ApplicationID.stamp(db)
        return SQLiteStore(db: db, path: ":memory:", checkpointFrames: Options().checkpointFrames)
    }

    private static func configure(_ db: Database) throws {
        // 32 MB page cache: a 100 000-attendee event's search index and sort indexes stay in memory.
        try db.execute("""
            PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;
            PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=16384
            """)
        db.assumeSynchronous(full: false)
    }

    /// Schema version of the open database (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int { try locked { try $0.userVersion() } }

    /// `PRAGMA data_version` of this connection: other connections' commits change it.
    public func externalChangeCounter() throws -> Int64 { try locked { try $0.dataVersion() } }

    /// Runs `body` with the connection, holding the lock.
    func locked<T>(_ body: (Database) throws -> T) throws -> T {
        if !lock.try() {
            waiting.withLock { $0 += 1 }
            lock.lock()
            waiting.withLock { $0 -= 1 }
        }
        defer { lock.unlock() }
        return try body(db)
    }

    /// Whether another thread of this process waits for the connection (a desk's check-in
    /// behind an import's transaction): the import commits at its next page boundary.
    var writersWaiting: Bool { waiting.withLock { $0 > 0 } }

    /// Before a group-committed import transaction: leaves the write lock free for `gap` since
    /// the previous one ended (whichever `mergePages` call wrote it), long enough for a waiting
    /// writer here or in another process to take it.
    func yieldWriteLock(for gap: TimeInterval) {
        guard gap > 0 else { return }
        let since = Double(DispatchTime.now().uptimeNanoseconds &- waiting.withLock { _ in lastGroupCommit }) / 1e9
        guard since < gap else { return }
        usleep(useconds_t((gap - since) * 1_000_000))
    }

    /// Notes when a group-committed transaction ended (see `yieldWriteLock`).
    func groupCommitEnded() {
        let now = DispatchTime.now().uptimeNanoseconds
        waiting.withLock { _ in lastGroupCommit = now }
    }

    /// Runs `body` in one transaction (BEGIN IMMEDIATE), holding the lock.
    /// A failed write also drops the search cache, which the body may have updated before the
    /// rollback.
    ///
    /// A commit that leaves the WAL over `Options.checkpointFrames` runs a checkpoint on the
    /// checkpointer's connection once the lock is released (`WALCheckpointer`).
    func write<T>(durable: Bool = true, _ body: (Database) throws -> T) throws -> T {
        var checkpointDue = false
        defer { if checkpointDue { checkpointer?.checkpoint() } }
        return try locked { db in
            defer { checkpointDue = db.walFrames >= checkpointFrames }
            do {
                return try db.transaction(durable: durable) { try body(db) }
            } catch {
                searchCache = nil
                throw error
            }
        }
    }

    // MARK: Integrations

    @discardableResult
    public func saveIntegration(_ integration: Integration) throws -> Integration {
        try write { db in
            let s = try db.cached("""
                INSERT INTO integrations (provider, status, account_label, credential, base_url, connected_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (provider) DO UPDATE SET status = excluded.status,
                    account_label = excluded.account_label, credential = excluded.credential,
                    base_url = excluded.base_url, connected_at = excluded.connected_at
                RETURNING id
                """)
            try s.bind(1, integration.provider.rawValue)
            try s.bind(2, integration.status.rawValue)
            try s.bind(3, integration.accountLabel)
            try s.bind(4, integration.credential)
            try s.bind(5, integration.baseURL)
            try s.bind(6, integration.connectedAt)
            var saved = integration
            saved.id = try s.firstRow { $0.int64(0) } ?? 0
            saved.connectedAt = DateCoding.quantised(integration.connectedAt)
            return saved
        }
    }

    private static let integrationColumns = "id, provider, status, account_label, credential, base_url, connected_at"

    private static func decodeIntegration(_ s: Statement) -> Integration {
        Integration(id: s.int64(0), provider: Provider(rawValue: s.text(1)) ?? .eventbrite,
                    status: IntegrationStatus(rawValue: s.text(2)) ?? .disconnected,
                    accountLabel: s.text(3), credential: s.text(4), baseURL: s.text(5),
                    connectedAt: s.date(6) ?? Date(timeIntervalSince1970: 0))
    }

    public func integrations() throws -> [Integration] {
        try locked { db in
            var result: [Integration] = []
            try db.cached("SELECT \(Self.integrationColumns) FROM integrations ORDER BY provider")
                .forEachRow { result.append(Self.decodeIntegration($0)) }
            return result
        }
    }

    public func integration(provider: Provider) throws -> Integration? {
        try locked { db in
            let s = try db.cached("SELECT \(Self.integrationColumns) FROM integrations WHERE provider = ?1")
            try s.bind(1, provider.rawValue)
            return try s.firstRow(Self.decodeIntegration)
        }
    }

    public func integration(id: Int64) throws -> Integration? {
        try locked { db in
            let s = try db.cached("SELECT \(Self.integrationColumns) FROM integrations WHERE id = ?1")
            try s.bind(1, id)
            return try s.firstRow(Self.decodeIntegration)
        }
    }

    public func setIntegrationStatus(id: Int64, _ status: IntegrationStatus) throws {
        try write { db in
            try db.run("UPDATE integrations SET status = ?1 WHERE id = ?2", [.text(status.rawValue), .integer(id)])
            if db.changes == 0 { throw StorageError.notFound("integration \(id)") }
        }
    }

    public func deleteIntegration(provider: Provider) throws {
        try write { db in
            try db.run("DELETE FROM integrations WHERE provider = ?1", [.text(provider.rawValue)])
        }
    }

    // MARK: Audit log

    public func recordAudit(operatorName: String, action: String, detail: String, at: Date) throws {
        try write { db in try Self.insertAudit(db, operatorName: operatorName, action: action, detail: detail, at: at) }
    }

    static func insertAudit(_ db: Database, operatorName: String, action: String, detail: String, at: Date) throws {
        let s = try db.cached("INSERT INTO audit_log (at, operator, action, detail) VALUES (?1, ?2, ?3, ?4)")
        try s.bind(1, at)
        try s.bind(2, operatorName)
        try s.bind(3, action)
        try s.bind(4, detail)
        try s.run()
    }
}
