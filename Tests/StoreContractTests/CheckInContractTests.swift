import BadgeCore
import Foundation
import Storage
import Testing

/// `checkIn` (check in, undo, force; refusals), `checkInHistory`, `recordPrint` / `prints`.
@Suite struct CheckInContractTests {
    typealias F = ContractFixtures

    private func seeded(_ c: ContractStore, _ people: [ProviderAttendee]) throws -> (any BadgeStore, Event, [Int64]) {
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        let ids = try people.map {
            try #require(try store.attendee(eventId: event.id, providerAttendeeId: $0.providerAttendeeId)).id
        }
        return (store, event, ids)
    }

    @Test(arguments: StoreKind.allCases)
    func checkInThenRefuseTwiceShowingWhenAndWho(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, _, ids) = try seeded(c, [F.person(1)])
        let at = F.at(100.0004)
        guard case .recorded(let attendee, let record) = try store.checkIn(
            attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "desk1", at: at) else {
            Issue.record("first check-in must be recorded")
            return
        }
        #expect(attendee.checkedInAt == F.at(100) && attendee.checkInSource == .local && attendee.lastLocalActionAt == F.at(100))
        #expect(record.id > 0 && record.attendeeId == ids[0] && record.at == F.at(100))
        #expect(record.action == .checkIn && record.operatorName == "ada" && record.station == "desk1")
        #expect(try store.attendee(id: ids[0]) == attendee, "returned row equals the stored row")
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "bob", station: "desk2",
                                  at: F.at(105)) == .alreadyCheckedIn(at: F.at(100), by: "ada"))
        #expect(try store.checkIn(attendeeId: ids[0], action: .forceCheckIn, operatorName: "bob", station: "desk2",
                                  at: F.at(105)) == .alreadyCheckedIn(at: F.at(100), by: "ada"))
        #expect(try store.checkInHistory(attendeeId: ids[0]) == [record])
        #expect(try store.attendeeCount(AttendeeQuery(eventId: attendee.eventId, filter: .checkedIn)) == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func providerCheckInIsReportedAsProvider(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, _, ids) = try seeded(c, [F.person(1, checkedInAt: F.at(30))])
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
            == .alreadyCheckedIn(at: F.at(30), by: "PROVIDER"))
    }

    @Test(arguments: StoreKind.allCases)
    func notAttendingNeedsForceAndUndoNeedsACheckIn(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, _, ids) = try seeded(c, [F.person(1, status: .notAttending)])
        #expect(try store.checkIn(attendeeId: ids[0], action: .undo, operatorName: "ada", station: "d", at: F.t0)
            == .nothingToUndo)
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
            == .notAttending)
        #expect(try store.checkInHistory(attendeeId: ids[0]).isEmpty, "refusals are not logged")
        guard case .recorded(let forced, let force) = try store.checkIn(attendeeId: ids[0], action: .forceCheckIn,
                                                                        operatorName: "ada", station: "d", at: F.t0) else {
            Issue.record("force check-in must be recorded")
            return
        }
        #expect(forced.isCheckedIn && forced.status == .notAttending && forced.checkInSource == .local)
        guard case .recorded(let undone, let undo) = try store.checkIn(attendeeId: ids[0], action: .undo,
                                                                       operatorName: "bob", station: "d2",
                                                                       at: F.at(1)) else {
            Issue.record("undo must be recorded")
            return
        }
        #expect(!undone.isCheckedIn && undone.checkInSource == nil && undone.lastLocalActionAt == F.at(1))
        #expect(undo.action == .undo && undo.operatorName == "bob" && undo.station == "d2")
        #expect(try store.checkInHistory(attendeeId: ids[0]) == [force, undo])
        #expect(try store.checkIn(attendeeId: ids[0], action: .undo, operatorName: "bob", station: "d", at: F.at(2))
            == .nothingToUndo)
        #expect(throws: StorageError.notFound("attendee 424242")) {
            try store.checkIn(attendeeId: 424_242, action: .checkIn, operatorName: "a", station: "d", at: F.t0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func afterAnUndoTheNextCheckInIsByItsOperator(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, _, ids) = try seeded(c, [F.person(1), F.person(2)])
        _ = try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.at(1))
        _ = try store.checkIn(attendeeId: ids[0], action: .undo, operatorName: "ada", station: "d", at: F.at(2))
        _ = try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "cy", station: "d", at: F.at(3))
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "bo", station: "d", at: F.at(4))
            == .alreadyCheckedIn(at: F.at(3), by: "cy"))
        #expect(try store.checkInHistory(attendeeId: ids[0]).map(\.action) == [.checkIn, .undo, .checkIn])
        #expect(try store.checkInHistory(attendeeId: ids[1]).isEmpty, "per attendee")
        #expect(try store.checkInHistory(attendeeId: 987_654).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func printsAreCountedWithTheRecord(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, _, ids) = try seeded(c, [F.person(1), F.person(2)])
        let first = try store.recordPrint(PrintRecord(attendeeId: ids[0], at: F.at(0.0006), templateName: "Default",
                                                      output: "/tmp/a.pdf", operatorName: "ada"))
        let second = try store.recordPrint(PrintRecord(attendeeId: ids[0], at: F.at(9), templateName: "VIP",
                                                       output: "printer:lbl", operatorName: "bob"))
        #expect(first.id > 0 && second.id > first.id)
        #expect(try store.prints(attendeeId: ids[0]) == [first, second], "what it returns is what is stored")
        #expect(try store.attendee(id: ids[0])?.printCount == 2)
        #expect(try store.prints(attendeeId: ids[1]).isEmpty && store.attendee(id: ids[1])?.printCount == 0)
        #expect(throws: StorageError.notFound("attendee 999999")) {
            try store.recordPrint(PrintRecord(attendeeId: 999_999, at: F.t0, templateName: "D", output: "x", operatorName: "a"))
        }
        #expect(try store.prints(attendeeId: 999_999).isEmpty)
    }
}
