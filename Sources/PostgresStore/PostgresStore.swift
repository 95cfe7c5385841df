import BadgeCore
import Foundation
import Storage

/// `BadgeStore` on a PostgreSQL server: several desks, one event (SPEC §11, ARCHITECTURE §2).
///
/// One connection for statements, guarded by a lock (the console and the sync engine share the
/// store, as with SQLite), and one more for the change feed (`PGChangeListener`). Every mutating
/// call is one transaction. When the server goes away mid-call (a restart, a cut network, a
/// killed backend) the call reconnects and runs again; each call carries an operation id, and the
/// writes that would not be idempotent (a check-in, a print, an audit line, a wrong PIN, a new
/// event) record it in the same transaction, so a call whose COMMIT reached the server but whose
/// reply was lost finds its own work on the retry instead of doing it twice.
public final class PostgresStore: BadgeStore, @unchecked Sendable {
    public struct Options: Sendable {
        /// This desk's name (SPEC §11 "Desk identity"), recorded with every check-in and print.
        public var desk: String
        /// Create or migrate the schema (`badge db init`); otherwise an empty or older database
        /// is refused with a message that says to run it.
        public var migrate: Bool
        /// How long a call keeps reconnecting after the server went away before it fails.
        public var reconnectWindow: TimeInterval
        /// Listen for other desks' changes (the console and `badge watch` do; one-shot CLI
        /// commands need not).
        public var listen: Bool
        /// Whether this store's change feed counts as a desk online (`desksOnline`); a print
        /// station listens (to wake at once) without being a desk.
        public var countsAsDesk: Bool

        public init(desk: String, migrate: Bool = false, reconnectWindow: TimeInterval = 6, listen: Bool = true,
                    countsAsDesk: Bool = true) {
            self.desk = desk
            self.migrate = migrate
            self.reconnectWindow = reconnectWindow
            self.listen = listen
            self.countsAsDesk = countsAsDesk
        }
    }

    private let lock = NSLock()
    let connection: PGConnection
    let options: Options
    /// The in-memory search index of the last searched event (guarded by `lock`), and the oldest
    /// transaction still running when it was last read (`PostgresStore+Query`).
    var searchCache: SearchCache? {
        didSet { if searchCache == nil { searchLowWater = nil } }
    }
    var searchLowWater: Int64?
    /// Rows this store inserted since it last analysed `attendees`, and the rows then (`lock`).
    var insertedSinceAnalyze = 0
    var analyzedRows = 0
    private let listener: PGChangeListener?
    /// True when the change feed tells this store about other desks' commits (`Options.listen`).
    var followsChanges: Bool { listener != nil }
    /// The backend holding `badge db copy`'s read snapshot (guarded by `lock`; nil: none open).
    var copySnapshotBackend: Int32?
    /// The sync leadership locks of this desk (`PostgresStore+Coordination`).
    let leases: PGLeases
    /// The schema version found when this store connected (before any migration it ran).
    public private(set) var migratedFrom = 0

    /// The server's URL with any password hidden.
    public var target: String { connection.target }
    public var desk: String { options.desk }

    private init(connection: PGConnection, options: Options, listener: PGChangeListener?) {
        self.connection = connection
        self.options = options
        self.listener = listener
        leases = PGLeases(url: connection.url, applicationName: "badge \(options.desk) (lease)")
    }

    deinit {
        listener?.stop()
        leases.releaseAll()
    }

    /// Connects to `url` and checks (or, with `options.migrate`, brings) the schema up to date.
    public static func open(url: String, options: Options) throws -> PostgresStore {
        let name = "badge \(options.desk)"
        let connection = try PGConnection(url: url, applicationName: name)
        let before = try PGMigrator.version(connection)
        try PGMigrator.prepare(connection, migrate: options.migrate)
        let feed = name + (options.countsAsDesk ? " (feed)" : " (station feed)")
        let listener = options.listen ? try PGChangeListener(url: url, applicationName: feed) : nil
        let store = PostgresStore(connection: connection, options: options, listener: listener)
        store.migratedFrom = before
        listener?.ownBackend = { [weak store] in store?.currentBackendPID ?? 0 }
        listener?.start()
        return store
    }

    /// The write connection's backend (its own notifications are not "external").
    private let pidLock = NSLock()
    private var backendPID: Int32 = 0
    var currentBackendPID: Int32 { pidLock.lock(); defer { pidLock.unlock() }; return backendPID }

    public func schemaVersion() throws -> Int { try read { try PGMigrator.version($0) } }

