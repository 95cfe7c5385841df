import Foundation

/// The store side of the shared rate budget (issue #18 item 5, SPEC §11): one sliding window of
/// request slots per provider account, and a block-until time, kept in the database so every
/// process on it — the console, `badge watch`, a CLI import, every desk — spends one budget.
/// `Sync.StoreRateLedger` adapts it to `Providers.RateLedger` (Storage does not see Providers).
///
/// `account` is an opaque key (provider and a credential hash, never the credential). Each
/// reservation is one short write transaction, serialised across processes.
public protocol RateLedgerStore: Sendable {
    /// Reserves the earliest slot at `now` or later such that no `window` holds more than
    /// `planned` slots of the account, not before its latest slot nor its block; reserves nothing
    /// when that slot is more than `maxWait` seconds away.
    func reserveRateSlot(account: String, planned: Int, window: TimeInterval, now: Date, maxWait: TimeInterval)
        throws -> RateSlot
    /// `reserveRateSlot`, and in the same transaction up to `extra` more slots at the same time
    /// when the window has room for them there (a process sending a burst of requests, an
    /// import, reserves a few at once instead of writing once per request). Returns the grant and
    /// how many extra slots it holds at that time.
    func reserveRateSlots(account: String, planned: Int, window: TimeInterval, now: Date, maxWait: TimeInterval,
                          extra: Int) throws -> (slot: RateSlot, extra: Int)
    /// Gives back `count` slots reserved at `at` and never used (the end of a burst).
    func releaseRateSlots(account: String, at: Date, count: Int) throws
    /// Holds the account's requests until `until` (a longer hold already recorded stays).
    func blockRate(account: String, until: Date) throws
    /// Slots of the account in the window ending at `now` (reserved future ones included) and
    /// its block when it is still ahead.
    func rateUse(account: String, window: TimeInterval, now: Date) throws -> RateUse
}

extension RateLedgerStore {
    /// One slot per transaction (a store whose reservations do not queue behind an import's
    /// write lock gains nothing from more).
    public func reserveRateSlots(account: String, planned: Int, window: TimeInterval, now: Date,
                                 maxWait: TimeInterval, extra: Int) throws -> (slot: RateSlot, extra: Int) {
        (try reserveRateSlot(account: account, planned: planned, window: window, now: now, maxWait: maxWait), 0)
    }

    /// Nothing to give back: `reserveRateSlots` above never grants extra slots.
    public func releaseRateSlots(account: String, at: Date, count: Int) throws {}
}

/// The answer to a reservation.
public enum RateSlot: Sendable, Hashable {
    case at(Date)
    case tooFarAway(wait: TimeInterval)
}

/// An account's use of its window.
public struct RateUse: Sendable, Hashable {
    public var used: Int
    public var blockedUntil: Date?

    public init(used: Int, blockedUntil: Date?) {
        self.used = used
        self.blockedUntil = blockedUntil
    }
}

/// The window rule both stores apply (pure): the same as `Providers.RateBudget.reserve`.
package enum RateSlotRule {
    /// The earliest slot: not before `now`, the account's latest slot, its block, nor one window
    /// after the `planned`-th most recent slot (so no window ever holds more than `planned`).
    package static func earliest(now: Date, latest: Date?, plannedthLatest: Date?, blockedUntil: Date?,
                                 window: TimeInterval) -> Date {
        var t = now
        if let latest, latest > t { t = latest }
        if let blockedUntil, blockedUntil > t { t = blockedUntil }
        if let plannedthLatest {
            let freed = plannedthLatest.addingTimeInterval(window)
            if freed > t { t = freed }
        }
        return t
    }

    /// The reservation for `slot`, or how far away it is.
    package static func grant(_ slot: Date, now: Date, maxWait: TimeInterval) -> RateSlot {
        let wait = slot.timeIntervalSince(now)
        return wait > maxWait ? .tooFarAway(wait: wait) : .at(slot)
    }
}
