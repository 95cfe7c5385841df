import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

@Suite(.serialized) struct LiveSyncTests {
    @Test(arguments: [Provider.eventbrite, .luma])
    func pollPicksUpRegistrationsEditsCancellationsAndKeepsVIP(_ provider: Provider) async throws {
        let f = try SyncFixture(attendees: 400)
        let event = try await f.imported(provider)
        let ext = event.externalId
        let before = try f.rows(event.id)
        let attending = before.values.filter { $0.status == .attending }.sorted { $0.providerAttendeeId < $1.providerAttendeeId }
        let vipRow = attending[0]
        try f.store.setVIP(attendeeId: vipRow.id, true, operatorName: "ada", at: Date())

        let added = try f.simulator.addRegistrations(event: ext, count: 3)
        try f.simulator.cancel(event: ext, attendee: vipRow.providerAttendeeId)
        // Luma head scans see new registrations and check-ins; edits of old guests need a full
        // scan, so edit a guest registered just now.
        let edited = provider == .luma ? added[0] : attending[1].providerAttendeeId
        try f.simulator.edit(event: ext, attendee: edited, AttendeeEdit(name: "Grace Hopper", company: "Navy"))

        var result = try await f.engine.poll(eventId: event.id)
        if provider == .luma {  // the cancellation of an old guest arrives with the periodic full scan
            result.counts += try await f.engine.resync(eventId: event.id).counts
        }
        let rows = try f.rows(event.id)
        for id in added { #expect(rows[id] != nil, "new registration \(id) missing") }
        #expect(rows[edited]?.name == "Grace Hopper")
        #expect(rows[edited]?.company == "Navy")
        #expect(rows[vipRow.providerAttendeeId]?.status == .notAttending)
        #expect(rows[vipRow.providerAttendeeId]?.vip == true)
        #expect(result.counts.added >= 3)
        #expect(result.counts.cancelled >= 1)
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
    }

    @Test func eventbritePollWithNothingChangedIsOneRequest() async throws {
        let f = try SyncFixture(attendees: 500)
        let event = try await f.imported(.eventbrite)
        let result = try await f.engine.poll(eventId: event.id)
        #expect(result.requests == 1)
        #expect(result.counts.added == 0 && result.counts.updated == 0 && result.counts.cancelled == 0)
    }

    @Test func providerCheckInsMergeAndLocalUndoIsNotResurrected() async throws {
        let f = try SyncFixture(attendees: 200)
        let event = try await f.imported(.eventbrite)
        let rows = try f.rows(event.id).values.filter { $0.status == .attending && !$0.isCheckedIn }
            .sorted { $0.providerAttendeeId < $1.providerAttendeeId }
        let a = rows[0], b = rows[1]
        try f.simulator.checkIn(event: event.externalId, attendee: a.providerAttendeeId)
        try f.simulator.checkIn(event: event.externalId, attendee: b.providerAttendeeId)
        try await f.engine.poll(eventId: event.id)
        #expect(try f.store.attendee(id: a.id)?.checkInSource == .provider)
        #expect(try f.store.attendee(id: b.id)?.isCheckedIn == true)

        // Staff undo b at the desk; the next polls and a resync must not bring it back.
        let outcome = try f.store.checkIn(attendeeId: b.id, action: .undo, operatorName: "ada", station: "door",
                                          at: Date().addingTimeInterval(1))
        guard case .recorded = outcome else { Issue.record("undo refused: \(outcome)"); return }
        try await f.engine.poll(eventId: event.id)
        try await f.engine.resync(eventId: event.id)
        #expect(try f.store.attendee(id: b.id)?.isCheckedIn == false)
        #expect(try f.store.attendee(id: a.id)?.isCheckedIn == true)
    }

    @Test func resyncMarksVanishedRowsNotAttendingAndKeepsThem() async throws {
        let f = try SyncFixture(attendees: 150)
        let event = try await f.imported(.eventbrite)
        let ghost = ProviderAttendee(providerAttendeeId: "ghost-1", name: "Vanished Person", status: .attending)
        _ = try f.store.applyPage(eventId: event.id, attendees: [ghost], checkpoint: nil, now: Date())
        let row = try f.store.attendee(eventId: event.id, providerAttendeeId: "ghost-1")!
        try f.store.setVIP(attendeeId: row.id, true, operatorName: "ada", at: Date())
        let result = try await f.engine.resync(eventId: event.id)
        #expect(result.counts.cancelled >= 1)
        let after = try f.store.attendee(id: row.id)!
        #expect(after.status == .notAttending)
        #expect(after.vip)
        // A second resync finds nothing new to cancel.
        let again = try await f.engine.resync(eventId: event.id)
        #expect(again.counts.cancelled == 0)
        #expect(again.counts.added == 0)
    }

    @Test func concurrentResyncRequestsCoalesce() async throws {
        let f = try SyncFixture(simulator: SimulatorConfig(attendees: 1_500, events: 1, seed: 9, latencyMs: 10))
        let event = try await f.imported(.eventbrite)
        f.simulator.resetCounters()
        async let one = f.engine.resync(eventId: event.id)
        async let two = f.engine.resync(eventId: event.id)
        let (r1, r2) = try await (one, two)
        #expect(r1 == r2)
        #expect(f.simulator.requestCounts().total == r1.requests)
        #expect(await f.engine.isResyncing(eventId: event.id) == false)
    }

    @Test func serverErrorStormGoesFailedThenRecoversToActive() async throws {
        let f = try SyncFixture(attendees: 100)
        let event = try await f.imported(.eventbrite)
        f.simulator.injectFault(FaultRule(kind: .status(503, body: nil), probability: 1, provider: .eventbrite))
        await #expect(throws: (any Error).self) { try await f.engine.poll(eventId: event.id) }
        let failed = try f.store.event(id: event.id)!
        #expect(failed.syncStatus == .failed)
        #expect(failed.lastError?.isEmpty == false)
        #expect(EventAlert.for(failed, importRunning: false)?.title == "Sync failed")
        #expect(await f.engine.nextAutomaticRetry(eventId: event.id) != nil)

        f.simulator.clearFaults()
        let result = try await f.engine.retry(eventId: event.id)
        #expect(result.syncStatus == .active)
        #expect(try f.store.event(id: event.id)?.lastError == nil)
        #expect(await f.engine.nextAutomaticRetry(eventId: event.id) == nil)
    }

    @Test func revokedMidPollDisconnectsAndReconnectKeepsVIPAndCheckIns() async throws {
        let f = try SyncFixture(attendees: 200)
        let event = try await f.imported(.luma)
        let row = try f.rows(event.id).values.first { $0.status == .attending && !$0.isCheckedIn }!
        try f.store.setVIP(attendeeId: row.id, true, operatorName: "ada", at: Date())
        let outcome = try f.store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "ada", station: "door", at: Date())
        guard case .recorded = outcome else { Issue.record("check-in refused: \(outcome)"); return }

        f.simulator.revokeCredential(.luma)
        await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
        #expect(try f.store.event(id: event.id)?.syncStatus == .disconnected)
        #expect(try f.store.integration(provider: .luma)?.status == .disconnected)
        #expect(EventAlert.for(try f.store.event(id: event.id)!, importRunning: false)?.title == "Integration disconnected")
        // The poller leaves a disconnected event alone.
        f.simulator.resetCounters()
        await f.engine.pollDueEvents()
        #expect(f.simulator.requestCounts().total == 0)

        f.simulator.restoreCredential(.luma)
        try await f.connect(.luma)
        _ = try await f.engine.reconnect(eventId: event.id)
        _ = try await f.engine.waitForImport(eventId: event.id)
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
        let kept = try f.store.attendee(id: row.id)!
        #expect(kept.vip)
        #expect(kept.checkInSource == .local)
        #expect(try f.store.checkInHistory(attendeeId: row.id).count == 1)
    }

