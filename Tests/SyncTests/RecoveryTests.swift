import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// SPEC §2.2 recovery paths: automatic retries with backoff, Retry-After, faults in polls, an
/// import interrupted before the engine (re)started.
@Suite(.serialized) struct RecoveryTests {
    @Test func theFailedEventIsRetriedByThePollerAfterAGrowingBackoffAndReturnsToActive() async throws {
        let clock = VirtualPolicyClock(start: Date())
        let f = try SyncFixture(attendees: 120, config: SyncConfig(pollInterval: 15, failureBackoff: 15, maxBackoff: 300),
                                clock: clock)
        let event = try await f.imported(.eventbrite)
        f.simulator.injectFault(FaultRule(kind: .status(503, body: nil), probability: 1, provider: .eventbrite))

        await f.engine.pollDueEvents()
        #expect(try f.store.event(id: event.id)?.syncStatus == .failed)
        let firstRetry = try #require(await f.engine.nextAutomaticRetry(eventId: event.id))
        #expect(firstRetry.timeIntervalSince(clock.now()) >= 14)

        // Before the backoff elapses the poller leaves the event alone.
        f.simulator.resetCounters()
        await f.engine.pollDueEvents()
        #expect(f.simulator.requestCounts().total == 0)

        // The second failure doubles the wait.
        clock.advance(by: firstRetry.timeIntervalSince(clock.now()) + 1)
        await f.engine.pollDueEvents()
        #expect(f.simulator.requestCounts().total > 0)
        let secondRetry = try #require(await f.engine.nextAutomaticRetry(eventId: event.id))
        #expect(secondRetry.timeIntervalSince(clock.now()) >= 29)
        #expect(try f.store.event(id: event.id)?.syncStatus == .failed)

        // The provider recovers: the next automatic attempt returns the event to ACTIVE.
        f.simulator.clearFaults()
        try f.simulator.addRegistrations(event: event.externalId, count: 2)
        clock.advance(by: secondRetry.timeIntervalSince(clock.now()) + 1)
        await f.engine.pollDueEvents()
        let recovered = try f.store.event(id: event.id)!
        #expect(recovered.syncStatus == .active)
        #expect(recovered.lastError == nil)
        #expect(await f.engine.nextAutomaticRetry(eventId: event.id) == nil)
        #expect(try f.rows(event.id).count == (try f.providerView(event)).count)
    }

    @Test func aRateLimitedSyncIsNotRetriedBeforeTheProvidersRetryAfter() async throws {
        let f = try SyncFixture(attendees: 60, config: SyncConfig(failureBackoff: 1, maxBackoff: 2))
        let event = try await f.imported(.luma)
        f.simulator.injectFault(FaultRule(kind: .status(429, body: nil), next: 1, provider: .luma))
        await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
        let failed = try f.store.event(id: event.id)!
        let reason = try #require(failed.lastError)
        // "rate limited by Luma: try again in N s"
        let seconds = try #require(Double(reason.split(separator: " ").dropLast().last.map(String.init) ?? ""))
        let retryAt = try #require(await f.engine.nextAutomaticRetry(eventId: event.id))
        #expect(retryAt.timeIntervalSinceNow >= seconds - 5, "retry at +\(retryAt.timeIntervalSinceNow) s, asked \(seconds) s")
    }

    @Test(arguments: [FaultRule.Kind.malformed, .truncated])
    func brokenPagesDuringAPollFailTheSyncClearlyAndLeaveTheRowsAlone(_ kind: FaultRule.Kind) async throws {
        let f = try SyncFixture(attendees: 200)
        let event = try await f.imported(.eventbrite)
        let before = try f.rows(event.id)
        try f.simulator.addRegistrations(event: event.externalId, count: 3)
        f.simulator.injectFault(FaultRule(kind: kind, probability: 1, provider: .eventbrite, pathContains: "orders"))
        await #expect(throws: (any Error).self) { try await f.engine.poll(eventId: event.id) }
        let failed = try f.store.event(id: event.id)!
        #expect(failed.syncStatus == .failed)
        let reason = try #require(failed.lastError)
        #expect(!reason.isEmpty && !reason.contains("\n"))
        #expect(!reason.contains(f.sim.credential(for: .eventbrite)))
        #expect(EventAlert.for(failed, importRunning: false)?.title == "Sync failed")
        #expect(try f.rows(event.id) == before)

        f.simulator.clearFaults()
        let result = try await f.engine.retry(eventId: event.id)
        #expect(result.syncStatus == .active)
        #expect(result.counts.added >= 3)
    }

