import Foundation

/// The shared rate budget in the SQLite file (migration 7): every process that opens the file
/// spends one budget per provider account. A reservation is one short write transaction; its
/// `BEGIN IMMEDIATE` serialises the processes, so two never take the same last slot.
/// Not durable (`synchronous=NORMAL`): after a power cut the window restarts a little too full
/// or a little too empty, and the provider's own `Retry-After` still holds.
extension SQLiteStore: RateLedgerStore {
    public func reserveRateSlot(account: String, planned: Int, window: TimeInterval, now: Date,
                                maxWait: TimeInterval) throws -> RateSlot {
        try reserveRateSlots(account: account, planned: planned, window: window, now: now, maxWait: maxWait,
                             extra: 0).slot
    }

    public func reserveRateSlots(account: String, planned: Int, window: TimeInterval, now: Date,
                                 maxWait: TimeInterval, extra: Int) throws -> (slot: RateSlot, extra: Int) {
        try write(durable: false) { db in
            let prune = try db.cached("DELETE FROM rate_slots WHERE account = ?1 AND at <= ?2")
            try prune.bind(1, account)
            try prune.bind(2, now.addingTimeInterval(-window))
            try prune.run()
            let read = try db.cached("""
                SELECT (SELECT blocked_until FROM rate_accounts WHERE account = ?1),
                       (SELECT max(at) FROM rate_slots WHERE account = ?1),
                       (SELECT at FROM rate_slots WHERE account = ?1 ORDER BY at DESC LIMIT 1 OFFSET ?2)
                """)
            try read.bind(1, account)
            try read.bind(2, max(0, planned - 1))
            let (blocked, latest, plannedth) = try read.firstRow { ($0.date(0), $0.date(1), $0.date(2)) }
                ?? (nil, nil, nil)
            let slot = RateSlotRule.earliest(now: now, latest: latest, plannedthLatest: plannedth,
                                             blockedUntil: blocked, window: window)
            let grant = RateSlotRule.grant(slot, now: now, maxWait: maxWait)
            guard case .at(let at) = grant else { return (grant, 0) }
            var more = 0
            if extra > 0 {
                // Room at `at`: the window ending there holds fewer than `planned` slots.
                let inWindow = try db.cached("SELECT count(*) FROM rate_slots WHERE account = ?1 AND at > ?2")
                try inWindow.bind(1, account)
                try inWindow.bind(2, at.addingTimeInterval(-window))
                let used = try inWindow.firstRow { $0.int(0) } ?? planned
                more = max(0, min(extra, planned - used - 1))
            }
            let insert = try db.cached("INSERT INTO rate_slots (account, at) VALUES (?1, ?2)")
            for _ in 0...more {
                insert.clear()
                try insert.bind(1, account)
                try insert.bind(2, at)
                try insert.run()
            }
            return (.at(DateCoding.quantised(at)), more)
        }
    }

    public func releaseRateSlots(account: String, at: Date, count: Int) throws {
        guard count > 0 else { return }
        try write(durable: false) { db in
            let s = try db.cached("""
                DELETE FROM rate_slots WHERE rowid IN
                    (SELECT rowid FROM rate_slots WHERE account = ?1 AND at = ?2 LIMIT ?3)
                """)
            try s.bind(1, account)
            try s.bind(2, at)
            try s.bind(3, count)
            try s.run()
        }
    }

    public func blockRate(account: String, until: Date) throws {
        try write(durable: false) { db in
            let s = try db.cached("""
                INSERT INTO rate_accounts (account, blocked_until) VALUES (?1, ?2)
                ON CONFLICT (account) DO UPDATE
                    SET blocked_until = max(coalesce(blocked_until, 0), excluded.blocked_until)
                """)
            try s.bind(1, account)
            try s.bind(2, until)
            try s.run()
        }
    }

    public func rateUse(account: String, window: TimeInterval, now: Date) throws -> RateUse {
        try locked { db in
            let s = try db.cached("""
                SELECT (SELECT count(*) FROM rate_slots WHERE account = ?1 AND at > ?2),
                       (SELECT blocked_until FROM rate_accounts WHERE account = ?1 AND blocked_until > ?3)
                """)
            try s.bind(1, account)
            try s.bind(2, now.addingTimeInterval(-window))
            try s.bind(3, now)
            return try s.firstRow { RateUse(used: $0.int(0), blockedUntil: $0.date(1)) } ?? RateUse(used: 0, blockedUntil: nil)
        }
    }
}