    @Test func rateLimitedPollsBackOffAndSucceed() async throws {
        let f = try SyncFixture(attendees: 80)
        let event = try await f.imported(.eventbrite)
        f.simulator.injectFault(FaultRule(kind: .status(429, body: nil), next: 2, provider: .eventbrite))
        let result = try await f.engine.poll(eventId: event.id)
        #expect(result.syncStatus == .active)
        #expect(result.requests == 3)
    }

    @Test func aRetryAfterLongerThanTheWaitLimitFailsTheSyncWithTheWait() async throws {
        let f = try SyncFixture(attendees: 80)
        let event = try await f.imported(.luma)
        f.simulator.injectFault(FaultRule(kind: .status(429, body: nil), next: 1, provider: .luma))
        await #expect(throws: ProviderError.self) { try await f.engine.poll(eventId: event.id) }
        let failed = try f.store.event(id: event.id)!
        #expect(failed.syncStatus == .failed)
        #expect(failed.lastError?.hasPrefix("rate limited by Luma: try again in ") == true)
    }

    @Test func deletedProviderEventFailsWithAClearReason() async throws {
        let f = try SyncFixture(attendees: 30)
        let event = try await f.imported(.eventbrite)
        try f.simulator.deleteEvent(event.externalId)
        await #expect(throws: (any Error).self) { try await f.engine.resync(eventId: event.id) }
        let failed = try f.store.event(id: event.id)!
        #expect(failed.syncStatus == .failed)
        #expect(failed.lastError == "event no longer exists at Eventbrite")
        #expect(try f.store.attendeeCount(AttendeeQuery(eventId: event.id)) > 0)
    }
}
