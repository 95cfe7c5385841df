import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

/// `mergePages` (issue #18): after a page of only new people, the next page is inserted first
/// and anyone already there is turned away by the unique key and merged as usual. The merge
/// rules must hold on that path exactly as on the look-up-first one.
@Suite struct GroupedPagesTests {
    typealias F = StoreFixtures

    @Test func aPageAfterNewPagesMergesExistingRowsByTheRules() throws {
        let (store, event) = try F.storeWithEvent()
        let first = PageWrite(attendees: (0..<10).map { F.person($0) }, checkpoint: nil)
        var second = PageWrite(attendees: (10..<20).map { F.person($0) }, checkpoint: nil)
        second.prepareNewRows(eventId: event.id)
        let outcomes = try store.mergePages(eventId: event.id, pages: [first, second], groupCommit: .standard, now: F.t0)
        #expect(outcomes.flatMap { $0 }.allSatisfy { $0.change == .added })
        #expect(store.pagesOfNewRows.contains(event.id), "two pages of new people: the next is inserted first")

        // Local work on people the next page brings again.
        let five = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A5"))
        try store.setVIP(attendeeId: five.id, true, operatorName: "ada", at: F.t0)
        _ = try store.checkIn(attendeeId: five.id, action: .checkIn, operatorName: "ada", station: "desk1",
                              at: F.t0.addingTimeInterval(60))
        var renamed = F.person(5)
        renamed.name = "Person Five"
        var cancelled = F.person(6, status: .notAttending)
        cancelled.providerStatus = "Cancelled"
        // New, existing (edited, cancelled, unchanged) and a duplicate within the page.
        var third = PageWrite(attendees: [F.person(20), renamed, cancelled, F.person(7), F.person(21), F.person(20)],
                              checkpoint: ImportCheckpoint(eventId: event.id, cursor: "page:4", pagesDone: 3,
                                                           attendeesSoFar: 26, startedAt: F.t0, updatedAt: F.t0))
        third.prepareNewRows(eventId: event.id)
        let merged = try store.mergePages(eventId: event.id, pages: [third], groupCommit: .standard, now: F.t0)
        #expect(merged[0].map(\.providerAttendeeId) == ["A20", "A5", "A6", "A7", "A21", "A20"])
        let changes = merged[0].map(\.change)
        #expect(changes[0] == .added && changes[2] == .cancelled && changes[3] == .unchanged)
        #expect(changes[4] == .added && changes[5] == .unchanged)
        if case .updated(let fields) = changes[1] { #expect(fields.contains(.name)) } else { Issue.record("A5: \(changes[1])") }
        #expect(!store.pagesOfNewRows.contains(event.id), "a page that met existing rows: the next looks them up first")

        let after = try #require(try store.attendee(id: five.id))
        #expect(after.name == "Person Five" && after.vip && after.isCheckedIn && after.checkInSource == .local)
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "A6")?.status == .notAttending)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 22)
        let twenty = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A20"))
        #expect(twenty.name == "Person 20")
        // The search text of an inserted row is the one the merge computes.
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "person 21")).map(\.providerAttendeeId) == ["A21"])
        #expect(try store.importCheckpoint(eventId: event.id)?.cursor == "page:4")
    }
    /// A person twice in a page of new people (a provider moving someone while paging): the
    /// second copy merges into the row the first inserted, as on the look-up-first path.
    @Test func aDuplicateInAPageOfNewPeopleMergesIntoTheRowJustInserted() throws {
        let (store, event) = try F.storeWithEvent()
        _ = try store.mergePages(eventId: event.id, pages: [PageWrite(attendees: [F.person(0)], checkpoint: nil)],
                                 groupCommit: .standard, now: F.t0)
        #expect(store.pagesOfNewRows.contains(event.id))
        var again = F.person(2)
        again.name = "Person Two Again"
        var page = PageWrite(attendees: [F.person(1), F.person(2), F.person(3), again], checkpoint: nil)
        page.prepareNewRows(eventId: event.id)
        let merged = try store.mergePages(eventId: event.id, pages: [page], groupCommit: .standard, now: F.t0)
        #expect(merged[0].map { $0.change == .added } == [true, true, true, false])
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 4)
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "A2")?.name == "Person Two Again")
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "two again")).map(\.providerAttendeeId) == ["A2"])
    }
}
