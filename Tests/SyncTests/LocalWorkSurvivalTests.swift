import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// SPEC §2.4: sync never destroys local work — VIP flags, local check-ins and undos, print
/// history survive polls, resyncs, reconnects and re-imports.
@Suite(.serialized) struct LocalWorkSurvivalTests {
    @Test(arguments: [Provider.eventbrite, .luma])
    func vipCheckInsAndPrintsSurvivePollsResyncAndReimport(_ provider: Provider) async throws {
        let f = try SyncFixture(attendees: 300)
        let event = try await f.imported(provider)
        let attending = try f.rows(event.id).values.filter { $0.status == .attending && !$0.isCheckedIn }
            .sorted { $0.providerAttendeeId < $1.providerAttendeeId }
        let guest = attending[0], undone = attending[1]
        let at = Date()
        try f.store.setVIP(attendeeId: guest.id, true, operatorName: "ada", at: at)
        _ = try f.store.checkIn(attendeeId: guest.id, action: .checkIn, operatorName: "ada", station: "door", at: at)
        try f.store.recordPrint(PrintRecord(attendeeId: guest.id, at: at, templateName: "Default",
                                            output: "/tmp/badge.pdf", operatorName: "ada"))
        _ = try f.store.checkIn(attendeeId: undone.id, action: .checkIn, operatorName: "ada", station: "door", at: at)
        _ = try f.store.checkIn(attendeeId: undone.id, action: .undo, operatorName: "ada", station: "door",
                                at: at.addingTimeInterval(1))

        // The provider edits the VIP guest (Luma edits arrive with the full scan of a resync).
        try f.simulator.edit(event: event.externalId, attendee: guest.providerAttendeeId,
                             AttendeeEdit(company: "Edited Co"))
        try await f.engine.poll(eventId: event.id)
        try await f.engine.resync(eventId: event.id)
        #expect(try f.store.attendee(id: guest.id)?.company == "Edited Co")

        // Re-import through Reconnect (PENDING → ACTIVE) of the same event.
        _ = try await f.engine.reconnect(eventId: event.id)
        let result = try #require(try await f.engine.waitForImport(eventId: event.id))
        #expect(result.syncStatus == .active)
        #expect(result.counts.added == 0, "a re-import must merge into the existing rows")
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
        try await f.engine.poll(eventId: event.id)

        let kept = try #require(try f.store.attendee(id: guest.id))
        #expect(kept.vip)
        #expect(kept.company == "Edited Co")
        #expect(kept.checkInSource == .local)
        #expect(kept.printCount == 1)
        #expect(try f.store.prints(attendeeId: guest.id).count == 1)
        #expect(try f.store.checkInHistory(attendeeId: guest.id).map(\.action) == [.checkIn])
        #expect(try f.store.attendee(id: undone.id)?.isCheckedIn == false)
        #expect(try f.store.checkInHistory(attendeeId: undone.id).map(\.action) == [.checkIn, .undo])
        #expect(try f.rows(event.id).count == (try f.providerView(event)).count)
    }

    @Test func aProviderCheckInAfterALocalUndoIsMergedButNotBeforeIt() async throws {
        let f = try SyncFixture(attendees: 150)
        let event = try await f.imported(.eventbrite)
        let row = try f.rows(event.id).values.filter { $0.status == .attending && !$0.isCheckedIn }
            .min { $0.providerAttendeeId < $1.providerAttendeeId }!
        // Checked in at the provider; the desk undoes it afterwards: the undo stands.
        try f.simulator.checkIn(event: event.externalId, attendee: row.providerAttendeeId)
        try await f.engine.poll(eventId: event.id)
        #expect(try f.store.attendee(id: row.id)?.checkInSource == .provider)
        _ = try f.store.checkIn(attendeeId: row.id, action: .undo, operatorName: "ada", station: "door",
                                at: Date().addingTimeInterval(2))
        try await f.engine.poll(eventId: event.id)
        try await f.engine.resync(eventId: event.id)
        #expect(try f.store.attendee(id: row.id)?.isCheckedIn == false)
        // Cancellation at the provider: NOT_ATTENDING, history kept.
        try f.simulator.cancel(event: event.externalId, attendee: row.providerAttendeeId, refund: true)
        let r = try await f.engine.poll(eventId: event.id)
        #expect(r.counts.cancelled == 1)
        let after = try #require(try f.store.attendee(id: row.id))
        #expect(after.status == .notAttending)
        #expect(try f.store.checkInHistory(attendeeId: row.id).map(\.action) == [.undo])
    }
}
