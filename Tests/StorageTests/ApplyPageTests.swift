import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct ApplyPageTests {
    typealias F = StoreFixtures

    private func row(_ store: SQLiteStore, _ event: Event, _ n: Int) throws -> Attendee {
        try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)"))
    }

    @Test func newRowsAreAddedAndReapplyingIsIdempotent() throws {
        let (store, event) = try F.storeWithEvent()
        let page = (0..<50).map { F.person($0, checkedInAt: $0 == 3 ? F.t0.addingTimeInterval(0.0004) : nil) }
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
            == SyncCounts(added: 50))
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
            == SyncCounts(unchanged: 50))
        let three = try row(store, event, 3)
        #expect(three.checkInSource == .provider && three.checkedInAt != nil)
        let one = try row(store, event, 1)
        #expect(one.email == "p1@example.com" && one.company == "Odd Ltd" && one.ticketName == "General")
        #expect(one.jobTitle == "Engineer" && one.orderId == "O0" && one.barcode == "BC1")
        #expect(one.firstName == "Person" && one.lastName == "1" && one.providerStatus == "Attending")
        #expect(one.providerChangedAt == F.t0)
    }

    @Test func providerEditsUpdateInPlaceKeepingVIPAndLocalCheckIn() throws {
        let (store, event) = try F.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "desk1",
                              at: F.t0.addingTimeInterval(60))
        var edited = F.person(1)
        edited.name = "Person One"
        edited.company = "New Co"
        #expect(try store.applyPage(eventId: event.id, attendees: [edited], checkpoint: nil, now: F.t0)
            == SyncCounts(updated: 1))
        let after = try row(store, event, 1)
        #expect(after.id == id && after.name == "Person One" && after.company == "New Co")
        #expect(after.vip)
        #expect(after.checkInSource == .local && after.checkedInAt == F.t0.addingTimeInterval(60))
        // Search follows the edit.
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "new co")) == 1)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "odd")) == 0)
    }

    @Test func cancellationIsCountedAndKeepsHistory() throws {
        let (store, event) = try F.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1), F.person(2)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
        let counts = try store.applyPage(eventId: event.id, attendees: [F.person(1, status: .notAttending), F.person(2)],
                                         checkpoint: nil, now: F.t0)
        #expect(counts == SyncCounts(cancelled: 1, unchanged: 1))
        let after = try row(store, event, 1)
        #expect(after.status == .notAttending && after.vip && after.checkedInAt != nil)
        #expect(try store.checkInHistory(attendeeId: id).count == 1)
    }

    @Test func duplicatesWithinOnePageMerge() throws {
        let (store, event) = try F.storeWithEvent()
        var later = F.person(1)
        later.email = "new@example.com"
        let counts = try store.applyPage(eventId: event.id, attendees: [F.person(1), later, F.person(2)],
                                         checkpoint: nil, now: F.t0)
        #expect(counts == SyncCounts(added: 2, updated: 1))
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 2)
        #expect(try row(store, event, 1).email == "new@example.com")
    }

    @Test func attendeeIsUniquePerEventAndProviderId() throws {
        let (store, event) = try F.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        #expect {
            try store.locked { db in
                try db.run("""
                    INSERT INTO attendees (event_id, provider_attendee_id, name, status, updated_at)
                    VALUES (?1, 'A1', 'Twin', 'ATTENDING', 0)
                    """, [.integer(event.id)])
            }
        } throws: { ($0 as? StorageError)?.isConstraintViolation == true }
        // The same provider id in another event is another attendee.
        let other = try store.createEvent(F.event("E2"))
        #expect(try store.applyPage(eventId: other.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
            == SyncCounts(added: 1))
    }

    @Test func localUndoIsNotResurrectedByProviderCheckIn() throws {
        let (store, event) = try F.storeWithEvent()
        let providerAt = F.t0.addingTimeInterval(10)
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1, checkedInAt: providerAt)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        guard case .recorded(let undone, _) = try store.checkIn(attendeeId: id, action: .undo, operatorName: "ada",
                                                                 station: "d", at: F.t0.addingTimeInterval(20)) else {
            Issue.record("undo of a provider check-in should be recorded")
            return
        }
        #expect(undone.checkedInAt == nil && undone.lastLocalActionAt == F.t0.addingTimeInterval(20))
        #expect(try store.applyPage(eventId: event.id, attendees: [F.person(1, checkedInAt: providerAt)],
                                    checkpoint: nil, now: F.t0) == SyncCounts(unchanged: 1))
        #expect(try row(store, event, 1).checkedInAt == nil)
    }

    @Test func markMissingFlipsUnseenRowsOnce() throws {
        let (store, event) = try F.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...4).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let id3 = try row(store, event, 3).id
        try store.setVIP(attendeeId: id3, true, operatorName: "ada", at: F.t0)
        #expect(try store.markMissing(eventId: event.id, seen: ["A1", "A2"], now: F.t0) == 2)
        let three = try row(store, event, 3)
        #expect(three.status == .notAttending && three.missingFromProvider && three.vip)
        #expect(try store.markMissing(eventId: event.id, seen: ["A1", "A2"], now: F.t0) == 0)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 4, "never deleted")
        // It comes back: no longer missing, attending again.
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(3)], checkpoint: nil, now: F.t0)
        let back = try row(store, event, 3)
        #expect(back.status == .attending && !back.missingFromProvider)
    }

    @Test func unicodeRoundTripsExactly() throws {
        let (store, event) = try F.storeWithEvent()
        let names = ["山田 太郎", "Zoë 👩🏽‍💻 Ünïcødé", "שלום עליכם", "مرحبا بالعالم", "e\u{301}\u{302}le\u{300}ve",
                     "Ελένη Παπαδοπούλου", "Наталья Иванова", String(repeating: "長い名前", count: 5000)]
        let page = names.enumerated().map { n, name in
            var p = F.person(n)
            p.name = name
            p.company = "会社 \(n) 🏢"
            return p
        }
        _ = try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
        for (n, name) in names.enumerated() {
            let a = try row(store, event, n)
            #expect(a.name == name)
            #expect(a.name.unicodeScalars.elementsEqual(name.unicodeScalars), "byte-exact, not normalised")
            #expect(a.company == "会社 \(n) 🏢")
        }
        #expect(names.last!.count == 20_000)
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "山田")).map(\.name) == ["山田 太郎"])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "zoe")).map(\.name) == [names[1]])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "太郎")).map(\.name) == ["山田 太郎"])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "ELEVE")).map(\.name) == [names[4]])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "עליכם")).map(\.name) == [names[2]])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "наталья")).map(\.name) == [names[6]])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "👩🏽‍💻")).map(\.name) == [names[1]])
    }

    @Test func sixtyFourBitIdsRoundTrip() throws {
        let (store, event) = try F.storeWithEvent()
        let high: Int64 = 5_000_000_000_123
        try store.locked { db in
            try db.run("""
                INSERT INTO attendees (id, event_id, provider_attendee_id, name, status, updated_at)
                VALUES (?1, ?2, 'seed', 'Seed', 'ATTENDING', 0)
                """, [.integer(high), .integer(event.id)])
        }
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let a = try row(store, event, 1)
        #expect(a.id == high + 1)
        #expect(try store.attendee(id: high + 1)?.providerAttendeeId == "A1")
        guard case .recorded(_, let record) = try store.checkIn(attendeeId: a.id, action: .checkIn,
                                                                 operatorName: "ada", station: "d", at: F.t0) else {
            Issue.record("check-in of a 64-bit id")
            return
        }
        #expect(record.attendeeId == high + 1)
        #expect(try store.checkInHistory(attendeeId: high + 1) == [record])
    }

    @Test func hundredThousandRowsInOnePageAndInPagesOfFifty() throws {
        let (store, event) = try F.storeWithEvent()
        let all = (0..<100_000).map { F.person($0) }
        #expect(try store.applyPage(eventId: event.id, attendees: all, checkpoint: nil, now: F.t0)
            == SyncCounts(added: 100_000))
        let other = try store.createEvent(F.event("E2"))
        var total = SyncCounts()
        var index = 0
        while index < all.count {
            total += try store.applyPage(eventId: other.id, attendees: Array(all[index..<min(index + 50, all.count)]),
                                         checkpoint: nil, now: F.t0)
            index += 50
        }
        #expect(total == SyncCounts(added: 100_000))
        #expect(try store.attendeeCount(AttendeeQuery(eventId: other.id)) == 100_000)
        #expect(try store.attendee(eventId: other.id, barcode: "BC99999")?.name == "Person 99999")
        #expect(try store.attendeeCount(AttendeeQuery(eventId: other.id, search: "person 99999")) == 1)
    }
}
