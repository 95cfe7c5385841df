import BadgeCore
import Foundation
@testable import Storage
import Testing
import TestSupport

/// The in-memory search index must always agree with the table: after this connection's writes,
/// after another connection's commits, and whichever path (by id or by the name index) a page takes.
@Suite struct SearchCacheTests {
    /// Every row matching `search` and `filter` per the reference rule, sorted like the table.
    static func expected(_ store: SQLiteStore, _ eventId: Int64, _ search: String, _ filter: AttendeeFilter) throws -> [Int64] {
        try store.attendees(AttendeeQuery(eventId: eventId, limit: 1_000_000))
            .filter { filter.includes($0) && AttendeeSearch.matches($0, query: search) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .map(\.id)
    }

    static func actual(_ store: SQLiteStore, _ eventId: Int64, _ search: String, _ filter: AttendeeFilter) throws
        -> (ids: [Int64], count: Int)
    {
        let q = AttendeeQuery(eventId: eventId, filter: filter, search: search, limit: 100_000)
        return (try store.attendees(q).map(\.id), try store.attendeeCount(q))
    }

    static func people(_ range: ClosedRange<Int>) -> [ProviderAttendee] {
        range.map { n in
            ProviderAttendee(providerAttendeeId: "P\(n)", name: n % 3 == 0 ? "Zoë Müller \(n)" : "Person \(n)",
                             email: "p\(n)@example.com", company: n % 2 == 0 ? "Acme" : "Initech",
                             ticketName: n % 5 == 0 ? "VIP" : "General", barcode: "B\(n)",
                             status: n % 7 == 0 ? .notAttending : .attending)
        }
    }

    @Test func searchAgreesWithTheTableThroughWritesFromBothConnections() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let desk = try SQLiteStore.open(path: path)
        let other = try SQLiteStore.open(path: path)
        let event = try desk.createEvent(StoreFixtures.event())
        _ = try desk.applyPage(eventId: event.id, attendees: Self.people(1...6_000), checkpoint: nil, now: StoreFixtures.t0)

        func check(_ label: String) throws {
            for search in ["zoe", "müller 3", "acme vip", "person 59", "b600", "nomatch", "e"] {
                for filter in AttendeeFilter.allCases {
                    let want = try Self.expected(desk, event.id, search, filter)
                    let got = try Self.actual(desk, event.id, search, filter)
                    #expect(got.ids == want, "\(label): '\(search)' \(filter) ids")
                    #expect(got.count == want.count, "\(label): '\(search)' \(filter) count")
                }
            }
        }
        try check("after import")

        // This connection: VIP, check-in, a page that renames and cancels.
        let zoe = try #require(try desk.attendee(eventId: event.id, providerAttendeeId: "P3"))
        try desk.setVIP(attendeeId: zoe.id, true, operatorName: "ada", at: StoreFixtures.t0)
        _ = try desk.checkIn(attendeeId: zoe.id, action: .checkIn, operatorName: "ada", station: "door", at: StoreFixtures.t0)
        var renamed = Self.people(4...4)[0]
        renamed.name = "Zoë Renamed"
        var cancelled = Self.people(6...6)[0]
        cancelled.status = .notAttending
        _ = try desk.applyPage(eventId: event.id, attendees: [renamed, cancelled], checkpoint: nil, now: StoreFixtures.t0)
        try check("after this desk's writes")

        // Another connection (another desk, or badge watch): new rows and a check-in.
        _ = try other.applyPage(eventId: event.id, attendees: Self.people(6_001...6_050), checkpoint: nil, now: StoreFixtures.t0)
        let p9 = try #require(try other.attendee(eventId: event.id, providerAttendeeId: "P9"))
        _ = try other.checkIn(attendeeId: p9.id, action: .checkIn, operatorName: "bo", station: "side", at: StoreFixtures.t0)
        try check("after another connection's writes")

        // A full resync that no longer returns some rows.
        _ = try desk.markMissing(eventId: event.id, seen: Set((1...5_000).map { "P\($0)" }), now: StoreFixtures.t0)
        try check("after rows went missing")
    }
}
