import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

@Suite(.serialized) struct ImportTests {
    @Test func eventbriteImportOf10000EndsActiveWithExactlyTheProvidersAttendees() async throws {
        let f = try SyncFixture(attendees: 10_000)
        let stream = await f.engine.notifications()
        let event = try await f.imported(.eventbrite)
        #expect(event.syncStatus == .active)
        #expect(event.syncCursor != nil)
        #expect(event.lastSyncedAt != nil)
        #expect(event.importProgress?.finished == true)
        #expect(AccessCode.isValid(event.accessCode))
        let rows = try f.rows(event.id)
        let provider = try f.providerView(event)
        #expect(rows.count == provider.count)
        #expect(Set(rows.keys) == Set(provider.keys))
        let sample = provider.values.first { $0.status == .notAttending }!
        #expect(rows[sample.providerAttendeeId]?.status == .notAttending)
        #expect(try f.store.importCheckpoint(eventId: event.id) == nil)

        // Progress was published page by page, ending with importFinished.
        var pages = 0
        var last: ImportProgress?
        var finished: SyncResult?
        for await n in stream {
            if case .importProgressed(_, let p) = n {
                pages += 1
                if let last { #expect(p.pagesDone > last.pagesDone && p.attendeesSoFar >= last.attendeesSoFar) }
                last = p
            }
            if case .importFinished(_, let result) = n { finished = result; break }
        }
        #expect(pages > 10)
        // Eventbrite tells the page count: the console can show a bar and an ETA.
        let final = try #require(last)
        #expect(final.pagesTotal == final.pagesDone)
        #expect(final.fraction == 1)
        #expect(final.attendeesSoFar >= provider.count)
        #expect(finished?.counts.added == provider.count)
        #expect(finished?.syncStatus == .active)
    }

    @Test func lumaImportOf10000MapsGuestsAndEndsActive() async throws {
        let f = try SyncFixture(attendees: 10_000)
        let event = try await f.imported(.luma)
        #expect(event.syncStatus == .active)
        #expect(event.syncCursor != nil)
        #expect(event.importProgress?.finished == true)
        #expect(try f.store.importCheckpoint(eventId: event.id) == nil)
        let rows = try f.rows(event.id)
        let provider = try f.providerView(event)
        #expect(rows.count == provider.count)
        #expect(Set(rows.keys) == Set(provider.keys))
        #expect(rows.values.filter { $0.status == .notAttending }.count
                == provider.values.filter { $0.status == .notAttending }.count)
        for (id, p) in provider.prefix(200) {
            #expect(rows[id]?.status == p.status)
            #expect(rows[id]?.barcode == p.barcode)
            #expect(rows[id]?.ticketName == p.ticketName)
        }
    }

    @Test func importingTheSameEventTwiceIsRefusedClearly() async throws {
        let f = try SyncFixture(attendees: 50)
        let event = try await f.imported(.eventbrite)
        await #expect(throws: SyncError.alreadyImported(qualifiedId: event.qualifiedId, localId: event.id)) {
            try await f.engine.startImport(provider: .eventbrite, externalId: event.externalId)
        }
        #expect(try f.store.events().count == 1)
    }

    @Test func importWithoutAConnectedIntegrationSaysWhatToDo() async throws {
        let f = try SyncFixture(attendees: 10)
        await #expect(throws: SyncError.noIntegration(.luma)) {
            try await f.engine.startImport(provider: .luma, externalId: "evt-x")
        }
    }

    @Test func malformedPagesLeaveImportFailedAndRetryEndsWithExactRows() async throws {
        let f = try SyncFixture(simulator: SimulatorConfig(attendees: 4_000, events: 1, seed: 5, latencyMs: 15))
        try await f.connect(.eventbrite)
        let externalId = f.sim.firstEventId(.eventbrite)!
        // Let a page land, then every page request answers garbage until cleared.
        let stream = await f.engine.notifications()
        let event = try await f.engine.startImport(provider: .eventbrite, externalId: externalId)
        for await n in stream { if case .importProgressed = n { break } }
        f.simulator.injectFault(FaultRule(kind: .malformed, probability: 1, provider: .eventbrite, pathContains: "orders"))
        await #expect(throws: (any Error).self) { _ = try await f.engine.waitForImport(eventId: event.id) }
        let stopped = try f.store.event(id: event.id)!
        #expect(stopped.syncStatus == .pending)
        #expect(stopped.lastError?.contains("at byte") == true, "\(stopped.lastError ?? "nil")")
        #expect(EventAlert.for(stopped, importRunning: await f.engine.isImporting(eventId: event.id))?.title == "Import failed")
        let partial = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
        #expect(partial > 0)
        #expect(try f.store.importCheckpoint(eventId: event.id) != nil)

        f.simulator.clearFaults()
        let result = try await f.engine.retry(eventId: event.id)
        #expect(result.syncStatus == .active)
        let rows = try f.rows(event.id)
        #expect(Set(rows.keys) == Set(try f.providerView(stopped).keys))
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
    }

    @Test func rejectedCredentialBeforeTheImportDisconnectsTheIntegration() async throws {
        let f = try SyncFixture(attendees: 40)
        try await f.connect(.luma)
        f.simulator.revokeCredential(.luma)
        await #expect(throws: ProviderError.self) {
            try await f.engine.startImport(provider: .luma, externalId: f.sim.firstEventId(.luma)!)
        }
        #expect(try f.store.integration(provider: .luma)?.status == .disconnected)
        #expect(try f.store.events().isEmpty)
    }

    @Test func revokedMidImportGoesDisconnectedAndReconnectEndsWithExactRows() async throws {
        let f = try SyncFixture(simulator: SimulatorConfig(attendees: 4_000, events: 1, seed: 3, latencyMs: 15))
        try await f.connect(.eventbrite)
        let stream = await f.engine.notifications()
        let event = try await f.engine.startImport(provider: .eventbrite, externalId: f.sim.firstEventId(.eventbrite)!)
        for await n in stream { if case .importProgressed = n { break } }
        f.simulator.revokeCredential(.eventbrite)
        await #expect(throws: (any Error).self) { _ = try await f.engine.waitForImport(eventId: event.id) }
        #expect(try f.store.event(id: event.id)?.syncStatus == .disconnected)
        #expect(try f.store.integration(provider: .eventbrite)?.status == .disconnected)
        await #expect(throws: SyncError.integrationDisconnected(.eventbrite)) {
            try await f.engine.reconnect(eventId: event.id)
        }

        f.simulator.restoreCredential(.eventbrite)
        try await f.connect(.eventbrite)
        _ = try await f.engine.reconnect(eventId: event.id)
        _ = try await f.engine.waitForImport(eventId: event.id)
        let done = try f.store.event(id: event.id)!
        #expect(done.syncStatus == .active)
        #expect(Set(try f.rows(event.id).keys) == Set(try f.providerView(done).keys))
    }
}
