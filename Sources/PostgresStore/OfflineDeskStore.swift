import BadgeCore
import Foundation
import Storage

/// A desk on the shared store that keeps working when the server cannot be reached (SPEC §11.1).
///
/// While connected every call goes to the server (`PostgresStore`) as before, and a background
/// worker keeps the desk's replica of its open events current on a connection of its own. When
/// the server goes away, the desk's work goes on against the replica: search, scans, check-in,
/// undo, force, VIP, corrections, notes, walk-ins and prints are written to the replica and to the
/// durable outbox (`DeskReplica`) before they are confirmed; whatever only the server can do
/// (imports, syncs, integrations, templates, members) is refused with one line. The worker tries
/// the server again with backoff (no key needed); once it answers, the outbox replays in door-time
/// order (`PostgresStore.replay`), the conflicts this desk lost are kept for the operator, the
/// replica is copied afresh, and calls go to the server again.
public final class OfflineDeskStore: @unchecked Sendable {
    /// What the desk is doing with the server.
    public enum Connection: Sendable, Equatable {
        case online
        /// Working on the replica since `since`.
        case offline(since: Date)
        /// The server is back; the outbox is being replayed.
        case replaying
    }

    /// The header's facts (SPEC §11.1 `✖ Server unreachable · 12 queued`).
    public struct Status: Sendable, Equatable {
        public var connection: Connection
        public var queued: Int
        /// When the replica of the open event was last brought up to date (nil: never).
        public var replicaAge: Date?
        /// True when this process started while the server was down (the banner).
        public var startedOffline: Bool
        /// The conflicts this desk lost and nobody dismissed yet.
        public var conflicts: [OfflineConflict]
    }

    let url: String
    public let desk: String
    let replica: DeskReplica
    let mirror: ReplicaMirror
    let options: PostgresStore.Options
    /// Guards `primary`, `connection`, `dirty`, `bumps`, `conflicts`, `lastIntegrations`, `startedOffline`.
    let lock = NSLock()
    /// Serialises the desk's offline writes (the replica's state decides each outcome).
    let offlineLock = NSLock()
    var primary: PostgresStore?
    var connection: Connection
    /// Something changed that the replica should pick up (this desk wrote; another desk did).
    var dirty = true
    var lastFeed: Int64 = -1
    /// Moves when the source of the answers changes (online ⇄ replica) or a replay ends.
    var bumps: Int64 = 0
    var lostConflicts: [OfflineConflict] = []
    var lastIntegrations: [Integration] = []
    public private(set) var startedOffline = false
    var probeDelay: TimeInterval = 0.5
    var nextProbe = Date.distantPast
    var needsWholeCopy: Set<Int64> = []
    /// The events this desk keeps a copy of (read from the replica once; guarded by `lock`): the
    /// console's queries ask on every key press, so this is not a query.
    var openedEvents: Set<Int64>?
    /// Events whose copy an offline read has found (guarded by `lock`).
    var copiedEvents: Set<Int64> = []
    /// When the replica was last refreshed: at most every `refreshEvery` seconds while connected
    /// (a refresh reads the rows changed since; a whole copy waits for nothing).
    var lastRefresh = Date.distantPast
    public var refreshEvery: TimeInterval = 2
    private var worker: DispatchSourceTimer?
    private let workerQueue = DispatchQueue(label: "badge.offline-desk")

    /// Connects to `url` as `options.desk`, or — when the server cannot be reached and this desk
    /// has a replica — opens the replica and works offline. `dataDirectory` holds the replicas.
    /// With no replica and no server, fails with one line that says this desk has never seen an
    /// event of that server.
    public static func open(url: String, options: PostgresStore.Options, dataDirectory: String) throws -> OfflineDeskStore {
        let server = DatabaseLocation.redact(url).replacingOccurrences(of: "postgresql://", with: "")
            .replacingOccurrences(of: "postgres://", with: "")
        let path = DeskReplica.path(dataDirectory: dataDirectory, desk: options.desk, server: server)
        var primaryOptions = options
        primaryOptions.reconnectWindow = min(options.reconnectWindow, 1.5)
        do {
            let primary = try PostgresStore.open(url: url, options: primaryOptions)
            let replica = try DeskReplica.open(path: path)
            let store = OfflineDeskStore(url: url, options: primaryOptions, replica: replica, primary: primary)
            try store.replayIfNeeded()
            return store
        } catch let error as StorageError where error.isConnectionLost {
            guard DeskReplica.exists(path: path) else {
                throw StorageError.connection(target: DatabaseLocation.redact(url), reason:
                    "\(Self.reason(error)) — and desk \(options.desk) has never opened an event of this server, "
                    + "so it has no copy to work on")
            }
            let replica = try DeskReplica.open(path: path)
            let store = OfflineDeskStore(url: url, options: primaryOptions, replica: replica, primary: nil)
            store.startedOffline = true
            return store
        }
    }

