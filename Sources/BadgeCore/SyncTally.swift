import Foundation

/// The added/updated/cancelled/unchanged counts of one sync run, counting each provider attendee
/// ONCE however often the run merged it (issue #17: an import's closing sweep re-reads rows the
/// pages already merged, and rows move between pages while paging; summing every merge reported
/// "3 157 unchanged" for an event of 3 063).
///
/// An attendee merged more than once keeps its most telling change: added > cancelled > updated >
/// unchanged (a row the pages added and the sweep re-read is one added row; a row the pages left
/// unchanged and the sweep updated is one updated row).
public struct SyncTally: Sendable, Hashable {
    private var changes: [String: Rank] = [:]
    /// Rows changed outside the per-attendee merges (e.g. `markMissing`'s cancellations).
    private var extra = SyncCounts()

    public init() {}

    private enum Rank: Int, Sendable, Hashable {
        case unchanged, updated, cancelled, added

        init(_ change: AttendeeMerge.Change) {
            switch change {
            case .added: self = .added
            case .cancelled: self = .cancelled
            case .updated: self = .updated
            case .unchanged: self = .unchanged
            }
        }
    }

    /// Records what one merge did to the attendee with this provider id.
    public mutating func record(_ providerAttendeeId: String, _ change: AttendeeMerge.Change) {
        let rank = Rank(change)
        if let known = changes[providerAttendeeId], known.rawValue >= rank.rawValue { return }
        changes[providerAttendeeId] = rank
    }

    /// Records the merges of one page, in page order.
    public mutating func record(_ merges: [AttendeeMerge.Outcome]) {
        for m in merges { record(m.providerAttendeeId, m.change) }
    }

    /// Adds counts of rows that were not merged (they are distinct from every merged row).
    public mutating func add(_ counts: SyncCounts) { extra += counts }

    /// Distinct attendees merged.
    public var attendeesSeen: Int { changes.count }

    public var counts: SyncCounts {
        var c = extra
        for rank in changes.values {
            switch rank {
            case .added: c.added += 1
            case .updated: c.updated += 1
            case .cancelled: c.cancelled += 1
            case .unchanged: c.unchanged += 1
            }
        }
        return c
    }
}
