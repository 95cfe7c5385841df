import Foundation
import Storage

/// Tunables of the sync engine (SPEC §2.5). Defaults are the product's; tests shrink them.
public struct SyncConfig: Sendable {
    /// Seconds between polls of an ACTIVE event.
    public var pollInterval: TimeInterval
    /// Luma has no change filter: a full scan catches in-place edits at most this often, and only
    /// when the rate budget has room for it.
    public var lumaFullScanInterval: TimeInterval
    /// First automatic retry of a FAILED event after this many seconds; doubles up to `maxBackoff`.
    public var failureBackoff: TimeInterval
    public var maxBackoff: TimeInterval
    /// How far before an import's start the first change cursor reaches back (clock skew, API lag).
    public var cursorSafetyMargin: TimeInterval
    /// Minimum seconds between persisted progress updates of an import (every page is notified).
    public var progressPersistInterval: TimeInterval
    /// Most pages of a Luma periodic full scan fetched in one poll. A large event's scan rolls
    /// over several polls (resuming from where the last one stopped), so a poll never stalls the
    /// others and the scan never needs the whole rate budget at once.
    public var lumaFullScanPagesPerPoll: Int
    /// The mass-cancellation guard (issue #13): a full scan that would cancel more than this
    /// percentage of an event's attending rows at once is held for an admin instead of applied.
    /// Config file key `mass_cancel_threshold`.
    public var massCancelThreshold: Double
    /// How long an import may hold the store's write lock per transaction (SPEC §2.4 rule 7).
    public var groupCommit: GroupCommit

    public init(pollInterval: TimeInterval = 15, lumaFullScanInterval: TimeInterval = 600,
                failureBackoff: TimeInterval = 15, maxBackoff: TimeInterval = 300,
                cursorSafetyMargin: TimeInterval = 300, progressPersistInterval: TimeInterval = 0.5,
                lumaFullScanPagesPerPoll: Int = 40, massCancelThreshold: Double = 10,
                groupCommit: GroupCommit = .standard) {
        self.pollInterval = pollInterval
        self.lumaFullScanInterval = lumaFullScanInterval
        self.failureBackoff = failureBackoff
        self.maxBackoff = maxBackoff
        self.cursorSafetyMargin = cursorSafetyMargin
        self.progressPersistInterval = progressPersistInterval
        self.lumaFullScanPagesPerPoll = max(1, lumaFullScanPagesPerPoll)
        self.massCancelThreshold = min(100, max(0, massCancelThreshold))
        self.groupCommit = groupCommit
    }

    /// Delay before the automatic retry after `failures` consecutive failures (1-based).
    public func backoff(afterFailures failures: Int) -> TimeInterval {
        min(maxBackoff, failureBackoff * pow(2, Double(max(0, failures - 1))))
    }

    /// Delay before the automatic retry after `failures` consecutive failures, never sooner than
    /// the provider asked (`Retry-After` of a rate limit).
    public func backoff(afterFailures failures: Int, retryAfter: TimeInterval?) -> TimeInterval {
        max(backoff(afterFailures: failures), retryAfter ?? 0)
    }
}
