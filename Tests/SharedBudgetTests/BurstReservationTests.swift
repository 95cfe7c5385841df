import Foundation
import Testing
import BadgeCore
@testable import Providers
import Storage
import Sync
import TestSupport

/// Issue #18: an import fetches pages four at a time; reserving each request's slot with a write
/// of its own queued every fetch behind the import's transactions. Concurrent requests reserve
/// slots in blocks — and the shared budget still shows exactly what was sent.
@Suite struct BurstReservationTests {
    /// Counts the ledger's reservation writes.
    final class CountingLedger: RateLedger, @unchecked Sendable {
        let inner: StoreRateLedger
        private let lock = NSLock()
        private var writes = 0
        init(_ inner: StoreRateLedger) { self.inner = inner }
        var reservations: Int { lock.withLock { writes } }

        func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval) throws
            -> RateBudget.Reservation {
            lock.withLock { writes += 1 }
            return try inner.reserve(account: account, limit: limit, now: now, maxWait: maxWait)
        }
        func reserve(account: String, limit: RateBudget.Limit, now: Date, maxWait: TimeInterval, extra: Int) throws
            -> (reservation: RateBudget.Reservation, extra: Int) {
            lock.withLock { writes += 1 }
            return try inner.reserve(account: account, limit: limit, now: now, maxWait: maxWait, extra: extra)
        }
        func release(account: String, at: Date, count: Int) throws {
            try inner.release(account: account, at: at, count: count)
        }
        func block(account: String, until: Date) throws { try inner.block(account: account, until: until) }
        func snapshot(account: String, limit: RateBudget.Limit, now: Date) throws -> RateBudgetSnapshot {
            try inner.snapshot(account: account, limit: limit, now: now)
        }
    }

    /// A store on a temporary file, its ledger counted, and a client's policy transport over a
    /// stub provider whose every request runs `handler`.
    struct Rig {
        let dir: TemporaryDirectory
        let store: SQLiteStore
        let ledger: CountingLedger
        let policy: PolicyTransport
        let account = SharedBudgetScenarios.account

        init(limit: RateBudget.Limit, clock: (any PolicyClock)? = nil,
             handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) throws {
            dir = try TemporaryDirectory()
            store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
            ledger = CountingLedger(StoreRateLedger(store: store))
            let stub = StubTransport()
            stub.on("/v1/ping", replies: [.handler(handler)])
            policy = PolicyTransport(wrapping: stub, limit: limit, retry: SharedBudgetScenarios.retry,
                                     clock: clock ?? SystemPolicyClock(), credential: SharedBudgetScenarios.token,
                                     ledger: ledger, account: account)
        }

        /// Slots the shared budget holds in the window ending at `now`.
        func used(window: TimeInterval, now: Date = Date()) throws -> Int {
            try store.rateUse(account: account, window: window, now: now).used
        }

        /// `tasks` clients sending `each` requests one after another, all at once.
        func burst(tasks: Int, each: Int) async throws {
            let policy = self.policy
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask { for _ in 0..<each { _ = try await policy.send(HTTPRequest(url: SharedBudgetScenarios.url)) } }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func concurrentRequestsReserveInBlocksAndTheBudgetShowsExactlyWhatWasSent() async throws {
        let sent = SharedBudgetScenarios.Sent()
        let rig = try Rig(limit: .eventbrite) { _ in
            sent.add(Date())
            try await Task.sleep(nanoseconds: 2_000_000)  // a page in flight while the others reserve
            return HTTPResponse(status: 200)
        }
        try await rig.burst(tasks: 4, each: 40)
        #expect(sent.all.count == 160)
        #expect(rig.ledger.reservations < 60, "\(rig.ledger.reservations) ledger writes for 160 concurrent requests")
        // Right after the burst another process may still see a block reserved ahead…
        let justAfter = try rig.used(window: 3600)
        #expect(justAfter >= 160 && justAfter <= 160 + 64, "\(justAfter) slots right after 160 requests")
        // …idle for a moment (`SlotStash.idleRelease`), the slots reserved ahead and not used go
        // back, unasked. Waited for, not timed: a loaded machine may run the release late.
        let deadline = Date().addingTimeInterval(10)
        while try rig.used(window: 3600) != 160, Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(try rig.used(window: 3600) == 160)
        #expect(rig.policy.snapshot().remaining == 1600 - 160)
    }

    /// Reading the budget while no request is in flight (the header after an import, `badge
    /// events import` printing what is left) gives the unused slots back first: the figure is exact.
    @Test func readingTheBudgetWhenIdleGivesBackWhatWasReservedAhead() async throws {
        let rig = try Rig(limit: .eventbrite) { _ in
            try await Task.sleep(nanoseconds: 2_000_000)
            return HTTPResponse(status: 200)
        }
        try await rig.burst(tasks: 4, each: 25)
        #expect(rig.policy.snapshot().remaining == 1600 - 100)
        #expect(try rig.used(window: 3600) == 100)
    }

    /// Luma's cursor pages come one after another, each request waiting for the last: back to
    /// back they reserve in blocks too (at most a tenth of Luma's 160 a minute at once).
    @Test func backToBackRequestsReserveInBlocksWithinATenthOfTheWindow() async throws {
        let clock = VirtualPolicyClock()
        let rig = try Rig(limit: .luma, clock: clock) { _ in
            clock.advance(by: 0.002)  // a page's round trip
            return HTTPResponse(status: 200)
        }
        try await rig.burst(tasks: 1, each: 100)
        #expect(rig.ledger.reservations <= 12, "\(rig.ledger.reservations) ledger writes for 100 back-to-back requests")
        let held = try rig.used(window: 60, now: clock.now())
        #expect(held >= 100 && held <= 100 + 16, "\(held) slots held for 100 requests (a block is at most 16)")
        #expect(rig.policy.snapshot().remaining == 160 - 100)
    }

    /// A poll every few seconds is a lone request: it reserves exactly its own slot, so the
    /// budget another process reads never counts a request that was not sent.
    @Test func aLoneRequestReservesOnlyItsOwnSlot() async throws {
        let clock = VirtualPolicyClock()
        let rig = try Rig(limit: .eventbrite, clock: clock) { _ in HTTPResponse(status: 200) }
        for n in 1...10 {
            _ = try await rig.policy.send(HTTPRequest(url: SharedBudgetScenarios.url))
            #expect(try rig.used(window: 3600, now: clock.now()) == n)
            clock.advance(by: 5)
        }
        #expect(rig.ledger.reservations == 10)
    }
}
