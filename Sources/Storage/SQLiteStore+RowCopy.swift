import CSQLite
import Foundation

/// The SQLite side of `badge db copy` (`RowCopySource`, `RowCopyTarget`): rows in key order with
/// their values as stored, batches inserted in one durable transaction each.
extension SQLiteStore: RowCopyTarget {
    package var copyName: String { path }

    package func copyColumns(of table: CopyTable) throws -> [String] {
        try locked { db in
            var names: [String] = []
            try db.prepare("PRAGMA table_info(\(CopyTable.quoted(table.name)))").forEachRow { names.append($0.text(1)) }
            return names
        }
    }

    package func copyRows(_ table: CopyTable, columns: [String], after: SQLValue?, limit: Int) throws -> [[SQLValue]] {
        let list = columns.map(CopyTable.quoted).joined(separator: ", ")
        let key = CopyTable.quoted(table.key)
        let filter = after == nil ? "" : "WHERE \(key) > ?2"
        let sql = "SELECT \(list) FROM \(CopyTable.quoted(table.name)) \(filter) ORDER BY \(key) LIMIT ?1"
        return try locked { db in
            let s = try db.cached(sql)
            try s.bindAll(after.map { [.integer(Int64(limit)), $0] } ?? [.integer(Int64(limit))])
            var rows: [[SQLValue]] = []
            try s.forEachRow { row in rows.append((0..<Int32(columns.count)).map { Self.copyValue(row, $0) }) }
            return rows
        }
    }

    package func copyRowCount(_ table: CopyTable) throws -> Int {
        try locked { db in
            try db.prepare("SELECT count(*) FROM \(CopyTable.quoted(table.name))").firstRow { $0.int(0) } ?? 0
        }
    }

    /// A read transaction: with WAL, every read in it sees the database as of its first read,
    /// whatever other processes commit meanwhile.
    package func beginCopySnapshot() throws {
        try locked { db in if !db.isInTransaction { try db.execute("BEGIN DEFERRED") } }
    }

    package func endCopySnapshot() {
        _ = try? locked { db in if db.isInTransaction { try db.execute("COMMIT") } }
    }

    package func insertCopiedRows(_ table: CopyTable, columns: [String], rows: [[SQLValue]]) throws {
        let list = columns.map(CopyTable.quoted).joined(separator: ", ")
        let marks = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(CopyTable.quoted(table.name)) (\(list)) VALUES (\(marks))"
        try write { db in
            let s = try db.cached(sql)
            for row in rows {
                s.clear()
                try s.bindAll(row)
                try s.run()
            }
            searchCache = nil
        }
    }

    /// SQLite hands out `max(id) + 1` by itself: nothing to move.
    package func finishCopy() throws {}

    /// Folds the write-ahead log into the file and leaves WAL mode, so the file is complete on
    /// its own (a backup someone copies elsewhere). The next open turns WAL on again.
    package func makeSelfContained() throws {
        try locked { db in
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _ = try db.scalarText("PRAGMA journal_mode=DELETE")
        }
    }

    static func copyValue(_ s: Statement, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(s.handle, column) {
        case SQLITE_INTEGER: return .integer(s.int64(column))
        case SQLITE_FLOAT: return .real(s.double(column))
        case SQLITE_TEXT: return .text(s.text(column))
        case SQLITE_BLOB: return .blob(s.blob(column) ?? Data())
        default: return .null
        }
    }
}
