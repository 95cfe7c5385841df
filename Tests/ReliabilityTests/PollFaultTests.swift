import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

extension Reliability {
    /// The fault matrix during live sync: each fault while a poll picks up provider changes, the end
    /// state (absorbed, FAILED with the reason and an automatic retry, DISCONNECTED), and recovery
    /// (the engine's own backoff retry, or Reconnect) with every change picked up and the desk's VIP
    /// flags and check-ins intact.
    @Suite(.serialized) struct PollFaultTests {
        static func fixture(_ fault: ProviderFault) throws -> ReliabilityFixture {
            try ReliabilityFixture(simulator: SimulatorConfig(attendees: 300, events: 1, seed: 31),
                                   timeout: fault.timeout,
                                   config: SyncConfig(failureBackoff: 0.2, maxBackoff: 1), checkBodies: true)
        }

        @Test(arguments: ProviderFault.transport)
        func faultDuringPoll(_ fault: ProviderFault) async throws {
            let f = try Self.fixture(fault)
            let event = try await f.imported(fault.provider)
            let kept = try LocalWork.record(in: f, event: event)
            let changes = try ProviderChanges.make(f, event, avoiding: kept)
            let rowsBefore = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            f.resetCounts()
            if let rule = fault.rule { f.simulator.injectFault(rule) }
            let outcome = await Result { try await f.engine.poll(eventId: event.id) }
            #expect(f.faultServed, "the fault was never served: the case proves nothing")
            let after = try f.event(event.id)

            switch fault.expected {
            case .completed:
                if case .failure(let error) = outcome { Issue.record("poll failed: \(error)") }
                #expect(after.syncStatus == .active)
            case .failed(let reason):
                #expect(throws: (any Error).self) { try outcome.get() }
                #expect(after.syncStatus == .failed)
                #expect(after.lastError?.contains(reason) == true, "reason: \(after.lastError ?? "nil")")
                #expect(EventAlert.for(after, importRunning: false)?.title == "Sync failed")
                #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) >= rowsBefore, "rows dropped")
                let due = try #require(await f.engine.nextAutomaticRetry(eventId: event.id))
                f.simulator.clearFaults()
                if fault.name.contains("Retry-After") {
                    // The automatic retry waits at least as long as the provider asked (60 s);
                    // the user need not: R runs one now.
                    #expect(due.timeIntervalSinceNow > 30, "automatic retry sooner than Retry-After")
                    try await f.engine.retry(eventId: event.id)
                } else {
                    // The fault clears; the poller's own backoff retry brings the event back.
                    try await Task.sleep(nanoseconds: UInt64(max(0, due.timeIntervalSinceNow + 0.05) * 1e9))
                    await f.engine.pollDueEvents()
                }
                let recovered = try f.event(event.id)
                #expect(recovered.syncStatus == .active, "\(recovered.syncStatus): \(recovered.lastError ?? "")")
                #expect(recovered.lastError == nil)
            case .disconnected:
                Issue.record("not a transport fault")
            }
            try changes.expectPickedUp(f, after)
            if fault.provider == .luma { try await f.engine.resync(eventId: event.id) }
            try f.expectExact(try f.event(event.id))
            try kept.expectIntact(in: f)
        }

        @Test func credentialRevokedMidPollDisconnectsAndReconnectKeepsLocalWork() async throws {
            let f = try Self.fixture(ProviderFault(name: "revoked", expected: .disconnected))
            let event = try await f.imported(.eventbrite)
            let kept = try LocalWork.record(in: f, event: event)
            let changes = try ProviderChanges.make(f, event, avoiding: kept)
            f.simulator.revokeCredential(.eventbrite)
            await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
            let after = try f.event(event.id)
            #expect(after.syncStatus == .disconnected)
            #expect(EventAlert.for(after, importRunning: false)?.title == "Integration disconnected")
            #expect(await f.engine.nextAutomaticRetry(eventId: event.id) == nil, "a rejected credential is not retried blindly")
            f.simulator.resetCounters()
            await f.engine.pollDueEvents()
            #expect(f.simulator.requestCounts().total == 0, "the poller kept calling with a revoked credential")

            f.simulator.restoreCredential(.eventbrite)
            try await f.connect(.eventbrite)
            _ = try await f.engine.reconnect(eventId: event.id)
            _ = try await f.engine.waitForImport(eventId: event.id)
            let done = try f.event(event.id)
            #expect(done.syncStatus == .active)
            try changes.expectPickedUp(f, done)
            try f.expectExact(done)
            try kept.expectIntact(in: f)
        }

        @Test func providerEventDeletedFailsWithTheReasonAndKeepsEverything() async throws {
            let f = try Self.fixture(ProviderFault(name: "deleted", expected: .failed(reasonContains: "")))
            let event = try await f.imported(.eventbrite)
            let kept = try LocalWork.record(in: f, event: event)
            let rows = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            let notAttending = try f.store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .notAttending))
            try f.simulator.deleteEvent(event.externalId)
            for attempt in 1...2 {  // the poll, then the automatic retry: same clear reason
                if attempt == 2, let due = await f.engine.nextAutomaticRetry(eventId: event.id) {
                    try await Task.sleep(nanoseconds: UInt64(max(0, due.timeIntervalSinceNow + 0.05) * 1e9))
                    await f.engine.pollDueEvents()
                } else {
                    await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
                }
                let failed = try f.event(event.id)
                #expect(failed.syncStatus == .failed)
                #expect(failed.lastError == "event no longer exists at Eventbrite")
                #expect(EventAlert.for(failed, importRunning: false)?.title == "Sync failed")
            }
            await #expect(throws: ProviderError.self) { try await f.engine.resync(eventId: event.id) }
            #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) == rows, "rows dropped")
            // A failed full scan never marks the rows it did not see as NOT_ATTENDING.
            #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .notAttending)) == notAttending)
            try kept.expectIntact(in: f)
        }

        @Test func staleContinuationMidPollRestartsFromPageOneAndPicksUpEverything() async throws {
            let f = try Self.fixture(ProviderFault(name: "bad continuation", expected: .completed))
            let event = try await f.imported(.eventbrite)
            // Enough changes for several pages of changed orders (Eventbrite pages by continuation).
            let changes = try ProviderChanges.make(f, event, registrations: 400)
            f.recorder.resetStatuses()
            f.recorder.tamperOnce { request in
                guard var parts = URLComponents(url: request.url, resolvingAgainstBaseURL: false),
                      let items = parts.queryItems, items.contains(where: { $0.name == "continuation" }) else { return nil }
                parts.queryItems = items.map { $0.name == "continuation" ? URLQueryItem(name: "continuation", value: "c3RhbGUuMQ") : $0 }
                var stale = request
                stale.url = parts.url!
                return stale
            }
            let result = try await f.engine.poll(eventId: event.id)
            #expect(f.recorder.responseStatuses.contains(400), "no stale continuation was ever sent")
            #expect(result.syncStatus == .active)
            #expect(result.counts.added == 400)
            try changes.expectPickedUp(f, try f.event(event.id))
            try f.expectExact(try f.event(event.id))
        }
    }
}
