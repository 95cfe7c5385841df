import BadgeCore
import Foundation
import PostgresStore
@testable import Storage
import Testing
import TestSupport

/// SPEC §13 in the store, the same on SQLite and PostgreSQL: walk-ins, badge corrections and
/// notes are written, audited, searchable, kept by page merges and `markMissing`, and erased by
/// a purge.
@Suite struct DeskEditsStoreTests {
    private typealias Body = (any BadgeStore, Event, () throws -> [AuditEntry]) throws -> Void

    /// Runs `body` on a fresh SQLite store, then on a fresh PostgreSQL database (a loud skip when
    /// PostgreSQL is not installed).
    private func onEachStore(_ what: String, _ body: Body) throws {
        let (sqlite, event) = try StoreFixtures.storeWithEvent()
        try body(sqlite, event, { try sqlite.auditLog() })
        guard let server = try PostgresTestServer.requireOrSkip("desk edits on PostgreSQL: \(what)") else { return }
        let url = try server.createDatabase("deskedits")
        defer { try? server.dropDatabase(url: url) }
        let pg = try PostgresStore.open(url: url, options: .init(desk: "t", migrate: true))
        let pgEvent = try pg.createEvent(StoreFixtures.event())
        try body(pg, pgEvent, { try pg.auditLog() })
    }

