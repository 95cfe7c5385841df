import BadgeCore
import Foundation
import Storage
import Testing

/// `attendees`, `attendeeCount`, `attendeePosition` and the lookups on every store: every filter,
/// search, sort and direction against a reference rule, and the two stores against each other.
@Suite struct QueryContractTests {
    typealias F = ContractFixtures

    /// SQLite's NOCASE: ASCII letters folded, every other byte compared as is.
    static func folded(_ s: String?) -> [UInt8] {
        Array((s ?? "").utf8).map { (65...90).contains($0) ? $0 + 32 : $0 }
    }

    /// The documented order: the sort column (NULL first), then the name for ticket and company,
    /// then the id; descending reverses all of it.
    static func ordered(_ rows: [Attendee], _ sort: AttendeeSort, descending: Bool) -> [Attendee] {
        func less(_ a: Attendee, _ b: Attendee) -> Bool {
            func keys(_ x: Attendee) -> (Int, [UInt8], Int64, [UInt8]) {
                switch sort {
                case .name: return (0, [], 0, folded(x.name))
                case .checkedInAt:
                    return (x.checkedInAt == nil ? 0 : 1, [], x.checkedInAt.map { Int64($0.timeIntervalSince1970 * 1000) } ?? 0, [])
                case .ticket: return (x.ticketName == nil ? 0 : 1, folded(x.ticketName), 0, folded(x.name))
                case .company: return (x.company == nil ? 0 : 1, folded(x.company), 0, folded(x.name))
                }
            }
            let (ka, kb) = (keys(a), keys(b))
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1.lexicographicallyPrecedes(kb.1) }
            if ka.2 != kb.2 { return ka.2 < kb.2 }
            if ka.3 != kb.3 { return ka.3.lexicographicallyPrecedes(kb.3) }
            return a.id < b.id
        }
        let ascending = rows.sorted(by: less)
        return descending ? ascending.reversed() : ascending
    }

    static func expected(_ all: [Attendee], _ q: AttendeeQuery) -> [Attendee] {
        ordered(all.filter { q.filter.includes($0) && AttendeeSearch.matches($0, query: q.search) }, q.sort,
                descending: q.descending)
    }

    @Test(arguments: StoreKind.allCases)
    func everyQueryReturnsTheDocumentedRowsInTheDocumentedOrder(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        try QueryDataset.fill(store, eventId: event.id)
        let all = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000))
        #expect(all.count == QueryDataset.names.count)
        for q in QueryDataset.queries(eventId: event.id) {
            let label = "\(q.filter) '\(q.search)' \(q.sort) \(q.descending ? "desc" : "asc")"
            let want = Self.expected(all, q).map(\.providerAttendeeId)
            let got = try store.attendees(q)
            #expect(got.map(\.providerAttendeeId) == want, "\(label)")
            #expect(try store.attendeeCount(q) == want.count, "\(label) count")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesTileTheOrderAndPositionsAgreeWithIt(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        try QueryDataset.fill(store, eventId: event.id)
        for q in QueryDataset.queries(eventId: event.id) where ["", "ada", "same", "o"].contains(q.search) {
            let label = "\(q.filter) '\(q.search)' \(q.sort) \(q.descending ? "desc" : "asc")"
            let whole = try store.attendees(q).map(\.id)
            var paged: [Int64] = []
            var page = q
            page.limit = 4
            while true {
                let rows = try store.attendees(page).map(\.id)
                paged += rows
                if rows.count < 4 { break }
                page.offset += 4
            }
            #expect(paged == whole, "\(label) pages")
            for (i, id) in whole.enumerated() {
                #expect(try store.attendeePosition(q, attendeeId: id) == i, "\(label) position of \(id)")
            }
        }
        var none = AttendeeQuery(eventId: event.id, limit: 0)
        #expect(try store.attendees(none).isEmpty, "limit 0")
        none.limit = 10
        none.offset = 1000
        #expect(try store.attendees(none).isEmpty, "past the end")
    }

    @Test(arguments: StoreKind.allCases)
    func aPersonOutsideTheViewHasNoPosition(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (0..<30).map {
            F.person($0, status: $0 % 5 == 0 ? .notAttending : .attending)
        }, checkpoint: nil, now: F.t0)
        let cancelled = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A5"))
        #expect(try store.attendeePosition(AttendeeQuery(eventId: event.id, filter: .notCheckedIn), attendeeId: cancelled.id) == nil)
        let even = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A2"))
        #expect(try store.attendeePosition(AttendeeQuery(eventId: event.id, search: "odd"), attendeeId: even.id) == nil)
        #expect(try store.attendeePosition(AttendeeQuery(eventId: event.id), attendeeId: 987_654) == nil)
        let other = try store.createEvent(F.event("E2"))
        #expect(try store.attendeePosition(AttendeeQuery(eventId: other.id), attendeeId: even.id) == nil, "another event")
        // A rename moves the position: the cursor follows the person.
        let q = AttendeeQuery(eventId: event.id)
        let a3 = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A3"))
        var renamed = F.person(3)
        renamed.name = "Zed Last"
        _ = try store.applyPage(eventId: event.id, attendees: [renamed], checkpoint: nil, now: F.at(60))
        #expect(try store.attendeePosition(q, attendeeId: a3.id) == 29)
        #expect(try store.attendeePosition(AttendeeQuery(eventId: event.id, search: "zed"), attendeeId: a3.id) == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func searchMatchesEverySearchableFieldAndEveryTerm(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (0..<40).map {
            F.person($0, ticket: ["General", "VIP Pass", "Speaker"][$0 % 3])
        }, checkpoint: nil, now: F.t0)
        for n in stride(from: 0, to: 40, by: 7) {
            try store.setVIP(attendeeId: try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)")).id,
                             true, operatorName: "ada", at: F.t0)
        }
        func names(_ search: String, _ filter: AttendeeFilter = .all) throws -> Set<String> {
            let q = AttendeeQuery(eventId: event.id, filter: filter, search: search, limit: 100)
            let found = try store.attendees(q)
            #expect(found.count == (try store.attendeeCount(q)), "count agrees with the page for \(search)")
            return Set(found.map(\.name))
        }
        #expect(try names("person 12") == ["Person 12"])
        #expect(try names("PERSON 1").count == 13)  // 1, 10…19, 21, 31
        #expect(try names("rson 33") == ["Person 33"], "inside a word")
        #expect(try names("p7@example") == ["Person 7"])
        #expect(try names("even").count == 20)
        #expect(try names("speak").count == 13)
        #expect(try names("bc33") == ["Person 33"])
        #expect(try names("odd", .vip) == ["Person 7", "Person 21", "Person 35"])
        #expect(try names("odd speaker") == Set([5, 11, 17, 23, 29, 35].map { "Person \($0)" }), "every term must match")
        #expect(try names("nobody-here").isEmpty)
        #expect(try names("\"quote").isEmpty, "quotes are plain text")
        #expect(try names("50%").isEmpty && names("a_b").isEmpty, "LIKE wildcards are plain text")
        #expect(try names("   ").count == 40, "blank search = no search")
        #expect(try store.attendee(eventId: event.id, barcode: "BC33")?.name == "Person 33")
        #expect(try store.attendee(eventId: event.id, barcode: "BC3")?.name == "Person 3", "exact, not prefix")
        #expect(try store.attendee(eventId: event.id, barcode: "bc33") == nil, "case-sensitive")
        #expect(try store.attendee(eventId: 999, barcode: "BC33") == nil, "another event")
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "a1") == nil)
        #expect(try store.attendee(id: 987_654) == nil)
    }

    /// The two stores, filled the same way, give the same rows in the same order for every query.
    @Test func sqliteAndPostgresGiveIdenticalOrders() throws {
        guard let lite = try ContractStore.make(.sqlite), let pg = try ContractStore.make(.postgres) else { return }
        let (ls, le) = try lite.withEvent()
        let (ps, pe) = try pg.withEvent()
        try QueryDataset.fill(ls, eventId: le.id)
        try QueryDataset.fill(ps, eventId: pe.id)
        for q in QueryDataset.queries(eventId: le.id) {
            var pq = q
            pq.eventId = pe.id
            let label = "\(q.filter) '\(q.search)' \(q.sort) \(q.descending ? "desc" : "asc")"
            #expect(try ls.attendees(q).map(\.providerAttendeeId) == ps.attendees(pq).map(\.providerAttendeeId), "\(label)")
            #expect(try ls.attendeeCount(q) == ps.attendeeCount(pq), "\(label) count")
        }
        #expect(try ls.stats(eventId: le.id) == ps.stats(eventId: pe.id))
    }

    /// Over 4 000 hits the SQLite store walks its sort index instead of fetching by id: the two
    /// stores still agree on every window of a large search.
    @Test func sqliteAndPostgresAgreeOnLargeSearches() throws {
        guard let lite = try ContractStore.make(.sqlite), let pg = try ContractStore.make(.postgres) else { return }
        let people = (0..<6000).map { n -> ProviderAttendee in
            var p = F.person(n, status: n % 9 == 0 ? .notAttending : .attending,
                             ticket: [nil, "General", "general", "VIP"][n % 4])
            p.name = ["person \(n % 50)", "Person \(n % 70)", "PERSON \(n)", "Émile \(n % 30)", "émile"][n % 5]
            p.company = n % 6 == 0 ? nil : ["Acme", "acme", "ACME", "Initech"][n % 4]
            return p
        }
        var events: [(any BadgeStore, Int64)] = []
        for c in [lite, pg] {
            let (store, event) = try c.withEvent()
            _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
            events.append((store, event.id))
        }
        for search in ["e", "acme", "person 1"] {
            for sort in AttendeeSort.allCases {
                for descending in [false, true] {
                    for offset in [0, 1500, 4090, 5990] {
                        let label = "'\(search)' \(sort) \(descending ? "desc" : "asc") @\(offset)"
                        let pages = try events.map { store, id in
                            try store.attendees(AttendeeQuery(eventId: id, search: search, sort: sort, descending: descending,
                                                              offset: offset, limit: 25))
                        }
                        #expect(pages[0].map(\.providerAttendeeId) == pages[1].map(\.providerAttendeeId), "\(label)")
                    }
                }
            }
            let counts = try events.map { store, id in try store.attendeeCount(AttendeeQuery(eventId: id, search: search)) }
            #expect(counts[0] == counts[1], "'\(search)' count")
        }
    }
}
