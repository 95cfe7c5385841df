import BadgeCore
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `DatabaseCopier` between two SQLite stores (the PostgreSQL directions are in EndToEndTests):
/// every row with its id, resumable after a stop between batches, refusing other content.
@Suite struct DatabaseCopierTests {
    struct Stop: Error {}

    static func seeded(_ path: String, attendees: Int = 60, externalId: String = "E1") throws -> SQLiteStore {
        let store = try SQLiteStore.open(path: path)
        let event = try store.createEvent(StoreFixtures.event(externalId))
        _ = try store.applyPage(eventId: event.id, attendees: (0..<attendees).map { StoreFixtures.person($0) },
                                checkpoint: nil, now: StoreFixtures.t0)
        let ids = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000)).map(\.id)
        for id in ids.prefix(10) {
            _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "op", station: "d1", at: StoreFixtures.t0)
        }
        _ = try store.checkIn(attendeeId: ids[0], action: .undo, operatorName: "op", station: "d1", at: StoreFixtures.t0)
        try store.setVIP(attendeeId: ids[5], true, operatorName: "op", at: StoreFixtures.t0)
        try store.saveMember(Member(name: "Ana", role: .admin, pinHash: "x"))
        return store
    }

    /// Every copied table's rows, in key order.
    static func rows(_ store: SQLiteStore) throws -> [String: [[SQLValue]]] {
        var result: [String: [[SQLValue]]] = [:]
        for table in CopyTable.all {
            result[table.name] = try store.copyRows(table, columns: store.copyColumns(of: table), after: nil,
                                                    limit: Int.max)
        }
        return result
    }

    @Test func aCopyStoppedBetweenBatchesResumesToAnIdenticalDatabase() throws {
        try withTemporaryDirectory { dir in
            let source = try Self.seeded(dir.path + "/a.sqlite")
            let target = try SQLiteStore.open(path: dir.path + "/b.sqlite")
            let options = DatabaseCopier.Options(batchSize: 7)
            var batches = 0
            #expect(throws: Stop.self) {
                _ = try DatabaseCopier(source: source, target: target, options: options).run { progress in
                    if case .batch = progress { batches += 1; if batches == 4 { throw Stop() } }
                }
            }
            source.endCopySnapshot()
            let held = try target.copyRowCount(CopyTable("attendees"))
            #expect(held == 21, "three batches of attendees were committed before the stop")

            var resumedAt: Int?
            let report = try DatabaseCopier(source: source, target: target, options: options).run { progress in
                if case .table("attendees", _, let present) = progress { resumedAt = present }
            }
            #expect(resumedAt == 21)
            #expect(report.resumed)
            #expect(report.tables.first { $0.name == "attendees" }?.copied == 39)
            #expect(try Self.rows(target) == Self.rows(source))
            // Run again: nothing to copy, nothing duplicated.
            let again = try DatabaseCopier(source: source, target: target, options: options).run()
            #expect(again.totalCopied == 0)
            #expect(again.tables.map(\.checksum) == report.tables.map(\.checksum))
        }
    }

    @Test func aTargetWithAnotherDatabaseIsRefusedBeforeAnyWrite() throws {
        try withTemporaryDirectory { dir in
            let source = try Self.seeded(dir.path + "/a.sqlite")
            let target = try Self.seeded(dir.path + "/b.sqlite", attendees: 10, externalId: "OTHER")
            let before = try Self.rows(target)
            do {
                _ = try DatabaseCopier(source: source, target: target).run()
                Issue.record("the copy went ahead")
            } catch let error as DatabaseCopyError {
                #expect(error.description.contains("already holds a different badge database"))
                #expect(error.description.contains("eventbrite:OTHER"))
            }
            source.endCopySnapshot()
            #expect(try Self.rows(target) == before)
        }
    }

    @Test func theChecksumSeesTypesNullsAndOrder() {
        func sum(_ rows: [[SQLValue]]) -> String {
            var c = RowChecksum()
            rows.forEach { c.add($0) }
            return c.hex
        }
        let base = sum([[.integer(1), .text("a")], [.integer(2), .null]])
        #expect(sum([[.integer(1), .text("a")], [.integer(2), .text("")]]) != base)
        #expect(sum([[.integer(1), .text("1")], [.integer(2), .null]]) != sum([[.integer(1), .integer(1)], [.integer(2), .null]]))
        #expect(sum([[.integer(2), .null], [.integer(1), .text("a")]]) != base)
        #expect(sum([[.text("ab"), .text("c")]]) != sum([[.text("a"), .text("bc")]]))
        #expect(sum([[.integer(1), .text("a")], [.integer(2), .null]]) == base)
    }
}
