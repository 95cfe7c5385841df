import BadgeCore
import CSQLite
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct StoreFileTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func createsDirectory0700AndFiles0600() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("nested/deeper/badge.sqlite")
        let store = try SQLiteStore.open(path: path)
        try store.saveMember(Member(name: "ada", role: .admin, pinHash: "$6$x"))
        #expect(try mode(path) == 0o600)
        #expect(try mode(dir.file("nested/deeper")) == 0o700)
        for side in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + side) {
            #expect(try mode(path + side) == 0o600, "\(side) must not be readable by others")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "WAL mode")
    }

    @Test func refusesAFileThatIsNotADatabaseAndLeavesItIntact() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore.open(path: path)
        } throws: { error in
            guard case .corruptDatabase = error as? StorageError else { return false }
            return "\(error)".contains("corrupt or not a database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesADamagedDatabaseAndLeavesItIntact() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        do {
            let store = try SQLiteStore.open(path: path)
            let event = try store.createEvent(StoreFixtures.event())
            _ = try store.applyPage(eventId: event.id, attendees: (0..<2000).map { StoreFixtures.person($0) },
                                    checkpoint: nil, now: StoreFixtures.t0)
        }
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE")
        }
        // Overwrite pages 3…6 (b-tree pages) with noise, keeping the header valid.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096 * 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096 * 4))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect {
            _ = try SQLiteStore.open(path: path)
        } throws: { error in
            if case .corruptDatabase = error as? StorageError { return true }
            return false
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
    }

    @Test func lockedDatabaseFailsWithAClearErrorAfterTheBusyTimeout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let store = try SQLiteStore.open(path: path, options: .init(busyTimeout: 0.2))
        let other = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
        try other.execute("BEGIN IMMEDIATE")
        #expect {
            try store.saveMember(Member(name: "ada", role: .admin, pinHash: "h"))
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.isBusy && error.description == "database is locked by another process"
        }
        // Reads still work while another process writes (WAL).
        #expect(try store.members().isEmpty)
        try other.execute("ROLLBACK")
        try store.saveMember(Member(name: "ada", role: .admin, pinHash: "h"))
        #expect(try store.member(name: "ada")?.role == .admin)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(SQLiteStore.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ada"])
            == "/data/badge/badge.sqlite")
        #expect(SQLiteStore.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/ada"])
            == "/home/ada/.local/share/badge/badge.sqlite")
        #expect(SQLiteStore.defaultPath(environment: ["HOME": "/home/ada"]) == "/home/ada/.local/share/badge/badge.sqlite")
    }

    @Test func temporaryDirectoryIsRemovedWhenReleased() throws {
        var path = ""
        do {
            let dir = try TemporaryDirectory()
            path = dir.path
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("b.txt")))
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
        let other = try withTemporaryDirectory { dir -> String in
            try Data("y".utf8).write(to: URL(fileURLWithPath: dir.file("c.txt")))
            return dir.path
        }
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test func twoStoresOnOneFileSeeEachOthersWrites() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let a = try SQLiteStore.open(path: path)
        let b = try SQLiteStore.open(path: path)
        let event = try a.createEvent(StoreFixtures.event())
        #expect(try b.event(id: event.id) == event)
    }
}

/// Imports leave a long write-ahead log behind (auto-checkpoints are rare during a bulk write);
/// settling copies it into the database file without losing or hiding anything.
@Suite struct SettleAfterBulkWriteTests {
    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func importPagesThenSettleLeavesEveryRowAndNoUncopiedLog() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let store = try SQLiteStore.open(path: path)
        let event = try store.createEvent(StoreFixtures.event())
        for page in 0..<40 {
            let rows = (0..<50).map { StoreFixtures.person(page * 50 + $0) }
            _ = try store.applyPage(eventId: event.id, attendees: rows, checkpoint: nil, now: StoreFixtures.t0)
        }
        #expect(size(path + "-wal") > 1_000_000, "40 page commits leave the log long (auto-checkpoint at 16 384 pages)")
        let before = size(path)
        #expect(before < 500_000, "the rows are still only in the log")
        store.settleAfterBulkWrite()
        #expect(size(path) > before + 500_000, "the log was copied into the database file")
        let reader = try SQLiteStore.open(path: path)
        #expect(try reader.attendeeCount(AttendeeQuery(eventId: event.id)) == 2_000)
        // The next write after the settle still commits and is seen.
        _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(9_999)], checkpoint: nil,
                                now: StoreFixtures.t0)
        #expect(try reader.attendeeCount(AttendeeQuery(eventId: event.id)) == 2_001)
    }
}

/// Opening a second store on a file this process already has open must not drop the first
/// connection's locks (closing any descriptor of a file drops all of a process's POSIX locks on it).
@Suite struct SecondOpenKeepsLocksTests {
    /// Whether some lock conflicts with a write lock on SQLite's lock bytes, asked through an
    /// open-file-description lock query: it sees this process's own POSIX locks too.
    func lockBytesAreHeld(_ fd: Int32) -> Bool {
        var query = flock()
        query.l_type = Int16(F_WRLCK)
        query.l_whence = Int16(SEEK_SET)
        query.l_start = 0x4000_0000  // PENDING_BYTE; RESERVED and the SHARED range follow
        query.l_len = 512
        query.l_pid = 0
        let ofdGetLock: Int32 = 36  // F_OFD_GETLK (Linux; Glibc only exports it under _GNU_SOURCE)
        guard fcntl(fd, ofdGetLock, &query) == 0 else { return false }
        return query.l_type != Int16(F_UNLCK)
    }

    @Test func theFirstConnectionStillHoldsItsLockAfterASecondOpen() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let first = try SQLiteStore.open(path: path)
        _ = try first.createEvent(StoreFixtures.event())
        _ = try first.events()
        let probe = open(path, O_RDONLY | O_CLOEXEC)
        try #require(probe >= 0)
        // Closed only at the end: closing it would itself drop the locks being looked at.
        defer { close(probe) }
        try #require(lockBytesAreHeld(probe), "SQLite holds its shared lock while a WAL connection is open")
        // A second spelling of the same file (through a symlink), opened and closed again.
        let link = dir.file("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        do {
            let second = try SQLiteStore.open(path: link)
            #expect(try second.events().count == 1)
        }
        #expect(lockBytesAreHeld(probe), "the first connection's lock survived")
        #expect(try first.events().count == 1)
    }

    @Test func theRegistryCountsOpenStoresByFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let key = OpenDatabases.key(path)
        #expect(!OpenDatabases.shared.isOpen(OpenDatabases.key(path)))
        var a: SQLiteStore? = try SQLiteStore.open(path: path)
        let b = try SQLiteStore.open(path: dir.file("./badge.sqlite"))
        withExtendedLifetime(b) {
            #expect(OpenDatabases.shared.isOpen(key))
            a = nil
            #expect(a == nil && OpenDatabases.shared.isOpen(key), "still open through b")
        }
    }
}
