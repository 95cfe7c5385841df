import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

/// The privacy purge (issue #17, SPEC §13): personal data gone from the database file, its WAL
/// and the audit log; statistics identical; provider data refused afterwards.
@Suite struct PurgeTests {
    static let secrets = ["Zenobia Quartermaine", "zenobia.q@privacy-test.example", "BARCODE-ZQ-778899",
                          "Quartermaine Holdings", "allergic to peanuts"]

    /// Every file SQLite may keep the data in (the database, its WAL and shared memory).
    private func occurrences(in path: String) -> [String] {
        var found: [String] = []
        for file in [path, path + "-wal", path + "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for secret in Self.secrets where bytes.range(of: Data(secret.utf8)) != nil {
                found.append("\(secret) in \((file as NSString).lastPathComponent)")
            }
        }
        return found
    }

    private func seeded(_ path: String) throws -> (SQLiteStore, Event, Attendee) {
        let store = try SQLiteStore.open(path: path)
        let event = try store.createEvent(StoreFixtures.event())
        var zenobia = StoreFixtures.person(99, ticket: "VIP")
        zenobia.name = "Zenobia Quartermaine"
        zenobia.email = "zenobia.q@privacy-test.example"
        zenobia.barcode = "BARCODE-ZQ-778899"
        zenobia.company = "Quartermaine Holdings"
        let people = [zenobia] + (1...40).map { StoreFixtures.person($0, status: $0 % 7 == 0 ? .notAttending : .attending,
                                                                    ticket: $0 % 3 == 0 ? "Speaker" : "General") }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: StoreFixtures.t0)
        let z = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A99"))
        // Notes are written by the desk (no provider field): set directly.
        try store.locked { try $0.execute("UPDATE attendees SET notes = 'allergic to peanuts' WHERE id = \(z.id)") }
        try store.setVIP(attendeeId: z.id, true, operatorName: "ann", at: StoreFixtures.t0)
        for (i, n) in [99, 2, 3, 5, 8, 13].enumerated() {
            let a = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)"))
            _ = try store.checkIn(attendeeId: a.id, action: .checkIn, operatorName: "sam", station: "desk 1",
                                  at: StoreFixtures.t0.addingTimeInterval(Double(i) * 400))
        }
        try store.recordPrint(PrintRecord(attendeeId: z.id, at: StoreFixtures.t0, templateName: "Default",
                                          output: "/tmp/Zenobia Quartermaine.pdf", operatorName: "sam"))
        try store.recordAudit(operatorName: "ann", action: "note", detail: "Zenobia Quartermaine: allergic to peanuts",
                              at: StoreFixtures.t0)
        try store.recordAudit(operatorName: "ann", action: "member.save", detail: "sam STAFF", at: StoreFixtures.t0)
        return (store, event, try #require(try store.attendee(id: z.id)))
    }

    @Test func erasesPersonalDataFromTheFileAndKeepsTheStatistics() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let (store, event, _) = try seeded(path)
        // The test can fail: before the purge the values are in the files.
        #expect(occurrences(in: path).count >= 4, "\(occurrences(in: path))")
        let before = try store.stats(eventId: event.id)
        #expect(before.vip == 1 && before.checkedIn == 6)

        let summary = try store.purgePersonalData(eventId: event.id, at: StoreFixtures.t0.addingTimeInterval(9000))

        #expect(summary.attendees == 41)
        // The note, and the VIP and check-in entries quoting the provider ids A99 and A13 (ids under
        // three characters are too short to match safely).
        #expect(summary.auditEntries == 4)
        #expect(summary.prints == 1)
        #expect(summary.walTruncated)
        #expect(try store.stats(eventId: event.id) == before)
        #expect(occurrences(in: path).isEmpty, "\(occurrences(in: path))")
        #expect(try store.event(id: event.id)?.purgedAt == StoreFixtures.t0.addingTimeInterval(9000))
        let rows = try store.attendees(AttendeeQuery(eventId: event.id, filter: .all, search: "", sort: .name,
                                                     offset: 0, limit: 100))
        #expect(rows.count == 41)
        #expect(rows.allSatisfy { $0.name.isEmpty && $0.email == nil && $0.barcode == nil && $0.company == nil })
        let details = try store.auditLog(limit: 20).map(\.detail)
        #expect(details.contains("sam STAFF"), "unrelated audit entries stay")
        #expect(details.contains("[purged]: [purged]"), "\(details)")
        #expect(details.contains { $0.hasPrefix("attendee ") && $0.hasSuffix("([purged]) at desk 1") }, "\(details)")
        // The barcode no longer finds anyone.
        #expect(try store.attendee(eventId: event.id, barcode: "BARCODE-ZQ-778899") == nil)
    }

    @Test func aPurgedEventRefusesProviderData() throws {
        let dir = try TemporaryDirectory()
        let (store, event, _) = try seeded(dir.file("badge.sqlite"))
        _ = try store.purgePersonalData(eventId: event.id, at: StoreFixtures.t0)
        let before = try store.stats(eventId: event.id)
        #expect {
            _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(99)], checkpoint: nil,
                                    now: StoreFixtures.t0)
        } throws: { error in
            guard case .eventPurged = error as? StorageError else { return false }
            return "\(error)".contains("no longer synced")
        }
        #expect(throws: StorageError.self) {
            _ = try store.markMissing(eventId: event.id, seen: [], now: StoreFixtures.t0)
        }
        #expect(try store.stats(eventId: event.id) == before)
        #expect(occurrences(in: dir.file("badge.sqlite")).isEmpty)
    }

    @Test func otherEventsAreUntouched() throws {
        let dir = try TemporaryDirectory()
        let (store, event, _) = try seeded(dir.file("badge.sqlite"))
        let other = try store.createEvent(StoreFixtures.event("E2"))
        _ = try store.applyPage(eventId: other.id, attendees: [StoreFixtures.person(1)], checkpoint: nil,
                                now: StoreFixtures.t0)
        _ = try store.purgePersonalData(eventId: event.id, at: StoreFixtures.t0)
        #expect(try store.attendee(eventId: other.id, providerAttendeeId: "A1")?.email == "p1@example.com")
        #expect(try store.event(id: other.id)?.purgedAt == nil)
    }
}