    @Test func aCorrectionOverridesTheBadgeFieldKeepsProviderDataAndSurvivesMerges() throws {
        try onEachStore("corrections") { store, event, audit in
            let t0 = StoreFixtures.t0
            _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1), StoreFixtures.person(2)],
                                    checkpoint: nil, now: t0)
            let row = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1"))
            let set = try store.setCorrection(attendeeId: row.id, field: .name, value: "  Persson Uno ",
                                              operatorName: "ada", at: t0)
            #expect(set.corrections.name == "Persson Uno" && set.name == "Person 1")
            try store.setCorrection(attendeeId: row.id, field: .jobTitle, value: "CTO", operatorName: "ada", at: t0)

            // A provider edit of the same fields: provider data changes, the correction stays.
            var edited = StoreFixtures.person(1)
            edited.name = "Person One"
            edited.jobTitle = "Engineer II"
            let counts = try store.applyPage(eventId: event.id, attendees: [edited, StoreFixtures.person(2)],
                                             checkpoint: nil, now: t0.addingTimeInterval(60))
            #expect(counts.updated == 1 && counts.unchanged == 1)
            // Re-applying changes nothing (no spurious "updated" from the corrections).
            let again = try store.applyPage(eventId: event.id, attendees: [edited], checkpoint: nil, now: t0)
            #expect(again.unchanged == 1)
            let after = try #require(try store.attendee(id: row.id))
            #expect(after.name == "Person One" && after.jobTitle == "Engineer II")
            #expect(after.badgeName == "Persson Uno" && after.badgeJobTitle == "CTO")

            // Search finds the correction and the provider's spelling; the table shows one row.
            #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "persson")).map(\.id) == [row.id])
            #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "person one")).map(\.id) == [row.id])

            // markMissing: NOT_ATTENDING, correction kept. Blank clears.
            _ = try store.markMissing(eventId: event.id, seen: ["A2"], now: t0)
            let missing = try #require(try store.attendee(id: row.id))
            #expect(missing.status == .notAttending && missing.corrections.name == "Persson Uno")
            let cleared = try store.setCorrection(attendeeId: row.id, field: .name, value: " ", operatorName: "bob", at: t0)
            #expect(cleared.corrections.name == nil && cleared.badgeName == "Person One")
            #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "persson")).isEmpty)

            let actions = try audit().filter { $0.action.hasPrefix("CORRECTION") }
            #expect(actions.map(\.action).sorted() == ["CORRECTION_CLEARED", "CORRECTION_SET", "CORRECTION_SET"])
            #expect(actions.allSatisfy { !$0.detail.contains("Persson") }, "audit details name fields, not values")
            #expect(actions.contains { $0.operatorName == "bob" && $0.detail.contains("name") })
            #expect(throws: StorageError.self) {
                try store.setCorrection(attendeeId: 999_999, field: .name, value: "x", operatorName: "a", at: t0)
            }
        }
    }

    @Test func aNoteIsKeptByMergesAndAudited() throws {
        try onEachStore("notes") { store, event, audit in
            let t0 = StoreFixtures.t0
            _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1)], checkpoint: nil, now: t0)
            let row = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1"))
            #expect(try store.setNote(attendeeId: row.id, "Allergic to nuts", operatorName: "ada", at: t0).notes
                    == "Allergic to nuts")
            var cancelled = StoreFixtures.person(1, status: .notAttending)
            cancelled.company = "Moved Inc"
            _ = try store.applyPage(eventId: event.id, attendees: [cancelled], checkpoint: nil, now: t0)
            #expect(try store.attendee(id: row.id)?.notes == "Allergic to nuts")
            #expect(try store.setNote(attendeeId: row.id, "", operatorName: "ada", at: t0).notes == nil)
            #expect(try store.attendee(id: row.id)?.notes == nil)
            #expect(try audit().map(\.action).filter { $0.hasPrefix("NOTE") }.sorted() == ["NOTE_CLEARED", "NOTE_SET"])
        }
    }

    @Test func aWalkInIsALocalAttendingRowThatNoSyncTouches() throws {
        try onEachStore("walk-ins") { store, event, audit in
            let t0 = StoreFixtures.t0
            _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1)], checkpoint: nil, now: t0)
            let w = try store.addWalkIn(eventId: event.id, WalkIn(name: "Kim Lee", email: "kim@example.com",
                                                                 company: "Walk Co", ticketName: "General"),
                                        operatorName: "ada", at: t0)
            #expect(w.id > 0 && w.isWalkIn && w.status == .attending && w.providerStatus == "WALK_IN")
            #expect(w.firstName == "Kim" && w.lastName == "Lee" && !w.isCheckedIn)
            #expect(try store.attendee(id: w.id) == w)

            // A full resync that does not return it: the guard does not count it, markMissing skips it.
            let guardCounts = try store.missingCount(eventId: event.id, seen: ["A1"])
            #expect(guardCounts.missing == 0 && guardCounts.attending == 1)
            #expect(try store.markMissing(eventId: event.id, seen: ["A1"], now: t0) == 0)
            // Even a provider page naming its id would not change it.
            let forged = ProviderAttendee(providerAttendeeId: w.providerAttendeeId, name: "Forged", status: .notAttending)
            #expect(try store.applyPage(eventId: event.id, attendees: [forged], checkpoint: nil, now: t0).unchanged == 1)
            #expect(try store.attendee(id: w.id) == w)

            guard case .recorded(let checked, _) = try store.checkIn(attendeeId: w.id, action: .checkIn, operatorName: "ada",
                                                                      station: "door", at: t0)
            else { Issue.record("the walk-in was not checked in"); return }
            #expect(checked.isCheckedIn)
            #expect(try store.stats(eventId: event.id).totalAttendees == 2)
            #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "walk co")).map(\.id) == [w.id])
            #expect(try audit().contains { $0.action == "WALK_IN" && $0.detail.contains(w.providerAttendeeId) })

            #expect(throws: StorageError.invalid("A walk-in needs a name")) {
                try store.addWalkIn(eventId: event.id, WalkIn(name: "  "), operatorName: "ada", at: t0)
            }
            #expect(throws: StorageError.self) {
                try store.addWalkIn(eventId: 999_999, WalkIn(name: "Nobody"), operatorName: "ada", at: t0)
            }
        }
    }

    @Test func aPurgeErasesCorrectionsNotesAndWalkIns() throws {
        try onEachStore("purge") { store, event, _ in
            let t0 = StoreFixtures.t0
            _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1)], checkpoint: nil, now: t0)
            let row = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1"))
            try store.setCorrection(attendeeId: row.id, field: .name, value: "Secret Spelling", operatorName: "a", at: t0)
            try store.setCorrection(attendeeId: row.id, field: .pronouns, value: "xe/xem", operatorName: "a", at: t0)
            try store.setNote(attendeeId: row.id, "private note", operatorName: "a", at: t0)
            let w = try store.addWalkIn(eventId: event.id, WalkIn(name: "Walk Person", email: "walk@example.com"),
                                        operatorName: "a", at: t0)
            _ = try store.purgePersonalData(eventId: event.id, at: t0)
            for id in [row.id, w.id] {
                let a = try #require(try store.attendee(id: id))
                #expect(a.corrections.isEmpty && a.notes == nil && a.name.isEmpty && a.email == nil)
            }
            #expect(throws: StorageError.self) {
                try store.addWalkIn(eventId: event.id, WalkIn(name: "After Purge"), operatorName: "a", at: t0)
            }
        }
    }
}
