import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// Issue #17: a (re-)import reports each attendee once — the closing sweep re-reads what the
/// pages merged — and a Luma import knows its total from the event's guest count.
@Suite(.serialized) struct ImportCountsTests {
    @Test(arguments: [Provider.eventbrite, .luma])
    func reconnectCountsAddUpToTheAttendeesSeen(_ provider: Provider) async throws {
        let f = try SyncFixture(attendees: 300)
        let event = try await f.imported(provider)
        let ext = event.externalId
        // Changes stamped now: the re-import's pages read them, and so does its closing sweep.
        let added = try f.simulator.addRegistrations(event: ext, count: 4)
        let attending = try f.rows(event.id).values.filter { $0.status == .attending }
            .sorted { $0.providerAttendeeId < $1.providerAttendeeId }
        for row in attending.prefix(3) {
            try f.simulator.edit(event: ext, attendee: row.providerAttendeeId, AttendeeEdit(company: "Renamed \(row.id)"))
        }
        _ = try await f.engine.reconnect(eventId: event.id)
        let result = try #require(try await f.engine.waitForImport(eventId: event.id))
        let c = result.counts
        let seen = try f.providerView(event).count
        #expect(c.added + c.updated + c.cancelled + c.unchanged == seen,
                "\(c.added) added, \(c.updated) updated, \(c.cancelled) cancelled, \(c.unchanged) unchanged of \(seen)")
        #expect(c.added == added.count)
        #expect(c.updated == 3)
        #expect(c.cancelled == 0)
    }

    @Test func freshImportCountsEveryAttendeeOnceAsAdded() async throws {
        let f = try SyncFixture(attendees: 250)
        try await f.connect(.eventbrite)
        let ext = try #require(f.sim.firstEventId(.eventbrite))
        try f.simulator.addRegistrations(event: ext, count: 5)  // stamped now: the sweep returns them too
        let event = try await f.engine.startImport(provider: .eventbrite, externalId: ext)
        let result = try #require(try await f.engine.waitForImport(eventId: event.id))
        let seen = try f.providerView(event).count
        #expect(result.counts == SyncCounts(added: seen, updated: 0, cancelled: 0, unchanged: 0))
    }

    @Test func lumaImportTakesItsTotalFromTheGuestCount() async throws {
        let f = try SyncFixture(attendees: 400)
        try await f.connect(.luma)
        let ext = try #require(f.sim.firstEventId(.luma))
        let guests = try f.simulator.attendees(event: ext).count
        let listed = try await f.engine.availableEvents(provider: .luma)
        #expect(listed.first { $0.externalId == ext }?.registrations == guests)

        let stream = await f.engine.notifications()
        let event = try await f.engine.startImport(provider: .luma, externalId: ext)
        var first: ImportProgress?
        for await n in stream {
            if case .importProgressed(_, let p) = n { first = p; break }
        }
        let progress = try #require(first)
        #expect(progress.attendeesTotal == guests)
        #expect(progress.knownPagesTotal == nil)
        #expect(progress.fraction.map { $0 > 0 && $0 < 1 } == true)
        _ = try await f.engine.waitForImport(eventId: event.id)
        let done = try #require(try f.store.event(id: event.id)?.importProgress)
        #expect(done.finished)
        #expect(done.attendeesTotal == guests)
        #expect(done.fraction == 1)
    }
}
