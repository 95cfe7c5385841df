import BadgeCore
import Foundation

/// A desk's own copy of the shared events it has open, and its durable outbox (SPEC §11.1).
///
/// One SQLite file per server and desk under the data directory (`replicas/DESK@SERVER.sqlite`),
/// with the same schema as a laptop's database (so every read the console makes works on it as
/// `store`), plus:
/// - `outbox`: the writes this desk made while the server could not be reached, each with its
///   operation id and door time, committed before the screen confirms them; replayed in door-time
///   order, each marked with what the replay did;
/// - `replica_events`: the events kept current, with when they were last copied;
/// - `replica_meta`: the last replay and its outcome.
///
/// The copy is a mirror, not a log of record: the server's check-in log is, so the replica's
/// check-in rows may be replaced when it is refreshed.
public final class DeskReplica: @unchecked Sendable {
    public let store: SQLiteStore
    public let path: String

    /// Opens (creating) the replica at `path`.
    public static func open(path: String) throws -> DeskReplica {
        let store = try SQLiteStore.open(path: path, options: .init(busyTimeout: 5, quickCheck: false))
        try store.prepareReplica()
        return DeskReplica(store: store, path: path)
    }

    /// True when a replica file exists at `path` (a desk that has never opened an event has none).
    public static func exists(path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// `DIR/replicas/DESK@HOST-PORT-DB.sqlite`: one per desk and server (two desks on one machine
    /// keep separate outboxes). Unsafe characters become `_`.
    public static func path(dataDirectory: String, desk: String, server: String) -> String {
        func safe(_ s: String) -> String {
            String(s.unicodeScalars.map { scalar -> Character in
                let ok = (scalar.value < 128) && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
                return ok ? Character(scalar) : "_"
            }.prefix(80))
        }
        let folder = (dataDirectory as NSString).appendingPathComponent("replicas")
        return (folder as NSString).appendingPathComponent("\(safe(desk))@\(safe(server)).sqlite")
    }

    private init(store: SQLiteStore, path: String) {
        self.store = store
        self.path = path
    }

    // MARK: Outbox

    /// Queues `op` (durable when it returns); returns it with its sequence number.
    @discardableResult
    public func enqueue(_ op: DeskOperation) throws -> DeskOperation {
        try store.outboxInsert(op)
    }

    /// Operations not yet replayed, in replay order (door time, then arrival).
    public func queued() throws -> [DeskOperation] { try store.outboxQueued() }

    public func queuedCount() throws -> Int { try store.outboxCount(state: "QUEUED") }

    /// Records what replaying `op` did (`APPLIED`, `DUPLICATE`, `CONFLICT`, `SKIPPED`) and why.
    public func markReplayed(_ op: DeskOperation, state: String, result: String, at: Date) throws {
        try store.outboxMark(opId: op.opId, state: state, result: result, at: at)
    }

    /// Forgets an operation the replica refused after all (it was queued before being applied).
    public func withdraw(_ op: DeskOperation) throws { try store.outboxDelete(opId: op.opId) }

    /// The op id of the check-in of `attendeeKey` still queued (an undo made offline takes back
    /// that one), or nil.
    public func queuedCheckIn(eventId: Int64, attendeeKey: String) throws -> String? {
        try store.outboxLastCheckIn(eventId: eventId, attendeeKey: attendeeKey)
    }

    /// Counts by state, the last replay, and the conflicts it reported (`badge desk status`).
    public func status() throws -> ReplicaStatus { try store.replicaStatus() }

    public func recordReplay(at: Date, summary: String) throws {
        try store.replicaSetMeta(["last_replay_at": String(DateCoding.milliseconds(at)), "last_replay": summary])
    }

    // MARK: Mirrored events

    /// The events kept current and when each was last copied.
    public func mirroredEvents() throws -> [Int64: Date?] { try store.replicaEvents() }

    public func noteOpened(eventId: Int64) throws { try store.replicaAddEvent(eventId) }

    public func lowWater(eventId: Int64) throws -> Int64? { try store.replicaLowWater(eventId: eventId) }

    /// Replaces everything the replica holds of the event with what `fill` inserts, in ONE
    /// transaction (a copy cut off half way leaves the previous one whole).
    package func replaceEvent(_ eventId: Int64, lowWater: Int64?, at: Date,
                              fill: (_ insert: (CopyTable, [String], [[SQLValue]]) throws -> Void) throws -> Void) throws {
        try store.replicaReplaceEvent(eventId, lowWater: lowWater, at: at, fill: fill)
    }

    /// Applies one incremental refresh of the event (rows changed on the server since `lowWater`).
    package func apply(eventId: Int64, lowWater: Int64?, at: Date, upserts: [(CopyTable, [String], [[SQLValue]])],
                       deletions: [(table: String, ids: [Int64])]) throws {
        try store.replicaApply(eventId: eventId, lowWater: lowWater, at: at, upserts: upserts, deletions: deletions)
    }

    /// Columns of `table` in the replica (the mirror copies the columns both sides have).
    package func columns(of table: CopyTable) throws -> [String] { try store.copyColumns(of: table) }
}

/// What `badge desk status` shows of a desk's replica and outbox.
public struct ReplicaStatus: Sendable {
    public var queued: Int
    public var applied: Int
    public var conflicts: Int
    public var skipped: Int
    /// Per event: when its copy was last brought up to date (nil: never).
    public var events: [Int64: Date?]
    public var lastReplayAt: Date?
    public var lastReplay: String?
    /// The outbox entries that ended in a conflict or were skipped, newest first (at most 20).
    public var problems: [(op: DeskOperation, state: String, result: String)]
}
