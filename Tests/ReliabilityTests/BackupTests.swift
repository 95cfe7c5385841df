import BadgeCore
import Foundation
import Simulator
import Storage
import Testing

extension Reliability {
    /// What docs/RELIABILITY.md tells users: `badge backup FILE` while the desk keeps checking
    /// people in gives a sound, complete, self-contained copy.
    @Suite(.enabled("needs the built badge binary with backup wired") {
        BadgeBinary.unavailableReason(commands: [["backup"]]) == nil
    })
    struct BackupTests {
        @Test func backupWhileTheDeskChecksPeopleInIsSoundAndComplete() async throws {
            let binary = try #require(BadgeBinary.locate())
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 3_000, events: 1, seed: 71))
            let event = try await f.imported(.eventbrite)
            let badge = BadgeBinary(path: binary, directory: f.dir.path, database: f.dbPath)
            let rows = try f.rowList(event.id).filter { $0.status == .attending && !$0.isCheckedIn }.shuffled()
            var beforeBackup: [Int64] = []
            for row in rows.prefix(20) {
                if case .recorded = try f.store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "desk",
                                                        station: "door", at: Date()) { beforeBackup.append(row.id) }
            }

            let backupPath = f.dir.file("backup.sqlite")
            let backup = try badge.start(["backup", backupPath])
            var afterBackupStarted: [Int64] = []
            for row in rows.dropFirst(20).prefix(30) {  // the desk carries on meanwhile
                if case .recorded = try f.store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "desk",
                                                        station: "door", at: Date()) { afterBackupStarted.append(row.id) }
            }
            let result = backup.wait()
            #expect(afterBackupStarted.count == 30, "the desk was blocked while the backup ran")
            try #require(result.status == 0, "badge backup exited \(result.status): \(result.stderr)")
            #expect(try DatabaseCheck.integrity(backupPath) == "ok")
            let copy = try SQLiteStore.open(path: backupPath)
            #expect(try copy.attendeeCount(AttendeeQuery(eventId: event.id)) == f.rowList(event.id).count)
            for id in beforeBackup { #expect(try copy.attendee(id: id)?.isCheckedIn == true, "#\(id) missing from the backup") }
            // A snapshot: at least everything confirmed before it started, at most what is live now.
            let backedUp = try copy.attendeeCount(AttendeeQuery(eventId: event.id, filter: .checkedIn))
            #expect(backedUp <= (try f.store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .checkedIn))))
            #expect(try copy.event(id: event.id)?.syncStatus == .active)
            #expect(try copy.integration(provider: .eventbrite)?.status == .connected)
        }
    }
}
