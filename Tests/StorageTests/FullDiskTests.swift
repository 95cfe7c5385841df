import BadgeCore
import Foundation
@testable import Storage
import Testing
import TestSupport

/// Issue 7: a full disk while checking in reports the check-in as NOT saved — an error, never a
/// `.recorded` outcome — and leaves the attendee exactly as it was. The full disk is simulated with
/// `PRAGMA max_page_count`, which makes SQLite answer SQLITE_FULL like a full file system.
@Suite struct FullDiskTests {
    @Test func checkInOnAFullDiskThrowsDiskFullAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let event = try store.createEvent(StoreFixtures.event())
        _ = try store.applyPage(eventId: event.id, attendees: (1...500).map { StoreFixtures.person($0) },
                                checkpoint: nil, now: StoreFixtures.t0)
        let target = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A7"))
        // Fill every free page, then cap the file at its current size.
        try store.db.execute("CREATE TABLE filler(x BLOB)")
        try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try store.db.execute("VACUUM")
        let pages = try #require(try store.db.scalarText("PRAGMA page_count"))
        try store.db.execute("PRAGMA max_page_count = \(pages)")
        var filled = false
        for _ in 0..<10_000 {
            do { try store.db.run("INSERT INTO filler VALUES (zeroblob(4000))") } catch { filled = true; break }
        }
        #expect(filled)

        var saved = 0
        var failures: [StorageError] = []
        for attendee in try store.attendees(AttendeeQuery(eventId: event.id, limit: 500)) {
            do {
                if case .recorded = try store.checkIn(attendeeId: attendee.id, action: .checkIn, operatorName: "ada",
                                                      station: "door", at: StoreFixtures.t0) { saved += 1 }
            } catch let error as StorageError {
                failures.append(error)
            }
        }
        // Whatever was reported saved is really in the log; everything else is reported as failed.
        let logged = try store.attendees(AttendeeQuery(eventId: event.id, limit: 500)).filter(\.isCheckedIn).count
        #expect(logged == saved)
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.description == "disk is full" })
        if saved == 0 {
            #expect(try store.attendee(id: target.id)?.isCheckedIn == false)
            #expect(try store.checkInHistory(attendeeId: target.id).isEmpty)
        }
    }
}
