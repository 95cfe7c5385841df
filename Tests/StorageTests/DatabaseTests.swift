import CSQLite
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct DatabaseTests {
    private func memory() throws -> Database {
        try Database(path: ":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    }

    @Test func roundTripsEveryValueKind() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        let big = Int64.max - 7
        try insert.bind(1, big)
        try insert.bind(2, 3.25)
        try insert.bind(3, "a\u{0}b")
        try insert.bind(4, Data([0, 1, 2, 0, 255]))
        try insert.run()
        insert.clear()
        try insert.bind(1, Int64.min)
        try insert.bind(3, "")
        try insert.bind(4, Data())
        try insert.run()

        let select = try db.prepare("SELECT i, r, s, b, typeof(s), typeof(b) FROM t ORDER BY rowid")
        #expect(try select.step())
        #expect(select.int64(0) == big)
        #expect(select.double(1) == 3.25)
        #expect(select.optionalText(2) == "a\u{0}b")
        #expect(select.blob(3) == Data([0, 1, 2, 0, 255]))
        #expect(try select.step())
        #expect(select.int64(0) == Int64.min)
        #expect(select.optionalDouble(1) == nil)
        #expect(select.optionalText(2) == "", "empty string is not NULL")
        #expect(select.text(4) == "text")
        #expect(select.blob(3) == Data(), "empty blob is not NULL")
        #expect(select.text(5) == "blob")
        #expect(try select.step() == false)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let db = try memory()
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(db.isInTransaction == false)
        try db.transaction { try db.run("INSERT INTO t VALUES (2)") }
        let values = try db.prepare("SELECT group_concat(x) FROM t").firstRow { $0.text(0) }
        #expect(values == "2")
    }

    @Test func nestedTransactionRollsBackOnlyItsSavepoint() throws {
        struct Boom: Error {}
        let db = try memory()
        try db.execute("CREATE TABLE t (x INTEGER)")
        try db.transaction {
            try db.run("INSERT INTO t VALUES (1)")
            try? db.transaction {
                try db.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(try db.prepare("SELECT group_concat(x) FROM t").firstRow { $0.text(0) } == "1")
    }

    @Test func errorsCarryCodeMessageAndSQL() throws {
        let db = try memory()
        do {
            _ = try db.prepare("SELEKT 1")
            Issue.record("expected a syntax error")
        } catch let error as StorageError {
            #expect(error.primaryCode == SQLITE_ERROR)
            #expect(error.debugDescription.contains("SELEKT 1"))
            #expect(error.description.contains("syntax error"))
        }
        try db.execute("CREATE TABLE u (x TEXT UNIQUE)")
        try db.run("INSERT INTO u VALUES ('a')")
        #expect {
            try db.run("INSERT INTO u VALUES ('a')")
        } throws: { error in
            (error as? StorageError)?.isConstraintViolation == true
        }
    }

    @Test func cachedStatementIsReusedAndCleared() throws {
        let db = try memory()
        let first = try db.cached("SELECT ?1")
        try first.bind(1, Int64(5))
        #expect(try first.firstRow { $0.int64(0) } == 5)
        let again = try db.cached("SELECT ?1")
        #expect(first === again)
        #expect(try again.firstRow { $0.isNull(0) } == true, "bindings are cleared on reuse")
    }

    @Test func oneLineReasonsForCommonFailures() {
        #expect(StorageError.sqlite(code: SQLITE_BUSY, message: "database is locked", sql: "BEGIN").description
            == "database is locked by another process")
        #expect(StorageError.sqlite(code: SQLITE_FULL, message: "x", sql: nil).description == "disk is full")
        #expect(StorageError.sqlite(code: SQLITE_NOTADB, message: "x", sql: nil).description
            == "database file is corrupt or not a database")
        #expect(StorageError.sqlite(code: SQLITE_CORRUPT, message: "x", sql: nil).description
            == "database file is corrupt or not a database")
    }
}

@Suite struct MigrationTests {
    @Test func migratesFromEmptyAndReopeningIsANoOp() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        do {
            let store = try SQLiteStore.open(path: path)
            #expect(try store.schemaVersion() == Migrations.latestVersion)
        }
        let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
        #expect(try Migrations.migrate(db) == 0)
        let tables = try db.prepare("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)")
            .firstRow { $0.text(0) } ?? ""
        for table in ["attendees", "audit_log", "checkins", "events", "import_checkpoints", "integrations",
                      "members", "prints", "templates"] {
            #expect(tables.split(separator: ",").contains(Substring(table)), "missing table \(table)")
        }
    }

    /// Version 8 (badge corrections) upgrades a version-6 file in place: rows and notes kept, no
    /// correction yet, corrections writable.
    @Test func aVersion6DatabaseGainsBadgeCorrections() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v6.sqlite")
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            for m in Migrations.all where m.version <= 6 { try db.execute(m.sql) }
            try db.execute("PRAGMA user_version = 6")
            try db.execute("""
                INSERT INTO events (id, provider, external_id, name, sync_status, access_code, created_at)
                VALUES (1, 'eventbrite', 'E1', 'Conf', 'ACTIVE', 'ABC123', 0);
                INSERT INTO attendees (id, event_id, provider_attendee_id, name, status, notes, updated_at)
                VALUES (1, 1, 'A1', 'John Smith', 'ATTENDING', 'old note', 0);
                """)
        }
        let store = try SQLiteStore.open(path: path)
        #expect(try store.schemaVersion() == Migrations.latestVersion)
        let a = try #require(try store.attendee(id: 1))
        #expect(a.name == "John Smith" && a.notes == "old note" && a.corrections.isEmpty)
        let corrected = try store.setCorrection(attendeeId: 1, field: .name, value: "Jon Smith", operatorName: "t",
                                                at: Date())
        #expect(try store.attendee(id: 1) == corrected)
        #expect(corrected.badgeName == "Jon Smith")
    }

    @Test func migrationsAreNumberedInOrder() {
        // Strictly increasing from 1 (a number may be skipped: parallel branches reserve theirs).
        let versions = Migrations.all.map(\.version)
        #expect(versions.first == 1)
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func refusesADatabaseFromANewerBuild() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        _ = try SQLiteStore.open(path: path)
        do {
            let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
            try db.execute("PRAGMA user_version = 999")
        }
        #expect(throws: StorageError.newerSchema(found: 999, supported: Migrations.latestVersion)) {
            _ = try SQLiteStore.open(path: path)
        }
    }
}
