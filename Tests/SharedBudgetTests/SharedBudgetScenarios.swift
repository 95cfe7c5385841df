import Foundation
import Testing
import BadgeCore
import Providers
import Storage
import Sync
import TestSupport

/// What two processes on one database see of one provider account's budget (issue #18 item 5).
/// Each scenario gets two stores opened separately on the same database (two connections, as two
/// processes have) and plays one process on each; SQLite and PostgreSQL run the same scenarios.
enum SharedBudgetScenarios {
    static let url = URL(string: "http://127.0.0.1:9/v1/ping")!
    static let token = "EB-SHARED-TOKEN-51c0"
    static let account = RateAccount.key(provider: .eventbrite, credential: token)
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxDelay: 30, maxWait: 900, random: { 0.5 })

    /// Records the (virtual) time of every request that reached the provider.
    final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Date] = []
        func add(_ date: Date) { lock.withLock { stored.append(date) } }
        var all: [Date] { lock.withLock { stored } }
    }

    /// One process's policy transport over a stub provider, spending the ledger of `store`.
    static func process(_ store: any RateLedgerStore, limit: RateBudget.Limit, clock: VirtualPolicyClock,
                        sent: Sent, replies: [StubTransport.Reply] = []) -> (PolicyTransport, StubTransport) {
        let stub = StubTransport()
        let ok = StubTransport.Reply.handler { _ in
            sent.add(clock.now())
            return HTTPResponse(status: 200)
        }
        stub.on("/v1/ping", replies: replies + [ok])
        let policy = PolicyTransport(wrapping: stub, limit: limit, retry: retry, clock: clock, credential: token,
                                     ledger: StoreRateLedger(store: store), account: account)
        return (policy, stub)
    }

    /// Requests from both processes count against one window: with 8 planned per minute, the
    /// 9th request, whichever process sends it, waits for the first to leave the window.
    static func reservationsFromBothCountAgainstOneWindow(_ a: any RateLedgerStore, _ b: any RateLedgerStore) async throws {
        let clock = VirtualPolicyClock()
        let sent = Sent()
        let limit = RateBudget.Limit(limit: 10, window: 60)  // plans 8
        let (first, _) = process(a, limit: limit, clock: clock, sent: sent)
        let (second, _) = process(b, limit: limit, clock: clock, sent: sent)
        for i in 0..<12 {
            _ = try await (i.isMultiple(of: 2) ? first : second).send(HTTPRequest(url: url))
        }
        let times = sent.all
        #expect(times.count == 12)
        // Each process sent only 6: on budgets of their own neither would ever have waited.
        #expect(times[8].timeIntervalSince(times[0]) >= 60, "the 9th request did not wait for the window")
        for start in times {
            let inWindow = times.filter { $0 >= start && $0 < start.addingTimeInterval(60) }.count
            #expect(inWindow <= 8, "\(inWindow) requests in one minute across both processes")
        }
    }

    /// The header of the second process shows what the first spent: a CLI import that used
    /// 1 044 calls leaves the console 556 of 1 600 this hour, not 1 599.
    static func snapshotSeenByTheSecondReflectsTheFirstsUse(_ a: any RateLedgerStore, _ b: any RateLedgerStore) async throws {
        let clock = VirtualPolicyClock()
        let sent = Sent()
        let (importer, _) = process(a, limit: .eventbrite, clock: clock, sent: sent)
        for _ in 0..<1044 { _ = try await importer.send(HTTPRequest(url: url)) }
        // The import ends by publishing its budget (`SyncEngine.publishBudget`); read while idle,
        // it gives back the slots its burst reserved ahead and did not use.
        #expect(importer.snapshot().remaining == 556)
        // The console: a client built as the composition root builds it, same token, other store.
        let console = EventbriteClient(baseURL: URL(string: "http://127.0.0.1:9/v3")!, token: token,
                                       transport: StubTransport(), retry: retry, clock: clock,
                                       ledger: StoreRateLedger(store: b))
        #expect(await console.budget() == RateBudgetSnapshot(remaining: 556, limit: 1600, window: 3600))
        // Another account (another token) has its own budget.
        let other = EventbriteClient(baseURL: URL(string: "http://127.0.0.1:9/v3")!, token: "EB-OTHER-TOKEN",
                                     transport: StubTransport(), retry: retry, clock: clock,
                                     ledger: StoreRateLedger(store: b))
        #expect(await other.budget().remaining == 1600)
        // An hour later the window has moved on for everyone.
        clock.advance(by: 3601)
        #expect(await console.budget().remaining == 1600)
    }

    /// A `Retry-After` one process got holds the other: it shows the hold at once and its next
    /// request waits until the hold ends. A provider's count left in the headroom holds the other
    /// until the reset; one longer than anyone waits fails its request without sending it.
    static func aHoldSetByOneHoldsTheOther(_ a: any RateLedgerStore, _ b: any RateLedgerStore) async throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        // Two processes, two clocks (the same wall time).
        let clockA = VirtualPolicyClock(start: start), clockB = VirtualPolicyClock(start: start)
        let sent = Sent()
        let limit = RateBudget.Limit.eventbrite
        let (first, _) = process(a, limit: limit, clock: clockA, sent: sent,
                                 replies: [.json(429, #"{"error": "HIT_RATE_LIMIT"}"#, headers: ["Retry-After": "30"])])
        let (second, secondStub) = process(b, limit: limit, clock: clockB, sent: sent)
        _ = try await first.send(HTTPRequest(url: url))  // 429, waits 30 s (virtually), then 200

        let seen = second.snapshot()
        #expect(seen.remaining == 0)
        #expect(seen.blockedUntil == start.addingTimeInterval(30))
        _ = try await second.send(HTTPRequest(url: url))
        #expect(clockB.sleeps.contains { $0 >= 30 }, "the second process did not wait for the first one's Retry-After")
        #expect(secondStub.requests.count == 1)
        #expect(sent.all.allSatisfy { $0 >= start.addingTimeInterval(30) })

        // A hold beyond what anyone waits (the provider's remaining count in the headroom with a
        // reset an hour away): the other process fails at once, without a request.
        let (third, _) = process(a, limit: limit, clock: clockA, sent: sent, replies: [
            .json(200, "{}", headers: ["X-RateLimit-Limit": "2000", "X-RateLimit-Remaining": "10",
                                       "X-RateLimit-Reset": "3600"]),
        ])
        _ = try await third.send(HTTPRequest(url: url))
        let before = secondStub.requests.count
        await #expect(throws: ProviderError.self) { _ = try await second.send(HTTPRequest(url: url)) }
        #expect(secondStub.requests.count == before)
        #expect(second.snapshot().blockedUntil.map { $0 > clockB.now().addingTimeInterval(3000) } == true)
    }

    /// The rule itself, through the ledger: slots handed out in order, never more than planned in
    /// a window, a refused reservation takes nothing, a shorter hold never shortens a longer one.
    static func ledgerFollowsTheWindowRule(_ a: any RateLedgerStore, _ b: any RateLedgerStore) throws {
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        let key = "luma:rule-test"
        #expect(try a.reserveRateSlot(account: key, planned: 2, window: 60, now: t0, maxWait: 5) == .at(t0))
        #expect(try b.reserveRateSlot(account: key, planned: 2, window: 60, now: t0, maxWait: 5) == .at(t0))
        #expect(try a.reserveRateSlot(account: key, planned: 2, window: 60, now: t0, maxWait: 5) == .tooFarAway(wait: 60))
        #expect(try b.rateUse(account: key, window: 60, now: t0) == RateUse(used: 2, blockedUntil: nil))
        #expect(try b.reserveRateSlot(account: key, planned: 2, window: 60, now: t0, maxWait: 90)
                == .at(t0.addingTimeInterval(60)))
        try a.blockRate(account: key, until: t0.addingTimeInterval(500))
        try b.blockRate(account: key, until: t0.addingTimeInterval(100))
        #expect(try a.rateUse(account: key, window: 60, now: t0)
                == RateUse(used: 3, blockedUntil: t0.addingTimeInterval(500)))
        #expect(try a.rateUse(account: "luma:another", window: 60, now: t0) == RateUse(used: 0, blockedUntil: nil))
    }
}
