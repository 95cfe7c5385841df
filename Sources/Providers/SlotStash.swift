import Foundation

/// Shared-ledger slots reserved ahead by one `PolicyTransport` (issue #18): an import fetches
/// pages four at a time, a request every millisecond or two, and one write to the database per
/// request would queue each of them behind the import's own transactions. A request sent while
/// others are in flight, soon after the last reservation, reserves a growing block at once (2,
/// 4 … `maxBlock`); a lone or sequential request (a poll, Luma's cursor) reserves one.
///
/// A stashed slot is used only within `freshness` of its time, so the ledger's window never
/// counts a request more than that earlier than it was sent. When the transport goes idle the
/// slots left over are given back (`drain`), so the shared budget shows what was really sent.
struct SlotStash: Sendable {
    static let maxBlock = 16
    static let freshness: TimeInterval = 0.5
    /// Requests closer than this to the last reservation count as a burst.
    static let burstGap: TimeInterval = 0.25

    /// Reserved, unused slot times, oldest first (concurrent requests may each add a block).
    private var slots: [Date] = []
    /// Reserved slots too old to use; given back with the rest when the transport goes idle.
    private var expired: [Date] = []
    private var block = 0
    private var lastReservation: Date?

    /// A stashed slot for a request sent at `now`, when one is left and fresh.
    mutating func take(now: Date) -> Date? {
        while let first = slots.first, now.timeIntervalSince(first) > Self.freshness { expired.append(slots.removeFirst()) }
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

    /// Empties the stash; returns the unused slots, grouped by time, to give back.
    /// Also after a hold (429): every request waits for it, the block starts over.
    mutating func drain() -> [(at: Date, count: Int)] {
        block = 0
        var groups: [(at: Date, count: Int)] = []
        for slot in (expired + slots).sorted() {
            if let last = groups.last, last.at == slot { groups[groups.count - 1].count += 1 } else { groups.append((slot, 1)) }
        }
        slots.removeAll()
        expired.removeAll()
        return groups
    }

}
