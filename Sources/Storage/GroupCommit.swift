import Foundation

/// How long an import may hold the database's write lock (SPEC §2.4 rule 7 as amended, issue
/// #18): several pages share a transaction, but a desk's check-in never waits more than 20 ms
/// behind an import.
///
/// - A transaction takes another page only while it has been open less than `maxOpen`, and only
///   while no other writer of this process is waiting for the connection. A page merges in about
///   a millisecond and its commit writes a few megabytes at most, so a transaction holds the
///   lock for roughly `maxOpen` + 3 ms.
/// - Between two transactions of a run the lock is left free for `gap`, so a writer in another
///   process, whose busy handler retries every `Database.busyPollInterval`, always finds it free
///   within one gap: its wait is bounded by one transaction plus one gap.
public struct GroupCommit: Sendable, Equatable {
    public var maxOpen: TimeInterval
    public var gap: TimeInterval

    public init(maxOpen: TimeInterval = 0.005, gap: TimeInterval = 0.001) {
        self.maxOpen = maxOpen
        self.gap = gap
    }

    /// The import's default: a transaction every ~6 ms while pages are waiting.
    public static let standard = GroupCommit()
    /// One page per transaction (what every store did before group commit).
    public static let pageByPage = GroupCommit(maxOpen: 0, gap: 0)
}