    private init(url: String, options: PostgresStore.Options, replica: DeskReplica, primary: PostgresStore?) {
        self.url = url
        self.desk = options.desk
        self.options = options
        self.replica = replica
        self.primary = primary
        mirror = ReplicaMirror(url: url, desk: options.desk, replica: replica)
        connection = primary == nil ? .offline(since: Date()) : .online
    }

    deinit { worker?.cancel() }

    /// The server's URL with any password hidden.
    public var target: String { DatabaseLocation.redact(url) }
    /// Where this desk's replica lives.
    public var replicaPath: String { replica.path }

    static func reason(_ error: StorageError) -> String {
        if case .connection(_, let reason) = error { return reason }
        return error.description
    }

    /// The server's store while connected (nil while offline or replaying).
    var online: PostgresStore? {
        lock.withLock { connection == .online ? primary : nil }
    }

    // MARK: Status

    public func status(eventId: Int64? = nil) -> Status {
        let queued = (try? replica.queuedCount()) ?? 0
        let copies = (try? replica.mirroredEvents()) ?? [:]
        let age: Date? = eventId.map { copies[$0] ?? nil } ?? copies.values.compactMap { $0 }.max()
        return lock.withLock {
            Status(connection: connection, queued: queued, replicaAge: age, startedOffline: startedOffline,
                   conflicts: lostConflicts)
        }
    }

    /// The replica's own view for `badge desk status`.
    public func replicaStatus() throws -> ReplicaStatus { try replica.status() }

    /// Dismisses the conflicts this desk lost (on the server too when it can be reached).
    public func acknowledgeConflicts() {
        lock.withLock { lostConflicts = [] }
        try? online?.acknowledgeConflicts(desk: desk, at: Date())
        lock.withLock { bumps += 1 }
    }

    // MARK: The worker

    /// Starts the background worker: replica refreshes while connected, reconnection with backoff
    /// and replay while not. `interval`: how often it looks (the console: 0.5 s).
    public func startWorker(interval: TimeInterval = 0.5) {
        let timer = DispatchSource.makeTimerSource(queue: workerQueue)
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.withLock { worker = timer }
        timer.resume()
    }

    /// Runs a step of the worker now (an event was just opened: copy it without waiting).
    func poke() {
        guard lock.withLock({ worker != nil }) else { return }
        workerQueue.async { [weak self] in self?.tick() }
    }

    public func stopWorker() {
        lock.withLock {
            worker?.cancel()
            worker = nil
        }
    }

    /// One step of the worker (also called by tests and one-shot commands).
    public func tick() {
        switch lock.withLock({ connection }) {
        case .online: refreshReplica()
        case .offline: probe()
        case .replaying: break
        }
    }

    /// Marks the server gone after a call found it so (the call then goes to the replica).
    func wentOffline() {
        lock.withLock {
            if case .online = connection {
                connection = .offline(since: Date())
                bumps += 1
                probeDelay = 0.5
                nextProbe = Date().addingTimeInterval(probeDelay)
            }
        }
        mirror.disconnect()
    }

    /// While offline: asks the server again when the backoff says so (0.5 s doubling to 8 s).
    private func probe() {
        let due = lock.withLock { Date() >= nextProbe }
        guard due else { return }
        do {
            let server: PostgresStore
            if let existing = lock.withLock({ primary }) {
                try existing.ping()
                server = existing
            } else {
                server = try PostgresStore.open(url: url, options: options)
                lock.withLock { primary = server }
            }
            _ = server
            lock.withLock { connection = .replaying }
            try replayIfNeeded()
        } catch {
            lock.withLock {
                if connection == .replaying { connection = .offline(since: Date()) }
                probeDelay = min(probeDelay * 2, 8)
                nextProbe = Date().addingTimeInterval(probeDelay)
            }
        }
    }

