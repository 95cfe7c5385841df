import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

/// Issue #18: SQLite's automatic checkpoint ran inside the commit that crossed its threshold,
/// while the store's lock was held — a desk's check-in in the same process waited behind a 64 MB
/// copy. The store now counts the WAL's frames and checkpoints on a connection of its own after
/// the lock is released; the WAL still stays bounded.
@Suite struct WALCheckpointTests {
    typealias F = StoreFixtures

    /// Writes 40 pages of 100 people, one transaction each; returns the WAL file's size.
    private func walSizeAfterAnImport(checkpointFrames: Int) throws -> Int {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let store = try SQLiteStore.open(path: path, options: .init(checkpointFrames: checkpointFrames))
        let event = try store.createEvent(F.event())
        for page in 0..<40 {
            let people = (0..<100).map { F.person(page * 100 + $0) }
            _ = try store.mergePage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        }
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 4_000)
        let size = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return size
    }

    @Test func theWALIsCheckpointedOffTheLockAndStaysBounded() throws {
        let unbounded = try walSizeAfterAnImport(checkpointFrames: 1_000_000)
        let bounded = try walSizeAfterAnImport(checkpointFrames: 64)
        // Without checkpoints every page's frames stay in the WAL (the store's own connection
        // never checkpoints inside a commit any more); with them it restarts after each one.
        #expect(unbounded > 1_000_000, "WAL of \(unbounded) bytes without checkpoints")
        #expect(bounded * 3 < unbounded, "WAL of \(bounded) bytes with checkpoints, \(unbounded) without")
    }
}
