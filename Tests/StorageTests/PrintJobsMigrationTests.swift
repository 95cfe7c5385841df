import BadgeCore
import CSQLite
import Foundation
@testable import Storage
import Testing
import TestSupport

/// Version 9 (print jobs, issue #16) upgrades a version-8 file in place: its prints and print
/// counts are kept, the queue starts empty and works.
@Suite struct PrintJobsMigrationTests {
    @Test func aVersion8DatabaseGainsAnEmptyPrintQueue() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v8.sqlite")
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            for m in Migrations.all where m.version <= 8 { try db.execute(m.sql) }
            try db.execute("PRAGMA user_version = 8")
            try db.execute("""
                INSERT INTO events (id, provider, external_id, name, sync_status, access_code, created_at)
                VALUES (1, 'eventbrite', 'E1', 'Conf', 'ACTIVE', 'ABC123', 0);
                INSERT INTO attendees (id, event_id, provider_attendee_id, name, status, print_count, updated_at)
                VALUES (1, 1, 'A1', 'John Smith', 'ATTENDING', 1, 0);
                INSERT INTO prints (attendee_id, at, template_name, output, operator) VALUES (1, 0, 'Default', '/tmp/a.pdf', 'ana');
                """)
        }
        let store = try SQLiteStore.open(path: path)
        #expect(try store.schemaVersion() == 9)
        #expect(try store.attendee(id: 1)?.printCount == 1)
        #expect(try store.prints(attendeeId: 1).count == 1)
        #expect(try store.printJobs(eventId: nil, limit: 10).isEmpty)
        #expect(try store.printStations(now: Date()).isEmpty)
        let job = try store.enqueuePrintJob(PrintJob(eventId: 1, attendeeId: 1, status: .sent, printer: "pdf:/tmp", desk: "d",
                                                     operatorName: "ana", attempts: 1, claimedBy: "w", createdAt: Date()))
        let done = try store.finishPrintJob(id: job.id, worker: "w", result: .done(templateName: "Default", output: "/tmp/b.pdf"),
                                            at: Date())
        #expect(done.status == .done)
        #expect(try store.attendee(id: 1)?.printCount == 2)
        #expect(try store.prints(attendeeId: 1).count == 2)
        // Only the worker holding a job can finish it.
        #expect(throws: StorageError.self) {
            try store.finishPrintJob(id: job.id, worker: "other", result: .failed(reason: "x"), at: Date())
        }
    }
}