    /// Keeps the replica of every open event current: whole the first time (and after a replay),
    /// otherwise only what changed, and only when something did.
    private func refreshReplica() {
        guard let server = online else { return }
        let feed = (try? server.externalChangeCounter()) ?? 0
        let (due, whole) = lock.withLock { () -> (Bool, Set<Int64>) in
            let changed = dirty || feed != lastFeed
            let due = !needsWholeCopy.isEmpty || (changed && Date().timeIntervalSince(lastRefresh) >= refreshEvery)
            guard due else { return (false, []) }
            dirty = false
            lastFeed = feed
            lastRefresh = Date()
            return (true, needsWholeCopy)
        }
        guard due else { return }
        do {
            for (eventId, refreshed) in try replica.mirroredEvents() {
                try mirror.refresh(eventId: eventId, whole: refreshed == nil || whole.contains(eventId))
                lock.withLock { _ = needsWholeCopy.remove(eventId) }
            }
            if let conflicts = try? server.offlineConflicts(desk: desk) {
                lock.withLock {
                    if conflicts != lostConflicts { bumps += 1 }
                    lostConflicts = conflicts
                }
            }
        } catch let error as StorageError where error.isConnectionLost {
            lock.withLock { dirty = true }
            wentOffline()
        } catch {
            lock.withLock { dirty = true }
        }
    }

    /// Replays the outbox in door-time order; on success the desk is online again. Stops at the
    /// first lost connection (the rest stays queued, in order).
    func replayIfNeeded() throws {
        guard let server = lock.withLock({ primary }) else { return }
        var replayed = 0
        var lost: [OfflineConflict] = []
        while true {
            // Writes made during the replay are queued too, so door-time order holds to the end.
            let ops = try replica.queued()
            if ops.isEmpty {
                let goneOnline = lock.withLock { () -> Bool in
                    let wasOffline = connection != .online
                    connection = .online
                    if wasOffline { bumps += 1 }
                    return wasOffline
                }
                if replayed > 0 || goneOnline {
                    lock.withLock {
                        needsWholeCopy.formUnion(((try? replica.mirroredEvents()) ?? [:]).keys)
                        dirty = true
                    }
                }
                if replayed > 0 {
                    let summary = OfflineConflict.summary(lost) ?? "nothing conflicted"
                    try? replica.recordReplay(at: Date(), summary: "\(replayed) replayed; \(summary)")
                }
                if let conflicts = try? server.offlineConflicts(desk: desk) {
                    lock.withLock { lostConflicts = conflicts }
                }
                return
            }
            for op in ops {
                let outcome: ReplayOutcome
                do {
                    outcome = try server.replay(op)
                } catch let error as StorageError where error.isConnectionLost {
                    throw error
                } catch {
                    // A write the server refuses (not a lost connection) must not block the queue.
                    try replica.markReplayed(op, state: "SKIPPED", result: "\(error)", at: Date())
                    replayed += 1
                    continue
                }
                replayed += 1
                switch outcome {
                case .applied: try replica.markReplayed(op, state: "APPLIED", result: "applied", at: Date())
                case .alreadyApplied: try replica.markReplayed(op, state: "DUPLICATE", result: "already applied", at: Date())
                case .skipped(let why): try replica.markReplayed(op, state: "SKIPPED", result: why, at: Date())
                case .conflict(let conflict):
                    if conflict.loserDesk == desk { lost.append(conflict) }
                    try replica.markReplayed(op, state: "CONFLICT", result: Self.describe(conflict), at: Date())
                }
            }
        }
    }

    static func describe(_ conflict: OfflineConflict) -> String {
        let when = conflict.winnerAt.map(ISO8601.format) ?? "—"
        return "\(conflict.attendeeName): \(conflict.winnerDesk) at \(when) wins over \(conflict.loserDesk) at "
            + ISO8601.format(conflict.loserAt)
    }

    /// One line for a call only the server can answer while it is away.
    var unreachable: StorageError {
        .connection(target: target, reason: "the server cannot be reached; this desk works on its own copy "
                    + "(check-in, search, VIP, print) until it is back")
    }
}
