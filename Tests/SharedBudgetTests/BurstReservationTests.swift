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

    @Test func concurrentRequestsReserveInBlocksAndTheBudgetShowsExactlyWhatWasSent() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let ledger = CountingLedger(StoreRateLedger(store: store))
        let stub = StubTransport()
        let sent = SharedBudgetScenarios.Sent()
        stub.on("/v1/ping", replies: [.handler { _ in
            sent.add(Date())
            try await Task.sleep(nanoseconds: 2_000_000)  // a page in flight while the others reserve
            return HTTPResponse(status: 200)
        }])
        let account = SharedBudgetScenarios.account
        let policy = PolicyTransport(wrapping: stub, limit: .eventbrite, credential: SharedBudgetScenarios.token,
                                     ledger: ledger, account: account)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { for _ in 0..<40 { _ = try await policy.send(HTTPRequest(url: SharedBudgetScenarios.url)) } }
            }
            try await group.waitForAll()
        }
        #expect(sent.all.count == 160)
        #expect(ledger.reservations < 60, "\(ledger.reservations) ledger writes for 160 concurrent requests")
        // Right after the burst another process may still see a block reserved ahead…
        let justAfter = try store.rateUse(account: account, window: 3600, now: Date()).used
        #expect(justAfter >= 160 && justAfter <= 160 + 64, "\(justAfter) slots right after 160 requests")
        // …idle for a moment, the slots reserved ahead and not used went back, unasked.
        try await Task.sleep(nanoseconds: UInt64((SlotStash.idleRelease + 0.4) * 1e9))
        #expect(try store.rateUse(account: account, window: 3600, now: Date()).used == 160)
        #expect(policy.snapshot().remaining == 1600 - 160)
    }

    /// Reading the budget while no request is in flight (the header after an import, `badge
    /// events import` printing what is left) gives the unused slots back first: the figure is exact.
    @Test func readingTheBudgetWhenIdleGivesBackWhatWasReservedAhead() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let ledger = CountingLedger(StoreRateLedger(store: store))
        let stub = StubTransport()
        stub.on("/v1/ping", replies: [.handler { _ in
            try await Task.sleep(nanoseconds: 2_000_000)
            return HTTPResponse(status: 200)
        }])
        let account = SharedBudgetScenarios.account
        let policy = PolicyTransport(wrapping: stub, limit: .eventbrite, credential: SharedBudgetScenarios.token,
                                     ledger: ledger, account: account)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { for _ in 0..<25 { _ = try await policy.send(HTTPRequest(url: SharedBudgetScenarios.url)) } }
            }
            try await group.waitForAll()
        }
        #expect(policy.snapshot().remaining == 1600 - 100)
        #expect(try store.rateUse(account: account, window: 3600, now: Date()).used == 100)
    }
    /// Luma's cursor pages come one after another, each request waiting for the last: back to
    /// back they reserve in blocks too (at most a tenth of Luma's 160 a minute at once).
    @Test func backToBackRequestsReserveInBlocksWithinATenthOfTheWindow() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let ledger = CountingLedger(StoreRateLedger(store: store))
        let clock = VirtualPolicyClock()
        let stub = StubTransport()
        stub.on("/v1/ping", replies: [.handler { _ in
            clock.advance(by: 0.002)  // a page's round trip
            return HTTPResponse(status: 200)
        }])
        let account = SharedBudgetScenarios.account
        let policy = PolicyTransport(wrapping: stub, limit: .luma, retry: SharedBudgetScenarios.retry, clock: clock,
                                     credential: SharedBudgetScenarios.token, ledger: ledger, account: account)
        for _ in 0..<100 { _ = try await policy.send(HTTPRequest(url: SharedBudgetScenarios.url)) }
        #expect(ledger.reservations <= 12, "\(ledger.reservations) ledger writes for 100 back-to-back requests")
        let held = try store.rateUse(account: account, window: 60, now: clock.now()).used
        #expect(held >= 100 && held <= 100 + 16, "\(held) slots held for 100 requests (a block is at most 16)")
        #expect(policy.snapshot().remaining == 160 - 100)
    }

    /// A poll every few seconds is a lone request: it reserves exactly its own slot, so the
    /// budget another process reads never counts a request that was not sent.
    @Test func aLoneRequestReservesOnlyItsOwnSlot() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let ledger = CountingLedger(StoreRateLedger(store: store))
        let clock = VirtualPolicyClock()
        let stub = StubTransport()
        stub.on("/v1/ping", replies: [.handler { _ in HTTPResponse(status: 200) }])
        let account = SharedBudgetScenarios.account
        let policy = PolicyTransport(wrapping: stub, limit: .eventbrite, retry: SharedBudgetScenarios.retry,
                                     clock: clock, credential: SharedBudgetScenarios.token, ledger: ledger,
                                     account: account)
        for n in 1...10 {
            _ = try await policy.send(HTTPRequest(url: SharedBudgetScenarios.url))
            #expect(try store.rateUse(account: account, window: 3600, now: clock.now()).used == n)
            clock.advance(by: 5)
        }
        #expect(ledger.reservations == 10)
    }
}
