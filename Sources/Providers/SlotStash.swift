import Foundation

/// Shared-ledger slots reserved ahead by one `PolicyTransport` (issue #18): an import sends a
/// request every millisecond or two, and one write to the database per request would queue each
/// of them behind the import's own transactions. Requests that follow each other closely
/// reserve a growing block at once (2, 4 … `maxBlock`); a lone request (a poll) reserves one.
///
/// A stashed slot is used only within `freshness` of its time, so the ledger's window never
/// counts a request more than that earlier than it was sent; what a burst leaves unused (at
/// most `maxBlock` − 1 slots) expires with it — the shared budget is spent, never overspent.
struct SlotStash: Sendable {
    static let maxBlock = 16
    static let freshness: TimeInterval = 0.5
    /// Requests closer than this to the last reservation count as a burst.
    static let burstGap: TimeInterval = 0.25

    /// Reserved, unused slot times, oldest first (concurrent requests may each add a block).
    private var slots: [Date] = []
    private var block = 0
    private var lastReservation: Date?

    /// A stashed slot for a request sent at `now`, when one is left and fresh.
    mutating func take(now: Date) -> Date? {
        while let first = slots.first, now.timeIntervalSince(first) > Self.freshness { slots.removeFirst() }
        guard !slots.isEmpty else { return nil }
        return max(slots.removeFirst(), now)
    }

    /// How many slots beyond the one asked for the next reservation should take.
    mutating func nextExtra(now: Date) -> Int {
        if let last = lastReservation, now.timeIntervalSince(last) <= Self.burstGap {
            block = min(Self.maxBlock, max(2, block * 2))
        } else {
            block = 1
        }
        return block - 1
    }

    /// Keeps the `count` extra slots a reservation at `date` granted.
    mutating func fill(at date: Date, count: Int, now: Date) {
        if count > 0 {
            slots.append(contentsOf: repeatElement(date, count: count))
            slots.sort()
        }
        lastReservation = now
    }

    /// Forgets the stash (a hold came in: every request waits for it).
    mutating func drop() {
        slots.removeAll()
        block = 0
    }
}
