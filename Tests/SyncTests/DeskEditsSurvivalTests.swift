import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// SPEC §13 with §2.4 rule 3: badge corrections, notes and walk-ins are the desk's, so imports,
/// polls, full resyncs (with `markMissing`), reconnects (re-imports) never change or remove them,
/// while the provider's own fields keep updating underneath.
@Suite(.serialized) struct DeskEditsSurvivalTests {
    @Test(arguments: [Provider.eventbrite, .luma])
    func correctionsNotesAndWalkInsSurvivePollsResyncsReconnectAndMarkMissing(_ provider: Provider) async throws {
        let f = try SyncFixture(attendees: 200)
        let event = try await f.imported(provider)
        let guest = try #require(try f.rows(event.id).values.filter { $0.status == .attending }
            .min { $0.providerAttendeeId < $1.providerAttendeeId })
        let at = Date()
        try f.store.setCorrection(attendeeId: guest.id, field: .name, value: "Jon Fixed-Spelling", operatorName: "ada", at: at)
        try f.store.setCorrection(attendeeId: guest.id, field: .pronouns, value: "they/them", operatorName: "ada", at: at)
        try f.store.setNote(attendeeId: guest.id, "Wheelchair access — gate B", operatorName: "ada", at: at)
        let walkIn = try f.store.addWalkIn(eventId: event.id, WalkIn(name: "Wanda Walkin", email: "wanda@example.net",
                                                                    company: "Desk Co", ticketName: guest.ticketName),
                                           operatorName: "ada", at: at)
        _ = try f.store.checkIn(attendeeId: walkIn.id, action: .checkIn, operatorName: "ada", station: "door", at: at)

        // The provider renames the guest: its field updates, the desk's correction stays on top.
        try f.simulator.edit(event: event.externalId, attendee: guest.providerAttendeeId,
                             AttendeeEdit(name: "Provider Renamed", company: "Provider Co"))
        try await f.engine.poll(eventId: event.id)
        let resync = try await f.engine.resync(eventId: event.id)
        #expect(resync.counts.cancelled == 0, "a full resync must not cancel the walk-in")
        _ = try await f.engine.reconnect(eventId: event.id)
        let reimport = try #require(try await f.engine.waitForImport(eventId: event.id))
        #expect(reimport.syncStatus == .active)
        try await f.engine.poll(eventId: event.id)

        let kept = try #require(try f.store.attendee(id: guest.id))
        #expect(kept.name == "Provider Renamed")
        #expect(kept.company == "Provider Co")
        #expect(kept.corrections == BadgeCorrections(name: "Jon Fixed-Spelling", pronouns: "they/them"))
        #expect(kept.badgeName == "Jon Fixed-Spelling")
        #expect(kept.badgeCompany == "Provider Co")
        #expect(kept.notes == "Wheelchair access — gate B")

        let w = try #require(try f.store.attendee(id: walkIn.id))
        #expect(w.isWalkIn && w.status == .attending && !w.missingFromProvider)
        #expect(w.providerStatus == Attendee.walkInStatus)
        #expect(w.isCheckedIn && w.checkInSource == .local)
        #expect(try f.rows(event.id).count == (try f.providerView(event)).count + 1)

        // Search finds the corrected spelling and still the provider's.
        let byCorrection = try f.store.attendees(AttendeeQuery(eventId: event.id, search: "fixed-spelling"))
        #expect(byCorrection.map(\.id) == [guest.id])
        #expect(try f.store.attendees(AttendeeQuery(eventId: event.id, search: "provider renamed")).map(\.id) == [guest.id])
        #expect(try f.store.attendees(AttendeeQuery(eventId: event.id, search: "wanda")).map(\.id) == [walkIn.id])
    }

    @Test func markMissingCancelsTheVanishedButNeverAWalkInAndKeepsCorrectionsAndNotes() async throws {
        let f = try SyncFixture(attendees: 40)
        let event = try await f.imported(.eventbrite)
        let guest = try #require(try f.rows(event.id).values.first { $0.status == .attending })
        let at = Date()
        try f.store.setCorrection(attendeeId: guest.id, field: .company, value: "Right Co", operatorName: "ada", at: at)
        try f.store.setNote(attendeeId: guest.id, "VIP dinner", operatorName: "ada", at: at)
        let walkIn = try f.store.addWalkIn(eventId: event.id, WalkIn(name: "Wally"), operatorName: "ada", at: at)

        let guard_ = try f.store.missingCount(eventId: event.id, seen: [])
        #expect(guard_.attending == (try f.rows(event.id)).values.filter { $0.status == .attending && !$0.isWalkIn }.count)
        #expect(guard_.missing == guard_.attending, "walk-ins are never counted missing")
        _ = try f.store.markMissing(eventId: event.id, seen: [], now: at)

        let gone = try #require(try f.store.attendee(id: guest.id))
        #expect(gone.status == .notAttending && gone.missingFromProvider)
        #expect(gone.corrections.company == "Right Co" && gone.notes == "VIP dinner")
        let w = try #require(try f.store.attendee(id: walkIn.id))
        #expect(w.status == .attending && !w.missingFromProvider)
    }
}
