import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct QueryAndStatsTests {
    typealias F = StoreFixtures

    /// 40 attendees: tickets by n % 3, every 5th NOT_ATTENDING, every 4th checked in, every 7th VIP.
    private func populated() throws -> (SQLiteStore, Event) {
        let (store, event) = try F.storeWithEvent()
        let tickets = ["General", "VIP Pass", "Speaker"]
        var people: [ProviderAttendee] = []
        for n in 0..<40 {
            let status: AttendeeStatus = n % 5 == 0 ? .notAttending : .attending
            let checkedInAt: Date? = n % 8 == 4 ? F.t0.addingTimeInterval(Double(n) * 100) : nil
            people.append(F.person(n, status: status, ticket: tickets[n % 3], checkedInAt: checkedInAt))
        }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        for n in stride(from: 0, to: 40, by: 4) where n % 8 != 4 {
            let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)")).id
            _ = try store.checkIn(attendeeId: id, action: .forceCheckIn, operatorName: "ada", station: "d",
                                  at: F.t0.addingTimeInterval(Double(n) * 100))
        }
        for n in stride(from: 0, to: 40, by: 7) {
            let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)")).id
            try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        }
        return (store, event)
    }

    @Test func statsAgreeWithTheTableFilters() throws {
        let (store, event) = try populated()
        let stats = try store.stats(eventId: event.id)
        func count(_ filter: AttendeeFilter) throws -> Int {
            try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: filter))
        }
        let (all0, checked, notAttending, vip) = (try count(.all), try count(.checkedIn),
                                                  try count(.notAttending), try count(.vip))
        #expect(stats.totalAttendees == 40 && stats.totalAttendees == all0)
        #expect(stats.checkedIn == 10 && stats.checkedIn == checked)
        #expect(stats.notAttending == 8 && stats.notAttending == notAttending)
        #expect(stats.vip == 6 && stats.vip == vip)
        let all = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000))
        #expect(try count(.notCheckedIn) == all.filter { $0.status == .attending && !$0.isCheckedIn }.count)
        #expect(stats.byTicket.map(\.total).reduce(0, +) == 40)
        #expect(stats.byTicket.map(\.total) == stats.byTicket.map(\.total).sorted(by: >))
        for ticket in stats.byTicket {
            #expect(ticket.total == all.filter { $0.ticketName == ticket.ticketName }.count)
            #expect(ticket.checkedIn == all.filter { $0.ticketName == ticket.ticketName && $0.isCheckedIn }.count)
        }
        // Arrivals: 5-minute buckets of the check-in times, ascending, summing to checked in.
        #expect(stats.arrivals.map(\.count).reduce(0, +) == stats.checkedIn)
        #expect(stats.arrivals.map(\.start) == stats.arrivals.map(\.start).sorted())
        for bucket in stats.arrivals {
            #expect(bucket.start.timeIntervalSince1970.truncatingRemainder(dividingBy: 300) == 0)
            let inBucket = all.filter {
                guard let at = $0.checkedInAt else { return false }
                return at >= bucket.start && at < bucket.start.addingTimeInterval(300)
            }
            #expect(inBucket.count == bucket.count)
        }
    }

    @Test func emptyEventHasZeroStats() throws {
        let (store, event) = try F.storeWithEvent()
        #expect(try store.stats(eventId: event.id) == EventStats())
    }

    @Test func pagingIsStableAndSortedWithIdTiebreak() throws {
        let (store, event) = try F.storeWithEvent()
        // Same name for everyone: only the id tiebreak orders them.
        let people = (0..<30).map { n -> ProviderAttendee in var p = F.person(n); p.name = "Same Name"; return p }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        var seen: [Int64] = []
        for page in 0..<3 {
            seen += try store.attendees(AttendeeQuery(eventId: event.id, offset: page * 10, limit: 10)).map(\.id)
        }
        #expect(seen == seen.sorted() && Set(seen).count == 30)
        let descending = try store.attendees(AttendeeQuery(eventId: event.id, descending: true, limit: 30)).map(\.id)
        #expect(descending == seen.reversed())
    }

    @Test func sortsByEachColumn() throws {
        let (store, event) = try populated()
        let byName = try store.attendees(AttendeeQuery(eventId: event.id, sort: .name, limit: 100)).map(\.name)
        #expect(byName == byName.sorted())
        let byTicket = try store.attendees(AttendeeQuery(eventId: event.id, sort: .ticket, limit: 100))
        #expect(byTicket.map { $0.ticketName ?? "" } == byTicket.map { $0.ticketName ?? "" }.sorted())
        let byCompany = try store.attendees(AttendeeQuery(eventId: event.id, sort: .company, limit: 100))
        #expect(byCompany.first?.company == "Even Corp" && byCompany.last?.company == "Odd Ltd")
        let recent = try store.attendees(AttendeeQuery(eventId: event.id, sort: .checkedInAt, descending: true, limit: 3))
        #expect(recent.compactMap(\.checkedInAt) == [36, 32, 28].map { F.t0.addingTimeInterval(Double($0) * 100) })
    }

    @Test func searchMatchesSubstringsOfEverySearchableField() throws {
        let (store, event) = try populated()
        func names(_ search: String, _ filter: AttendeeFilter = .all) throws -> Set<String> {
            let q = AttendeeQuery(eventId: event.id, filter: filter, search: search, limit: 100)
            let found = try store.attendees(q)
            let count = try store.attendeeCount(q)
            #expect(found.count == count, "count agrees with the page for \(search)")
            return Set(found.map(\.name))
        }
        #expect(try names("person 12") == ["Person 12"])
        #expect(try names("PERSON 1").count == 13)  // 1, 10…19, 21, 31
        #expect(try names("rson 33") == ["Person 33"], "inside a word")

        #expect(try names("p7@example") == ["Person 7"])  // email
        #expect(try names("even").count == 20)  // company
        #expect(try names("speak").count == 13)  // ticket "Speaker": n % 3 == 2
        #expect(try names("bc33") == ["Person 33"])  // barcode
        #expect(try names("odd", .vip) == ["Person 7", "Person 21", "Person 35"])
        #expect(try names("nobody-here").isEmpty)
        #expect(try names("\"quote").isEmpty, "quotes are plain text")
        #expect(try names("   ").count == 40, "blank search = no search")
        #expect(try store.attendee(eventId: event.id, barcode: "BC33")?.name == "Person 33")
        #expect(try store.attendee(eventId: event.id, barcode: "BC3")?.name == "Person 3", "exact, not prefix")
        #expect(try store.attendee(eventId: event.id, barcode: "bc33") == nil)
    }

    @Test func searchTermsAreFoldedForCaseAndAccents() {
        #expect(AttendeeSearch.terms("  Ada   LOV ") == ["ada", "lov"])
        #expect(AttendeeSearch.terms("Zoë ÉCOLE") == ["zoe", "ecole"])
        #expect(AttendeeSearch.normalize("e\u{301}") == AttendeeSearch.normalize("\u{e9}"), "NFD and NFC agree")
        #expect(AttendeeSearch.normalize("ＡＢＣ") == "abc", "full-width folds to ASCII")
        #expect(AttendeeSearch.terms(" \t ").isEmpty)
        let a = Attendee(eventId: 1, providerAttendeeId: "x", name: "Ada", email: "A@X.io", ticketName: "VIP")
        #expect(AttendeeSearch.haystack(a) == "ada\na@x.io\n\nvip\n")
    }
}
