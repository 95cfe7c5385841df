import BadgeCore
import Foundation
import Storage
import Testing

/// `stats` agrees with the table's counts; `purgePersonalData` keeps the statistics and erases
/// the people; a purged event refuses provider data.
@Suite struct StatsAndPurgeContractTests {
    typealias F = ContractFixtures

    @Test(arguments: StoreKind.allCases)
    func emptyEventHasZeroStats(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        #expect(try store.stats(eventId: event.id) == EventStats())
    }

    @Test(arguments: StoreKind.allCases)
    func statsAgreeWithTheTableFilters(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        try QueryDataset.fill(store, eventId: event.id)
        let stats = try store.stats(eventId: event.id)
        func count(_ filter: AttendeeFilter) throws -> Int {
            try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: filter))
        }
        let all = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000))
        let (total, checkedIn, notAttending, vip) = (try count(.all), try count(.checkedIn), try count(.notAttending),
                                                     try count(.vip))
        #expect(stats.totalAttendees == all.count && stats.totalAttendees == total)
        #expect(stats.checkedIn == all.filter(\.isCheckedIn).count && stats.checkedIn == checkedIn)
        #expect(stats.notAttending == notAttending && stats.notAttending > 0)
        #expect(stats.vip == vip && stats.vip > 0)
        #expect(stats.byTicket.map(\.total).reduce(0, +) == all.count)
        #expect(stats.byTicket.map(\.total) == stats.byTicket.map(\.total).sorted(by: >))
        for ticket in stats.byTicket {
            let rows = all.filter { ($0.ticketName ?? "") == ticket.ticketName }
            #expect(ticket.total == rows.count && ticket.checkedIn == rows.filter(\.isCheckedIn).count, "\(ticket)")
        }
        // Equal totals are ordered by the ticket name, byte-wise ("" for none).
        for (a, b) in zip(stats.byTicket, stats.byTicket.dropFirst()) where a.total == b.total {
            #expect(Array(a.ticketName.utf8).lexicographicallyPrecedes(Array(b.ticketName.utf8)), "\(a) \(b)")
        }
        #expect(stats.arrivals.map(\.count).reduce(0, +) == stats.checkedIn)
        #expect(stats.arrivals.map(\.start) == stats.arrivals.map(\.start).sorted())
        for bucket in stats.arrivals {
            #expect(bucket.start.timeIntervalSince1970.truncatingRemainder(dividingBy: 300) == 0)
            #expect(bucket.count == all.filter {
                guard let at = $0.checkedInAt else { return false }
                return at >= bucket.start && at < bucket.start.addingTimeInterval(300)
            }.count)
        }
        // Another event's rows do not count.
        let other = try store.createEvent(F.event("E2"))
        _ = try store.applyPage(eventId: other.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        #expect(try store.stats(eventId: event.id) == stats)
    }

    static let secrets = ["Zenobia Quartermaine", "zenobia.q@privacy-test.example", "BARCODE-ZQ-778899",
                          "Quartermaine Holdings"]

    private func seeded(_ store: any BadgeStore) throws -> Event {
        let event = try store.createEvent(F.event())
        var zenobia = F.person(99, ticket: "VIP")
        zenobia.name = "Zenobia Quartermaine"
        zenobia.email = "zenobia.q@privacy-test.example"
        zenobia.barcode = "BARCODE-ZQ-778899"
        zenobia.company = "Quartermaine Holdings"
        let people = [zenobia] + (1...40).map { F.person($0, status: $0 % 7 == 0 ? .notAttending : .attending,
                                                         ticket: $0 % 3 == 0 ? "Speaker" : "General") }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        let z = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A99"))
        try store.setVIP(attendeeId: z.id, true, operatorName: "ann", at: F.t0)
        for (i, n) in [99, 2, 3, 5, 8, 13].enumerated() {
            let a = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)"))
            _ = try store.checkIn(attendeeId: a.id, action: .checkIn, operatorName: "sam", station: "desk 1",
                                  at: F.at(Double(i) * 400))
        }
        try store.recordPrint(PrintRecord(attendeeId: z.id, at: F.t0, templateName: "Default",
                                          output: "/tmp/Zenobia Quartermaine.pdf", operatorName: "sam"))
        try store.recordAudit(operatorName: "ann", action: "note", detail: "Zenobia Quartermaine: allergic",
                              at: F.t0)
        try store.recordAudit(operatorName: "ann", action: "member.save", detail: "sam STAFF", at: F.t0)
        return event
    }

    @Test(arguments: StoreKind.allCases)
    func purgeKeepsTheStatisticsAndErasesThePeople(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let event = try seeded(store)
        let other = try store.createEvent(F.event("E2"))
        _ = try store.applyPage(eventId: other.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "zenobia")).count == 1)
        let before = try store.stats(eventId: event.id)
        #expect(before.vip == 1 && before.checkedIn == 6)
        let zenobia = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A99"))

        let summary = try store.purgePersonalData(eventId: event.id, at: F.at(9000))

        #expect(summary.attendees == 41)
        #expect(summary.auditEntries == 4, "the note, and the VIP and check-in lines quoting A99 and A13")
        #expect(summary.prints == 1)
        #expect(summary.purgedAt == F.at(9000))
        #expect(try store.stats(eventId: event.id) == before)
        #expect(try store.event(id: event.id)?.purgedAt == F.at(9000))
        let rows = try store.attendees(AttendeeQuery(eventId: event.id, sort: .name, limit: 100))
        #expect(rows.count == 41)
        #expect(rows.allSatisfy { $0.name.isEmpty && $0.email == nil && $0.barcode == nil && $0.company == nil })
        for secret in Self.secrets {
            #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: secret)).isEmpty, "\(secret)")
        }
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "person")).isEmpty)
        #expect(try store.attendee(eventId: event.id, barcode: "BARCODE-ZQ-778899") == nil)
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "A99") == nil)
        // What the statistics and the logs need stays: the check-in log, the print (not its file name).
        let kept = try #require(try store.attendee(id: zenobia.id))
        #expect(kept.vip && kept.checkedInAt == zenobia.checkedInAt && kept.printCount == 1 && kept.ticketName == "VIP")
        #expect(kept.providerAttendeeId == "purged-\(zenobia.id)")
        #expect(try store.checkInHistory(attendeeId: zenobia.id).map(\.operatorName) == ["sam"])
        #expect(try store.prints(attendeeId: zenobia.id).map(\.output) == ["[purged]"])
        let details = try c.auditLog(limit: 20).map(\.detail)
        #expect(details.contains("sam STAFF"), "unrelated audit entries stay")
        #expect(details.contains("[purged]: allergic"), "\(details)")
        #expect(!details.contains { d in Self.secrets.contains { d.contains($0) } }, "\(details)")
        // Other events are untouched.
        #expect(try store.attendee(eventId: other.id, providerAttendeeId: "A1")?.email == "p1@example.com")
        #expect(try store.event(id: other.id)?.purgedAt == nil)
        #expect(throws: StorageError.notFound("event 999")) { try store.purgePersonalData(eventId: 999, at: F.t0) }
    }

    @Test(arguments: StoreKind.allCases)
    func aPurgedEventRefusesProviderData(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let event = try seeded(store)
        _ = try store.purgePersonalData(eventId: event.id, at: F.t0)
        let before = try store.stats(eventId: event.id)
        #expect {
            _ = try store.applyPage(eventId: event.id, attendees: [F.person(99)], checkpoint: nil, now: F.t0)
        } throws: { error in
            guard case .eventPurged = error as? StorageError else { return false }
            return "\(error)".contains("no longer synced")
        }
        #expect(throws: StorageError.self) {
            _ = try store.mergePage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        }
        #expect(throws: StorageError.self) {
            _ = try store.markMissing(eventId: event.id, seen: [], now: F.t0)
        }
        #expect(try store.stats(eventId: event.id) == before)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 41)
    }
}