    /// A new engine (a restarted console) finds a PENDING event with a checkpoint and no job:
    /// "Import failed", nothing resumes by itself; Retry continues from the checkpoint (not from
    /// page 1) and ends with exactly the provider's attendees.
    @Test func anInterruptedImportIsImportFailedOnRestartAndRetryResumesFromTheCheckpoint() async throws {
        let f = try SyncFixture(simulator: SimulatorConfig(attendees: 3_000, events: 1, seed: 11, latencyMs: 10))
        try await f.connect(.eventbrite)
        let stream = await f.engine.notifications()
        let event = try await f.engine.startImport(provider: .eventbrite, externalId: f.sim.firstEventId(.eventbrite)!)
        var seen = 0
        for await n in stream {
            if case .importProgressed = n { seen += 1 }
            if seen == 5 { break }
        }
        await f.engine.shutdown()  // the process goes away mid-import
        _ = try? await f.engine.waitForImport(eventId: event.id)

        let stopped = try f.store.event(id: event.id)!
        #expect(stopped.syncStatus == .pending)
        let checkpoint = try #require(try f.store.importCheckpoint(eventId: event.id))
        #expect(checkpoint.pagesDone >= 5)
        let total = try #require(checkpoint.pagesTotal)

        let restarted = f.makeEngine()
        #expect(await restarted.isImporting(eventId: event.id) == false)
        #expect(EventAlert.for(stopped, importRunning: await restarted.isImporting(eventId: event.id))?.title == "Import failed")
        await restarted.pollDueEvents()  // a PENDING event is neither polled nor resumed
        #expect(try f.store.event(id: event.id)?.syncStatus == .pending)
        #expect(await restarted.isImporting(eventId: event.id) == false)

        f.simulator.resetCounters()
        let result = try await restarted.retry(eventId: event.id)
        #expect(result.syncStatus == .active)
        let orderRequests = f.simulator.requestCounts().byRoute.filter { $0.key.contains("orders") }.values.reduce(0, +)
        #expect(orderRequests < total, "retry fetched \(orderRequests) order pages of \(total)")
        let done = try f.store.event(id: event.id)!
        #expect(Set(try f.rows(event.id).keys) == Set(try f.providerView(done).keys))
        #expect(try f.store.importCheckpoint(eventId: event.id) == nil)
        await restarted.shutdown()
    }

    /// Killed after the last page was committed but before ACTIVE: the checkpoint has pages and
    /// no next cursor, so Retry only runs the final incremental sweep, not the whole scan again.
    @Test func aJobStoppedAfterItsLastPageOnlyRunsTheFinalSweepOnRetry() async throws {
        let f = try SyncFixture(attendees: 2_000)
        let event = try await f.imported(.eventbrite)
        var stopped = try #require(try f.store.event(id: event.id))
        stopped.syncStatus = .pending
        stopped.syncCursor = nil
        try f.store.updateEvent(stopped)
        let now = Date()
        _ = try f.store.applyPage(eventId: event.id, attendees: [], checkpoint: ImportCheckpoint(
            eventId: event.id, cursor: nil, pagesDone: 14, attendeesSoFar: 2_000, pagesTotal: 14,
            startedAt: now, updatedAt: now), now: now)
        let added = try f.simulator.addRegistrations(event: event.externalId, count: 2)

        f.simulator.resetCounters()
        let result = try await f.engine.retry(eventId: event.id)
        #expect(result.syncStatus == .active)
        #expect(f.simulator.requestCounts().total == 1, "\(f.simulator.requestCounts().byRoute)")
        let rows = try f.rows(event.id)
        for id in added { #expect(rows[id] != nil) }
        #expect(Set(rows.keys) == Set(try f.providerView(event).keys))
        #expect(try f.store.event(id: event.id)?.syncCursor != nil)
    }

    /// Quitting the console mid-poll (shutdown cancels the polls) must not leave the event FAILED.
    @Test func aPollCutShortByShutdownLeavesTheEventActive() async throws {
        let f = try SyncFixture(attendees: 80)
        let event = try await f.imported(.eventbrite)
        f.simulator.injectFault(FaultRule(kind: .delay(ms: 2_000), probability: 1, provider: .eventbrite))
        f.simulator.resetCounters()
        await f.engine.startPolling()
        for _ in 0..<400 where f.simulator.requestCounts().total == 0 {  // the poll's request is in flight
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        #expect(f.simulator.requestCounts().total > 0)
        await f.engine.shutdown()
        await f.engine.pollDueEvents()  // waits for the cancelled poll to wind down
        let after = try #require(try f.store.event(id: event.id))
        #expect(after.syncStatus == .active)
        #expect(after.lastError == nil)
        #expect(await f.engine.nextAutomaticRetry(eventId: event.id) == nil)
    }
}
