import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

/// The console's cursor follows a person (SPEC §10): `attendeePosition` must agree with the
/// pages the same query returns, for every filter, search and sort, and say nil when the
/// person is not in the view.
@Suite struct AttendeePositionTests {
    typealias F = StoreFixtures

    private func populated() throws -> (SQLiteStore, Event) {
        let (store, event) = try F.storeWithEvent()
        let people = (0..<30).map { n in
            F.person(n, status: n % 5 == 0 ? .notAttending : .attending, ticket: ["General", "VIP", "Speaker"][n % 3])
        }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        return (store, event)
    }

    @Test(arguments: [AttendeeFilter.all, .notCheckedIn, .notAttending])
    func positionsMatchThePageOrder(filter: AttendeeFilter) throws {
        let (store, event) = try populated()
        for sort in AttendeeSort.allCases {
            for search in ["", "even"] {
                let q = AttendeeQuery(eventId: event.id, filter: filter, search: search, sort: sort, limit: 100)
                let rows = try store.attendees(q)
                for (i, a) in rows.enumerated() {
                    #expect(try store.attendeePosition(q, attendeeId: a.id) == i, "\(filter) \(sort) '\(search)' \(a.name)")
                }
            }
        }
    }

    @Test func aPersonOutsideTheViewHasNoPosition() throws {
        let (store, event) = try populated()
        let cancelled = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A5"))
        let q = AttendeeQuery(eventId: event.id, filter: .notCheckedIn, limit: 100)
        #expect(try store.attendeePosition(q, attendeeId: cancelled.id) == nil)
        let searched = AttendeeQuery(eventId: event.id, search: "odd", limit: 100)
        let even = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A2"))
        #expect(try store.attendeePosition(searched, attendeeId: even.id) == nil)
    }

    @Test func aRenameMovesThePosition() throws {
        let (store, event) = try populated()
        let q = AttendeeQuery(eventId: event.id, limit: 100)
        let a3 = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A3"))
        let before = try #require(try store.attendeePosition(q, attendeeId: a3.id))
        var renamed = F.person(3)
        renamed.name = "Zed Last"
        _ = try store.applyPage(eventId: event.id, attendees: [renamed], checkpoint: nil, now: F.t0.addingTimeInterval(60))
        let after = try #require(try store.attendeePosition(q, attendeeId: a3.id))
        let last = try store.attendeeCount(q) - 1
        #expect(after != before && after == last)
    }
}
