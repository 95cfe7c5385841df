import BadgeCore
import Foundation
import PostgresStore
import Storage
import Testing
import TestSupport

/// The search index of a desk stays exact while other desks write (SPEC §11 "search and scans at
/// every desk stay as fast as on one laptop"): after another desk's commit only the rows written
/// since are read again, and nothing another desk changed is missed — whatever the order in
/// which overlapping transactions commit.
@Suite(.serialized) struct SearchAcrossDesksTests {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    private func person(_ n: Int, name: String? = nil) -> ProviderAttendee {
        ProviderAttendee(providerAttendeeId: "A\(n)", orderId: "O\(n)", name: name ?? "Person \(n)", firstName: "Person",
                         lastName: "\(n)", email: "p\(n)@example.com", company: "Corp", jobTitle: nil,
                         ticketName: "General", barcode: "BC\(n)", status: .attending, providerStatus: "Attending",
                         checkedInAt: nil, changedAt: Self.t0)
    }

    /// Two desks on one fresh database, and the event.
    private func desks() throws -> (PostgresStore, PostgresStore, Int64, String)? {
        guard let server = try PostgresTestServer.requireOrSkip("search across desks") else { return nil }
        let url = try server.createDatabase("search")
        let a = try PostgresStore.open(url: url, options: .init(desk: "door-a", migrate: true))
        let b = try PostgresStore.open(url: url, options: .init(desk: "door-b"))
        let event = try a.createEvent(Event(provider: .eventbrite, externalId: "E1", name: "Conf", accessCode: "X",
                                            createdAt: Self.t0))
        _ = try a.applyPage(eventId: event.id, attendees: (1...300).map { person($0) }, checkpoint: nil, now: Self.t0)
        return (a, b, event.id, url)
    }

    private func waitForFeed(_ store: PostgresStore, past counter: Int64) throws {
        let deadline = Date().addingTimeInterval(5)
        while try store.externalChangeCounter() == counter {
            guard Date() < deadline else { Issue.record("the change feed did not move in 5 s"); return }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    private func search(_ store: PostgresStore, _ eventId: Int64, _ text: String, filter: AttendeeFilter = .all) throws -> [String] {
        try store.attendees(AttendeeQuery(eventId: eventId, filter: filter, search: text, limit: 50)).map(\.name)
    }

    @Test func anotherDesksRenameAndCheckInAreFoundAtOnce() throws {
        guard let (a, b, event, _) = try desks() else { return }
        #expect(try search(b, event, "p17@example") == ["Person 17"])
        var counter = try b.externalChangeCounter()
        _ = try a.applyPage(eventId: event, attendees: [person(17, name: "Zoë Quantum")], checkpoint: nil, now: Self.t0)
        try waitForFeed(b, past: counter)
        #expect(try search(b, event, "zoe quantum") == ["Zoë Quantum"])
        #expect(try search(b, event, "p17@example") == ["Zoë Quantum"])

        counter = try b.externalChangeCounter()
        let target = try #require(try a.attendee(eventId: event, providerAttendeeId: "A42"))
        _ = try a.checkIn(attendeeId: target.id, action: .checkIn, operatorName: "ann", station: "door-a", at: Self.t0)
        try waitForFeed(b, past: counter)
        #expect(try search(b, event, "p42@example", filter: .checkedIn) == ["Person 42"])
        #expect(try b.attendeeCount(AttendeeQuery(eventId: event, filter: .notCheckedIn, search: "example", limit: 1)) == 299)
    }

    @Test func aTransactionThatCommitsLateIsNotMissed() throws {
        guard let (a, b, event, url) = try desks(), let psql = PostgresTestServer.programPath("psql") else { return }
        #expect(try search(b, event, "person").count == 50)
        // A transaction that started BEFORE desk B's next refresh and commits AFTER it (psql holds
        // it open for 2 s): its row must still reach B's index on a later refresh.
        let slow = Process()
        slow.executableURL = URL(fileURLWithPath: psql)
        slow.arguments = [url, "-q", "-c", """
            BEGIN; UPDATE attendees SET name = 'Late Lark', search_text = 'late lark' WHERE provider_attendee_id = 'A7';
            SELECT pg_sleep(2); COMMIT;
            """]
        slow.standardOutput = FileHandle.nullDevice
        try slow.run()
        let deadline = Date().addingTimeInterval(10)
        let waiting = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(2)%' AND pid <> pg_backend_pid()"
        while try PostgresTestServer.psql(waiting, url: url).trimmingCharacters(in: .whitespacesAndNewlines) == "0" {
            guard Date() < deadline else { Issue.record("psql never started its transaction"); return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // Meanwhile another desk commits, and B refreshes (seeing that commit, not the slow one).
        var counter = try b.externalChangeCounter()
        _ = try a.applyPage(eventId: event, attendees: [person(8, name: "Early Eagle")], checkpoint: nil, now: Self.t0)
        try waitForFeed(b, past: counter)
        #expect(try search(b, event, "early eagle") == ["Early Eagle"])
        #expect(try search(b, event, "late lark").isEmpty)
        counter = try b.externalChangeCounter()
        slow.waitUntilExit()
        #expect(slow.terminationStatus == 0)
        try waitForFeed(b, past: counter)
        #expect(try search(b, event, "late lark") == ["Late Lark"])
    }
}
