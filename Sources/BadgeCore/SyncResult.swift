import Foundation

/// Counts of one sync run (SPEC §4 "sync result"): what the merge did to the rows.
public struct SyncCounts: Sendable, Hashable {
    public var added: Int
    public var updated: Int
    public var cancelled: Int
    public var unchanged: Int

    public init(added: Int = 0, updated: Int = 0, cancelled: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.cancelled = cancelled
        self.unchanged = unchanged
    }

    public static func + (lhs: SyncCounts, rhs: SyncCounts) -> SyncCounts {
        SyncCounts(added: lhs.added + rhs.added, updated: lhs.updated + rhs.updated,
                   cancelled: lhs.cancelled + rhs.cancelled, unchanged: lhs.unchanged + rhs.unchanged)
    }

    public static func += (lhs: inout SyncCounts, rhs: SyncCounts) { lhs = lhs + rhs }
}

/// Outcome of one sync run (poll, manual resync or import).
public struct SyncResult: Sendable, Hashable {
    public var eventId: Int64
    public var syncStatus: SyncStatus
    public var counts: SyncCounts
    public var requests: Int
    public var durationMs: Int

    public init(eventId: Int64, syncStatus: SyncStatus, counts: SyncCounts, requests: Int, durationMs: Int) {
        self.eventId = eventId
        self.syncStatus = syncStatus
        self.counts = counts
        self.requests = requests
        self.durationMs = durationMs
    }
}
