import BadgeCore
import Foundation
import Storage
import Testing
import TestSupport

@Suite struct BackupTests {
    @Test func backupIsAComplete0600CopyAndNeverOverwrites() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: dir.file("badge.sqlite"))
        let event = try store.createEvent(StoreFixtures.event())
        _ = try store.applyPage(eventId: event.id, attendees: (1...2_000).map { StoreFixtures.person($0) },
                                checkpoint: nil, now: StoreFixtures.t0)
        let someone = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A42"))
        _ = try store.checkIn(attendeeId: someone.id, action: .checkIn, operatorName: "ada", station: "door",
                              at: StoreFixtures.t0)
        try store.setVIP(attendeeId: someone.id, true, operatorName: "ada", at: StoreFixtures.t0)

        let copyPath = dir.file("copy.sqlite")
        try store.backup(to: copyPath)
        let mode = try FileManager.default.attributesOfItem(atPath: copyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: copyPath + "-wal"))

        // Writes after the backup do not reach the copy; the copy holds everything before it.
        _ = try store.checkIn(attendeeId: someone.id, action: .undo, operatorName: "ada", station: "door",
                              at: StoreFixtures.t0.addingTimeInterval(5))
        let copy = try SQLiteStore.open(path: copyPath)
        #expect(try copy.attendeeCount(AttendeeQuery(eventId: event.id)) == 2_000)
        let restored = try #require(try copy.attendee(id: someone.id))
        #expect(restored.vip && restored.isCheckedIn)
        #expect(try copy.checkInHistory(attendeeId: someone.id).count == 1)

        #expect(throws: StorageError.self) { try store.backup(to: copyPath) }
        #expect(try copy.attendeeCount(AttendeeQuery(eventId: event.id)) == 2_000)
    }
}
