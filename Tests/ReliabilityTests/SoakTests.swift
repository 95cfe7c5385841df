import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

extension Reliability {
    /// Live sync under a steady stream of provider changes and desk actions, with the real rate
    /// budgets: at the end (after a final resync) the database is the provider's view merged with
    /// every local action, memory stayed flat, and no request went over the budget.
    ///
    /// Quick: 5 000 attendees for 20 s. `BADGE_SOAK_MINUTES=10` (or `BADGE_FULL_RELIABILITY=1`):
    /// 50 000 attendees for that long.
    @Suite(.serialized) struct SoakTests {
        @Test func liveSyncSoakLosesNothingStaysFlatAndWithinBudget() async throws {
            let long = ReliabilityEnv.full || ReliabilityEnv.environment["BADGE_SOAK_MINUTES"] != nil
            let attendees = long ? 50_000 : 5_000
            let duration = ReliabilityEnv.soakSeconds
            let pollEvery = long ? 2.0 : 1.0
            let changesPerSecond = long ? 10 : 20
            // Real budgets on both sides: the clients plan with the providers' limits, the simulator
            // enforces them and would answer 429.
            let f = try ReliabilityFixture(
                simulator: SimulatorConfig(attendees: attendees, events: 1, seed: 51, referenceDate: Date()),
                eventbriteLimit: .eventbrite, lumaLimit: .luma,
                retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.05, maxDelay: 0.5, maxWait: 5),
                realSimulatorLimits: true)
            let event = try await f.imported(.eventbrite)
            try #require(event.syncStatus == .active)
            let resyncCost = f.recorder.requestsSent  // an import's requests ≈ one full resync
            // Warm caches before the memory baseline (the long soak cannot afford the requests:
            // a 50 000-attendee resync costs about a third of Eventbrite's hourly budget).
            if !long { try await f.engine.resync(eventId: event.id) }
            // And the store's page cache (bounded, not a leak): read every row and every count
            // the desk's queries use once.
            _ = try f.rowList(event.id)
            for filter in AttendeeFilter.allCases {
                for offset in stride(from: 0, to: attendees, by: attendees / 20) {
                    _ = try f.store.attendees(AttendeeQuery(eventId: event.id, filter: filter, offset: offset, limit: 1))
                }
            }
            _ = try f.store.stats(eventId: event.id)
            let driver = SoakDriver(store: f.store, eventId: event.id, seed: 52)
            let rssStart = residentMemory()

            let deadline = Date().addingTimeInterval(duration)
            let polls = Counter(), resyncs = Counter(), ticks = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {  // the provider: registrations, edits, cancellations, check-ins
                    while Date() < deadline {
                        ticks.add(f.simulator.tick(count: max(1, changesPerSecond / 10)).count)
                        try await Task.sleep(nanoseconds: 100_000_000)
                    }
                }
                group.addTask {  // the desk
                    while Date() < deadline {
                        try driver.step()
                        try await Task.sleep(nanoseconds: 25_000_000)
                    }
                }
                group.addTask {  // the poller, plus a periodic resync when the budget has room for it
                    var lastResync = Date()
                    while Date() < deadline {
                        await f.engine.pollDueEvents()
                        polls.add(1)
                        let pollsLeft = Int(deadline.timeIntervalSinceNow / pollEvery) + 1
                        let reserve = resyncCost * 2 + pollsLeft * 3 + 20  // this resync + the final one + polls
                        if Date().timeIntervalSince(lastResync) >= max(5, duration / 4),
                           let budget = await f.engine.budget(provider: .eventbrite), budget.remaining > reserve {
                            _ = try? await f.engine.resync(eventId: event.id)
                            resyncs.add(1)
                            lastResync = Date()
                        }
                        try await Task.sleep(nanoseconds: UInt64(pollEvery * 1e9))
                    }
                }
                try await group.waitForAll()
            }
            let rssEnd = residentMemory()

            // The provider is quiet now. Polls alone keep up: one more and the rows already match.
            try await f.engine.poll(eventId: event.id)
            try f.expectExact(try f.event(event.id), "after the last poll")
            // Then one last resync, and everything is compared.
            let final = try await f.engine.resync(eventId: event.id)
            #expect(final.syncStatus == .active)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active, "\(done.syncStatus): \(done.lastError ?? "")")
            try f.expectExact(done, "after the soak")
            try driver.expectEverythingKept()
            #expect(try DatabaseCheck.integrity(f.dbPath) == "ok")

            // It really was busy.
            #expect(ticks.value > Int(duration) * changesPerSecond / 2, "provider changes: \(ticks.value)")
            #expect(driver.checkIns.count > 20 && driver.vip.count > 5, "desk: \(driver.checkIns.count) check-ins, \(driver.vip.count) VIP")
            #expect(polls.value >= Int(duration / pollEvery) / 2, "polls: \(polls.value)")
            #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) > attendees, "no new registration arrived")

            // Never over the budget: no 429 from the provider, and at most the planned 80 % of the
            // hourly Eventbrite limit (when the whole soak is within one hour).
            #expect(!f.recorder.responseStatuses.contains(429))
            if duration < 3_000 {
                #expect(f.recorder.requestsSent <= 1_600, "\(f.recorder.requestsSent) requests in under an hour")
            }

            // A leak check, not a timing: resident memory stays flat over the steady phase.
            if let start = rssStart, let end = rssEnd {
                #expect(end - start < 50 << 20, "VmRSS grew \((end - start) >> 20) MB during the soak")
            }
            print("soak: \(Int(duration)) s, \(ticks.value) provider changes, \(driver.actions) desk actions "
                  + "(\(driver.checkIns.count) check-ins), \(polls.value) polls, \(resyncs.value) resyncs, "
                  + "\(f.recorder.requestsSent) requests, VmRSS \((rssStart ?? 0) >> 20) → \((rssEnd ?? 0) >> 20) MB")
        }
    }
}

/// A thread-safe tally for the soak's tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add(_ n: Int) { lock.withLock { count += n } }
}
