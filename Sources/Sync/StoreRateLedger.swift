import Foundation
import Providers
import Storage

/// `Providers.RateLedger` over a store's `RateLedgerStore` (SQLite file or PostgreSQL): one rate
/// budget per provider account for every process on the database (issue #18 item 5). The
/// composition root hands it to the provider clients.
public struct StoreRateLedger: RateLedger {
    let store: any RateLedgerStore

    public init(store: any RateLedgerStore) {
        self.store = store
    }

    /// The ledger of `store` when it keeps one (both stores do).
    public static func of(_ store: any BadgeStore) -> StoreRateLedger? {
        (store as? any RateLedgerStore).map(StoreRateLedger.init(store:))
    }

    public func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval) throws
        -> RateBudget.Reservation {
        switch try store.reserveRateSlot(account: account, planned: limit.planned, window: limit.window, now: now,
                                         maxWait: maxWait) {
        case .at(let date): return .at(date)
        case .tooFarAway(let wait): return .tooFarAway(wait: wait)
        }
    }

    public func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval, extra: Int) throws
        -> (reservation: RateBudget.Reservation, extra: Int) {
        let (slot, more) = try store.reserveRateSlots(account: account, planned: limit.planned, window: limit.window,
                                                      now: now, maxWait: maxWait, extra: extra)
        switch slot {
        case .at(let date): return (.at(date), more)
        case .tooFarAway(let wait): return (.tooFarAway(wait: wait), 0)
        }
    }

    public func release(account: String, at: Date, count: Int) throws {
        try store.releaseRateSlots(account: account, at: at, count: count)
    }

    public func block(account: String, until: Date) throws {
        try store.blockRate(account: account, until: until)
    }

    public func snapshot(account: String, limit: RateBudget.Limit, now: Date) throws -> RateBudgetSnapshot {
        let use = try store.rateUse(account: account, window: limit.window, now: now)
        let remaining = use.blockedUntil == nil ? max(0, limit.planned - use.used) : 0
        return RateBudgetSnapshot(remaining: remaining, limit: limit.planned, window: limit.window,
                                  blockedUntil: use.blockedUntil)
    }
}
