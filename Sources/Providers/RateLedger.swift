import Foundation
import BadgeCore

/// A rate budget kept outside the process (issue #18 item 5, SPEC §11): the console, `badge
/// watch`, a CLI import and every desk on one database spend ONE budget per provider account.
/// The store implements it (the composition root adapts it); `PolicyTransport` uses it when it is
/// given one and its in-memory `RateBudget` otherwise.
///
/// Same semantics as `RateBudget`: a sliding window of `limit.planned` slots per `limit.window`,
/// slots handed out in non-decreasing time order, and a block-until time (`Retry-After`, a
/// reset announced by `X-RateLimit-*`) that holds every process.
public protocol RateLedger: Sendable {
    /// Reserves the earliest slot at `now` or later; refuses (reserving nothing) when it is more
    /// than `maxWait` seconds away.
    func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval) throws
        -> RateBudget.Reservation
    /// `reserve`, plus up to `extra` more slots at the same time when the window has room for
    /// them there; returns how many extra slots the grant holds.
    func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval, extra: Int) throws
        -> (reservation: RateBudget.Reservation, extra: Int)
    /// Gives back `count` slots reserved at `at` (with `extra`) and never used.
    func release(account: String, at: Date, count: Int) throws
    /// Holds every request of the account until `until` (never shortens a longer hold).
    func block(account: String, until: Date) throws
    /// What is left of the account's budget at `now`, as every process sees it.
    func snapshot(account: String, limit: RateBudget.Limit, now: Date) throws -> RateBudgetSnapshot
}

extension RateLedger {
    public func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval, extra: Int) throws
        -> (reservation: RateBudget.Reservation, extra: Int) {
        (try reserve(account: account, limit: limit, now: now, maxWait: maxWait), 0)
    }

    /// Nothing to give back: the `reserve(…extra:)` above never grants extra slots.
    public func release(account: String, at: Date, count: Int) throws {}
}

/// The key of a provider account in a `RateLedger`: the provider and a hash of its credential
/// (Eventbrite limits per token, Luma per calendar key). The credential itself never reaches the
/// database; the same token connected from any process or desk gives the same key.
public enum RateAccount {
    public static func key(provider: Provider, credential: String) -> String {
        let digest = SHA256.hex(Array("badge rate budget\u{0}\(provider.rawValue)\u{0}\(credential)".utf8))
        return "\(provider.rawValue):\(digest.prefix(32))"
    }
}
