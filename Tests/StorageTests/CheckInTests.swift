import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct CheckInTests {
    typealias F = StoreFixtures

    private func seeded(_ people: [ProviderAttendee]) throws -> (SQLiteStore, Event, [Int64]) {
        let (store, event) = try F.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        let ids = try people.map { try #require(try store.attendee(eventId: event.id, providerAttendeeId: $0.providerAttendeeId)).id }
        return (store, event, ids)
    }

    @Test func checkInThenRefuseTwiceShowingWhenAndWho() throws {
        let (store, _, ids) = try seeded([F.person(1)])
        let at = F.t0.addingTimeInterval(100)
        guard case .recorded(let attendee, let record) = try store.checkIn(
            attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "desk1", at: at) else {
            Issue.record("first check-in must be recorded")
            return
        }
        #expect(attendee.checkedInAt == at && attendee.checkInSource == .local && attendee.lastLocalActionAt == at)
        #expect(record.action == .checkIn && record.operatorName == "ada" && record.station == "desk1")
        #expect(try store.attendee(id: ids[0]) == attendee, "returned row equals the stored row")
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "bob", station: "desk2",
                                  at: at.addingTimeInterval(5)) == .alreadyCheckedIn(at: at, by: "ada"))
        #expect(try store.checkIn(attendeeId: ids[0], action: .forceCheckIn, operatorName: "bob", station: "desk2",
                                  at: at.addingTimeInterval(5)) == .alreadyCheckedIn(at: at, by: "ada"))
        #expect(try store.checkInHistory(attendeeId: ids[0]) == [record])
    }

    @Test func checkInsCommitWithFullSyncAndPagesWithNormal() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let event = try store.createEvent(F.event())
        func synchronous() throws -> Int { try store.locked { try $0.prepare("PRAGMA synchronous").firstRow { $0.int(0) } ?? -1 } }
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        #expect(try synchronous() == 1, "provider pages: NORMAL (re-fetchable)")
        let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1")).id
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
        #expect(try synchronous() == 2, "check-ins: FULL, the WAL is fsynced before the call returns")
        #expect(try store.locked { try $0.scalarText("PRAGMA journal_mode") } == "wal")
    }

    @Test func providerCheckInIsReportedAsProvider() throws {
        let at = F.t0.addingTimeInterval(30)
        let (store, _, ids) = try seeded([F.person(1, checkedInAt: at)])
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
            == .alreadyCheckedIn(at: at, by: "PROVIDER"))
    }

    @Test func notAttendingNeedsForceAndUndoNeedsACheckIn() throws {
        let (store, _, ids) = try seeded([F.person(1, status: .notAttending)])
        #expect(try store.checkIn(attendeeId: ids[0], action: .undo, operatorName: "ada", station: "d", at: F.t0)
            == .nothingToUndo)
        #expect(try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
            == .notAttending)
        #expect(try store.checkInHistory(attendeeId: ids[0]).isEmpty, "refusals are not logged")
        guard case .recorded(let forced, _) = try store.checkIn(attendeeId: ids[0], action: .forceCheckIn,
                                                                operatorName: "ada", station: "d", at: F.t0) else {
            Issue.record("force check-in must be recorded")
            return
        }
        #expect(forced.isCheckedIn && forced.status == .notAttending)
        guard case .recorded(let undone, let undo) = try store.checkIn(attendeeId: ids[0], action: .undo,
                                                                       operatorName: "bob", station: "d",
                                                                       at: F.t0.addingTimeInterval(1)) else {
            Issue.record("undo must be recorded")
            return
        }
        #expect(!undone.isCheckedIn && undo.action == .undo)
        #expect(try store.checkInHistory(attendeeId: ids[0]).map(\.action) == [.forceCheckIn, .undo])
        #expect(throws: StorageError.notFound("attendee 424242")) {
            try store.checkIn(attendeeId: 424242, action: .checkIn, operatorName: "a", station: "d", at: F.t0)
        }
    }

    @Test func checkInLogIsAppendOnly() throws {
        let (store, _, ids) = try seeded([F.person(1)])
        _ = try store.checkIn(attendeeId: ids[0], action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
        #expect(throws: StorageError.self) { try store.locked { try $0.execute("DELETE FROM checkins") } }
        #expect(throws: StorageError.self) { try store.locked { try $0.execute("UPDATE checkins SET operator = 'x'") } }
        #expect(try store.checkInHistory(attendeeId: ids[0]).count == 1)
    }

    @Test func printsAreCountedWithTheRecord() throws {
        let (store, _, ids) = try seeded([F.person(1)])
        let first = try store.recordPrint(PrintRecord(attendeeId: ids[0], at: F.t0, templateName: "Default",
                                                      output: "/tmp/a.pdf", operatorName: "ada"))
        let second = try store.recordPrint(PrintRecord(attendeeId: ids[0], at: F.t0.addingTimeInterval(9),
                                                       templateName: "VIP", output: "printer:lbl", operatorName: "bob"))
        #expect(first.id > 0 && second.id > first.id)
        #expect(try store.prints(attendeeId: ids[0]) == [first, second])
        #expect(try store.attendee(id: ids[0])?.printCount == 2)
        #expect(throws: StorageError.notFound("attendee 999999")) {
            try store.recordPrint(PrintRecord(attendeeId: 999999, at: F.t0, templateName: "D", output: "x", operatorName: "a"))
        }
    }

    @Test func oneStoreIsSafeToShareBetweenThreads() async throws {
        let (store, event, ids) = try seeded((0..<40).map { F.person($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for (n, id) in ids.enumerated() where n % 4 == worker {
                        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "w\(worker)",
                                              station: "s", at: F.t0)
                        _ = try store.stats(eventId: event.id)
                        _ = try store.attendees(AttendeeQuery(eventId: event.id, search: "person", limit: 10))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.stats(eventId: event.id).checkedIn == 40)
    }

    @Test func twoProcessesCheckingInOneAttendeeGiveOneRecord() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let setup = try SQLiteStore.open(path: path)
        let event = try setup.createEvent(F.event())
        _ = try setup.applyPage(eventId: event.id, attendees: (0..<20).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let ids = try setup.attendees(AttendeeQuery(eventId: event.id, limit: 20)).map(\.id)
        let desks = try (0..<2).map { _ in try SQLiteStore.open(path: path) }

        // Both desks race on every attendee; each attendee must end with exactly one CHECK_IN.
        let outcomes = try await withThrowingTaskGroup(of: [CheckInOutcome].self) { group in
            for (n, desk) in desks.enumerated() {
                group.addTask {
                    try ids.map { try desk.checkIn(attendeeId: $0, action: .checkIn, operatorName: "desk\(n)",
                                                   station: "s\(n)", at: F.t0.addingTimeInterval(Double(n))) }
                }
            }
            var all: [CheckInOutcome] = []
            for try await part in group { all += part }
            return all
        }
        let recorded = outcomes.filter { if case .recorded = $0 { return true } else { return false } }
        #expect(recorded.count == ids.count)
        #expect(outcomes.count - recorded.count == ids.count, "the loser of each race is told it is already done")
        for id in ids {
            #expect(try setup.checkInHistory(attendeeId: id).count == 1)
        }
    }
}
