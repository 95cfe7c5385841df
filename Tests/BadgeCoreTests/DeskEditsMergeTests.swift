import BadgeCore
import Foundation
import Testing

/// SPEC §13 with §2.4 rule 3, in the pure merge: corrections and notes are console-owned, walk-ins
/// are never touched; search and the badge values see the corrections.
@Suite struct DeskEditsMergeTests {
    private let incoming = ProviderAttendee(providerAttendeeId: "A1", name: "John Smith", email: "j@example.com",
                                            company: "Acme", jobTitle: "Engineer", ticketName: "General")

    @Test func aMergeUpdatesProviderFieldsAndKeepsCorrectionsAndTheNote() {
        var local = AttendeeMerge.merge(incoming, into: nil, eventId: 1).attendee
        local.id = 7
        local.corrections = BadgeCorrections(name: "Jon Smith", company: "ACME Corp", pronouns: "he/him")
        local.notes = "Speaker dinner"
        var edited = incoming
        edited.name = "Johnny Smith"
        edited.company = "Acme Inc"
        let (row, change) = AttendeeMerge.merge(edited, into: local, eventId: 1)
        #expect(change == .updated([.name, .company]))
        #expect(row.name == "Johnny Smith" && row.company == "Acme Inc")
        #expect(row.corrections == local.corrections && row.notes == "Speaker dinner")
        #expect(row.badgeName == "Jon Smith" && row.badgeCompany == "ACME Corp" && row.badgeJobTitle == "Engineer")
        #expect(row.providerValue(of: .name) == "Johnny Smith" && row.providerValue(of: .pronouns) == nil)

        let missing = AttendeeMerge.markMissing(row).attendee
        #expect(missing.status == .notAttending && missing.corrections == row.corrections && missing.notes == row.notes)
        // The same page again: unchanged, corrections or not.
        #expect(AttendeeMerge.merge(edited, into: row, eventId: 1).change == .unchanged)
    }

    @Test func aWalkInIsNeverMergedIntoNorMarkedMissing() {
        let walkIn = WalkIn(name: "Kim Lee", email: "kim@example.com", ticketName: "General").row(eventId: 1, id: "x1")
        #expect(walkIn.providerAttendeeId == "walkin-x1" && walkIn.isWalkIn && walkIn.providerStatus == "WALK_IN")
        #expect(AttendeeMerge.markMissing(walkIn) == (walkIn, .unchanged))
        let forged = ProviderAttendee(providerAttendeeId: "walkin-x1", name: "Other", status: .notAttending)
        let merged = AttendeeMerge.merge(forged, into: walkIn, eventId: 1)
        #expect(merged.attendee == walkIn && merged.change == .unchanged)
    }

    @Test func walkInsNeedANameAnEmailThatLooksLikeOneAndOneOfTheEventsTickets() {
        let tickets = ["General", "VIP"]
        #expect(WalkIn(name: " ").problem(ticketNames: tickets) == "A walk-in needs a name")
        #expect(WalkIn(name: "Kim", email: "kim at home").problem(ticketNames: tickets) == "'kim at home' is not an email address")
        #expect(WalkIn(name: "Kim", ticketName: "Gold").problem(ticketNames: tickets)
                == "No ticket called 'Gold' (tickets: General, VIP)")
        #expect(WalkIn(name: "Kim", email: "kim@example.com", ticketName: "VIP").problem(ticketNames: tickets) == nil)
        #expect(WalkIn(name: "Kim", ticketName: "Anything").problem(ticketNames: []) == nil)
    }

    @Test func searchFindsTheCorrectedNameAndCompanyAsWellAsTheProvidersSpelling() {
        var a = AttendeeMerge.merge(incoming, into: nil, eventId: 1).attendee
        #expect(!AttendeeSearch.matches(a, query: "jon"))
        a.corrections.name = "Jön Smith"
        a.corrections.company = "Initech"
        #expect(AttendeeSearch.matches(a, query: "jon"))
        #expect(AttendeeSearch.matches(a, query: "initech"))
        #expect(AttendeeSearch.matches(a, query: "john acme"))
    }
}