    /// Another desk's commits (and a reconnect of the feed, after which anything may have
    /// changed) move it; this store's own writes do not.
    public func externalChangeCounter() throws -> Int64 { listener?.counter ?? 0 }

    /// A new operation id for one logical write (kept across its retries).
    static func operationID() -> String { UUID().uuidString.lowercased() }

    // MARK: Running statements

    /// Runs `body` with the connection, holding the lock, reconnecting after a lost connection.
    @discardableResult
    func read<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try run(transaction: false, body)
    }

    /// Runs `body` in one transaction (BEGIN … COMMIT), holding the lock; after a lost connection
    /// it reconnects and runs the whole body again, so bodies are written to be re-run (they
    /// re-read what they decide on, and record their operation id where a repeat would count twice).
    @discardableResult
    func write<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try run(transaction: true, body)
    }

    /// `write` whose commit does not wait for the server's disk (`synchronous_commit = off`,
    /// sent with the BEGIN): for data that can be fetched again, like an import page together
    /// with its checkpoint. A later synchronous commit flushes it, so order is kept.
    @discardableResult
    func writeRefetchable<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try run(transaction: true, begin: "BEGIN; SET LOCAL synchronous_commit = off", body)
    }

    /// `writeRefetchable`, run again when another desk committed the same new unique row first (SQLSTATE
    /// 23505, e.g. two desks importing one page at once): the retry's statements see that
    /// desk's commit, as the second writer on SQLite would, since its writers take turns.
    @discardableResult
    func writeAfterUniqueRace<T>(_ body: (PGConnection) throws -> T) throws -> T {
        var attempts = 0
        while true {
            do {
                return try writeRefetchable(body)
            } catch let error as StorageError where error.isUniqueViolation && attempts < 3 {
                attempts += 1
            }
        }
    }

    private func run<T>(transaction: Bool, begin: String = "BEGIN", _ body: (PGConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var delay = 0.1
        while true {
            do {
                if !connection.isHealthy {
                    try connection.connect()
                    searchCache = nil
                }
                downSince = nil
                noteBackend()
                if transaction { try connection.execute(begin) }
                let result = try body(connection)
                if transaction { try connection.execute("COMMIT") }
                return result
            } catch let error as StorageError where error.isConnectionLost {
                // Ride through a restart: calls keep trying while the server has been gone for
                // less than the window, counted from when it went away (not from each call), so
                // once it has been down longer every call fails at once with the reason.
                searchCache = nil
                let now = Date()
                let since = downSince ?? now
                downSince = since
                guard now.addingTimeInterval(delay) < since.addingTimeInterval(options.reconnectWindow) else { throw error }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 1)
            } catch {
                if transaction {
                    searchCache = nil
                    if connection.isHealthy { try? connection.execute("ROLLBACK") }
                }
                throw error
            }
        }
    }

    /// When the server was first found gone (nil while connected); guarded by `lock`.
    private var downSince: Date?

    private func noteBackend() {
        let pid = connection.backendPID
        pidLock.lock()
        backendPID = pid
        pidLock.unlock()
    }

    // MARK: Maintenance

    /// PostgreSQL needs no checkpoint after an import; fresh statistics help the planner with an
    /// event that just grew by 100 000 rows (best effort, never fails the caller).
    public func settleAfterBulkWrite() {
        _ = try? read { try $0.execute("ANALYZE attendees") }
    }

    // MARK: Audit

    public func recordAudit(operatorName: String, action: String, detail: String, at: Date) throws {
        let op = Self.operationID()
        try write { c in try insertAudit(c, operatorName: operatorName, action: action, detail: detail, at: at, op: op) }
    }

    func insertAudit(_ c: PGConnection, operatorName: String, action: String, detail: String, at: Date,
                     op: String) throws {
        try c.query("""
            INSERT INTO audit_log (at, operator, action, detail, desk, op_id) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (op_id) DO NOTHING
            """, [.integer(DateCoding.milliseconds(at)), .text(operatorName), .text(action), .text(detail),
                  .text(options.desk), .text(op)])
    }

    /// The most recent audit entries, newest first.
    public func auditLog(limit: Int = 100) throws -> [AuditEntry] {
        try read { c in
            let r = try c.query("SELECT id, at, operator, action, detail FROM audit_log ORDER BY id DESC LIMIT $1",
                                [.integer(Int64(limit))])
            return (0..<r.count).map {
                AuditEntry(id: r.int64($0, 0), at: r.date($0, 1) ?? Date(timeIntervalSince1970: 0),
                           operatorName: r.text($0, 2), action: r.text($0, 3), detail: r.text($0, 4))
            }
        }
    }
}
