import Foundation
import Storage

/// The shared rate budget on the server (SPEC §11 "the rate budget is shared in the database"):
/// every desk spends one budget per provider account. A reservation is one short transaction
/// serialised per account by a transaction-scoped advisory lock (class "br", the account's hash),
/// so two desks never take the same last slot; the tables are UNLOGGED and announce nothing on
/// the change feed.
extension PostgresStore: RateLedgerStore {
    /// The first key of every rate-budget lock ("br"); leadership locks use "ba".
    static let rateLockClass: Int32 = 0x6272

    public func reserveRateSlot(account: String, planned: Int, window: TimeInterval, now: Date,
                                maxWait: TimeInterval) throws -> RateSlot {
        try write { c in
            try c.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))",
                        [.integer(Int64(Self.rateLockClass)), .text(account)])
            // One round trip prunes and reads. The reads still see the pruned slots (one snapshot
            // per statement), which changes nothing: a slot a window old neither delays the next
            // one as the latest nor frees later than now as the planned-th latest.
            let r = try c.query("""
                WITH pruned AS (DELETE FROM rate_slots WHERE account = $1 AND at <= $3)
                SELECT (SELECT blocked_until FROM rate_accounts WHERE account = $1),
                       (SELECT max(at) FROM rate_slots WHERE account = $1),
                       (SELECT at FROM rate_slots WHERE account = $1 ORDER BY at DESC LIMIT 1 OFFSET $2)
                """, [.text(account), .integer(Int64(max(0, planned - 1))),
                      .integer(DateCoding.milliseconds(now.addingTimeInterval(-window)))])
            let slot = RateSlotRule.earliest(now: now, latest: r.date(0, 1), plannedthLatest: r.date(0, 2),
                                             blockedUntil: r.date(0, 0), window: window)
            let grant = RateSlotRule.grant(slot, now: now, maxWait: maxWait)
            guard case .at(let at) = grant else { return grant }
            try c.query("INSERT INTO rate_slots (account, at) VALUES ($1, $2)",
                        [.text(account), .integer(DateCoding.milliseconds(at))])
            return .at(DateCoding.quantised(at))
        }
    }

    public func blockRate(account: String, until: Date) throws {
        try write { c in
            try c.query("""
                INSERT INTO rate_accounts (account, blocked_until) VALUES ($1, $2)
                ON CONFLICT (account) DO UPDATE
                    SET blocked_until = GREATEST(rate_accounts.blocked_until, excluded.blocked_until)
                """, [.text(account), .integer(DateCoding.milliseconds(until))])
        }
    }

    public func rateUse(account: String, window: TimeInterval, now: Date) throws -> RateUse {
        try read { c in
            let r = try c.query("""
                SELECT (SELECT count(*) FROM rate_slots WHERE account = $1 AND at > $2),
                       (SELECT blocked_until FROM rate_accounts WHERE account = $1 AND blocked_until > $3)
                """, [.text(account), .integer(DateCoding.milliseconds(now.addingTimeInterval(-window))),
                      .integer(DateCoding.milliseconds(now))])
            return RateUse(used: r.int(0, 0), blockedUntil: r.date(0, 1))
        }
    }
}
