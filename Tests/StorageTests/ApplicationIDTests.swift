import BadgeCore
import CSQLite
import Foundation
import Testing
@testable import Storage
import TestSupport

/// Issue #13 item 7: another application's SQLite file is refused and left exactly as it was.
@Suite struct ApplicationIDTests {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func applicationId(_ path: String) throws -> Int64 {
        let db = try Database(path: path, flags: SQLITE_OPEN_READONLY)
        return try db.prepare("PRAGMA application_id").firstRow { $0.int64(0) } ?? -1
    }

    /// A database another program wrote: its own table, rollback journal, mode 0644.
    private func foreignFile(_ dir: TemporaryDirectory, applicationId: Int32 = 0, table: Bool = true) throws -> String {
        let path = dir.file("notes.sqlite")
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            if table { try db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi')") }
            if applicationId != 0 { try db.execute("PRAGMA application_id = \(applicationId)") }
            if !table && applicationId == 0 { try db.execute("PRAGMA user_version = 0") }
        }
        _ = chmod(path, 0o644)
        return path
    }

    @Test func aFileWithForeignTablesIsRefusedAndUntouched() throws {
        let dir = try TemporaryDirectory()
        let path = try foreignFile(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore.open(path: path)
        } throws: { error in
            guard case .foreignDatabase = error as? StorageError else { return false }
            return "\(error)" == "\(path) is not a badge database (it has other tables: notes); left untouched"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "not a byte changed (no tables, no WAL)")
        #expect(try mode(path) == 0o644, "its mode is its owner's business")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aFileWithAnotherApplicationIdIsRefusedEvenWithoutTables() throws {
        let dir = try TemporaryDirectory()
        let path = try foreignFile(dir, applicationId: 0x0F01_0203, table: false)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore.open(path: path)
        } throws: { error in
            "\(error)" == "\(path) is not a badge database (application_id 251724291 is not badge's); left untouched"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try mode(path) == 0o644)
    }

    @Test func newDatabasesAreStampedAndOldBadgeDatabasesAreAdopted() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        do { _ = try SQLiteStore.open(path: path) }
        #expect(try applicationId(path) == Int64(ApplicationID.value))

        // A badge database from before the id: our schema, application_id 0 — opened and stamped.
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
            try db.execute("PRAGMA application_id = 0")
        }
        #expect(try applicationId(path) == 0)
        let reopened = try SQLiteStore.open(path: path)
        #expect(try reopened.members().isEmpty)
        #expect(try applicationId(path) == Int64(ApplicationID.value))
    }
}
