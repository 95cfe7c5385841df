import Foundation

/// Shared-ledger slots reserved ahead by one `PolicyTransport` (issue #18): an import fetches
/// pages four at a time, a request every millisecond or two, and one write to the database per
/// request would queue each of them behind the import's own transactions. A request sent soon
/// after the last reservation (`burstGap`) — pages fetched concurrently, or Luma's cursor pages
/// back to back — reserves a growing block at once (2, 4 … `maxBlock`); a lone request (a poll
/// every few seconds) reserves one.
///
/// A stashed slot is used only within `freshness` of its time, so the ledger's window never
/// counts a request more than that earlier than it was sent. Once the transport has been idle
/// for `idleRelease`, or when its budget is read while idle, the slots left over are given back
/// (`drain`), so the shared budget shows what was really sent.
struct SlotStash: Sendable {
    /// The largest block: a tenth of the planned window (64 of Eventbrite's 1 600 an hour, 16 of
    /// Luma's 160 a minute), so a burst never holds much of what other processes may use.
    let maxBlock: Int
    static let freshness: TimeInterval = 0.5
    /// Requests closer than this to the last reservation count as a burst.
    static let burstGap: TimeInterval = 0.25
    /// How long the transport stays idle before the unused slots go back (`PolicyTransport`).
    static let idleRelease: TimeInterval = 0.3

    init(limit: RateBudget.Limit) {
        maxBlock = max(1, min(64, limit.planned / 10))
    }

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
            block = min(maxBlock, max(2, block * 2))
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

    /// Slots reserved and not used yet (fresh or expired).
    var holdsSlots: Bool { !slots.isEmpty || !expired.isEmpty }

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
