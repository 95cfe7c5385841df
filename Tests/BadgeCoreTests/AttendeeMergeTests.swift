import Foundation
import Testing
@testable import BadgeCore

@Suite struct AttendeeMergeTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func incoming(_ id: String = "A1", name: String = "Ada Lovelace", status: AttendeeStatus = .attending,
                  checkedInAt: Date? = nil, ticket: String = "General Admission") -> ProviderAttendee {
        ProviderAttendee(providerAttendeeId: id, orderId: "O1", name: name, firstName: "Ada", lastName: "Lovelace",
                         email: "ada@example.com", company: "Analytical", jobTitle: "Engineer",
                         ticketName: ticket, barcode: "111", status: status,
                         providerStatus: status == .attending ? "Attending" : "Not Attending",
                         checkedInAt: checkedInAt, changedAt: t0)
    }

    @Test func newProviderAttendeeBecomesANewRow() {
        let (row, change) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        #expect(change == .added)
        #expect(row.eventId == 7)
        #expect(row.providerAttendeeId == "A1")
        #expect(row.name == "Ada Lovelace")
        #expect(row.ticketName == "General Admission")
        #expect(!row.vip)
        #expect(row.checkedInAt == nil)
    }

    @Test func reapplyingTheSamePageChangesNothing() {
        let (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        let (again, change) = AttendeeMerge.merge(incoming(), into: row, eventId: 7)
        #expect(change == .unchanged)
        #expect(again == row)
    }

    @Test func onlyTheChangeTimestampMovingIsNotAnUpdate() {
        let (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        var later = incoming()
        later.changedAt = t0.addingTimeInterval(60)
        let (_, change) = AttendeeMerge.merge(later, into: row, eventId: 7)
        #expect(change == .unchanged)
    }

    @Test func providerEditsUpdateInPlaceAndKeepConsoleFields() {
        var (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        row.id = 42
        row.vip = true
        row.notes = "front row"
        row.printCount = 2
        let (merged, change) = AttendeeMerge.merge(incoming(name: "Ada King", ticket: "VIP"), into: row, eventId: 7)
        #expect(change == .updated([.name, .ticketName]))
        #expect(merged.id == 42)
        #expect(merged.name == "Ada King")
        #expect(merged.ticketName == "VIP")
        #expect(merged.vip)
        #expect(merged.notes == "front row")
        #expect(merged.printCount == 2)
    }

    @Test func cancellationFlipsToNotAttendingAndKeepsHistoryAndVIP() {
        var (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        row.vip = true
        row.checkedInAt = t0
        row.checkInSource = .local
        row.lastLocalActionAt = t0
        let (merged, change) = AttendeeMerge.merge(incoming(status: .notAttending), into: row, eventId: 7)
        #expect(change == .cancelled)
        #expect(merged.status == .notAttending)
        #expect(merged.vip)
        #expect(merged.checkedInAt == t0)
        #expect(merged.checkInSource == .local)
    }

    @Test func providerCheckInMergesAsProviderSource() {
        let (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        let at = t0.addingTimeInterval(100)
        let (merged, change) = AttendeeMerge.merge(incoming(checkedInAt: at), into: row, eventId: 7)
        #expect(change == .updated([.checkIn]))
        #expect(merged.checkedInAt == at)
        #expect(merged.checkInSource == .provider)
    }

    @Test func newAttendeeAlreadyCheckedInAtProvider() {
        let (row, _) = AttendeeMerge.merge(incoming(checkedInAt: t0), into: nil, eventId: 1)
        #expect(row.checkedInAt == t0)
        #expect(row.checkInSource == .provider)
    }

    @Test func localCheckInIsNeverReplacedByAProviderCheckIn() {
        var (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        row.checkedInAt = t0
        row.checkInSource = .local
        row.lastLocalActionAt = t0
        let (merged, _) = AttendeeMerge.merge(incoming(checkedInAt: t0.addingTimeInterval(500)), into: row, eventId: 7)
        #expect(merged.checkedInAt == t0)
        #expect(merged.checkInSource == .local)
    }

    @Test func localUndoIsNotResurrectedByAnOlderProviderCheckIn() {
        let providerAt = t0.addingTimeInterval(10)
        var (row, _) = AttendeeMerge.merge(incoming(checkedInAt: providerAt), into: nil, eventId: 7)
        // Staff undid the provider check-in at the desk.
        row.checkedInAt = nil
        row.checkInSource = nil
        row.lastLocalActionAt = t0.addingTimeInterval(20)
        let (merged, change) = AttendeeMerge.merge(incoming(checkedInAt: providerAt), into: row, eventId: 7)
        #expect(merged.checkedInAt == nil)
        #expect(change == .unchanged)
    }

    @Test func aProviderCheckInAfterTheLocalUndoMergesIn() {
        var (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        row.lastLocalActionAt = t0
        let later = t0.addingTimeInterval(60)
        let (merged, _) = AttendeeMerge.merge(incoming(checkedInAt: later), into: row, eventId: 7)
        #expect(merged.checkedInAt == later)
        #expect(merged.checkInSource == .provider)
    }

    @Test func aVanishedProviderCheckInClearsOnlyAProviderSourcedCheckIn() {
        let (providerRow, _) = AttendeeMerge.merge(incoming(checkedInAt: t0), into: nil, eventId: 7)
        let (cleared, _) = AttendeeMerge.merge(incoming(), into: providerRow, eventId: 7)
        #expect(cleared.checkedInAt == nil)

        var localRow = providerRow
        localRow.checkInSource = .local
        localRow.lastLocalActionAt = t0
        let (kept, _) = AttendeeMerge.merge(incoming(), into: localRow, eventId: 7)
        #expect(kept.checkedInAt == t0)
    }

    @Test func missingRowsBecomeNotAttendingAndComeBack() {
        var (row, _) = AttendeeMerge.merge(incoming(), into: nil, eventId: 7)
        row.vip = true
        let (missing, change) = AttendeeMerge.markMissing(row)
        #expect(change == .cancelled)
        #expect(missing.status == .notAttending)
        #expect(missing.missingFromProvider)
        #expect(missing.vip)
        let (again, secondChange) = AttendeeMerge.markMissing(missing)
        #expect(secondChange == .unchanged)
        #expect(again == missing)
        let (back, backChange) = AttendeeMerge.merge(incoming(), into: missing, eventId: 7)
        #expect(back.status == .attending)
        #expect(!back.missingFromProvider)
        #expect(back.vip)
        #expect(backChange == .updated([.status]))
    }
}
