import Foundation
import Storage

/// The PostgreSQL side of `badge db copy` (`RowCopySource`, `RowCopyTarget`): the same tables and
/// value conventions as SQLite, so rows move unchanged. As a source it reads one REPEATABLE READ
/// snapshot (a consistent copy while desks keep working); as a target it inserts each batch with
/// its ids in one transaction and finally moves every identity sequence past the largest id.
extension PostgresStore: RowCopyTarget {
    package var copyName: String { target }

    package func copyColumns(of table: CopyTable) throws -> [String] {
        try read { c in
            let r = try c.query("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
                """, [.text(table.name)])
            return (0..<r.count).map { r.text($0, 0) }
        }
    }

    package func copyRows(_ table: CopyTable, columns: [String], after: SQLValue?, limit: Int) throws -> [[SQLValue]] {
        let list = columns.map(CopyTable.quoted).joined(separator: ", ")
        let key = CopyTable.quoted(table.key)
        let filter = after == nil ? "" : "WHERE \(key) > $2"
        let sql = "SELECT \(list) FROM \(CopyTable.quoted(table.name)) \(filter) ORDER BY \(key) LIMIT $1"
        return try snapshotRead { c in
            let r = try c.query(sql, after.map { [.integer(Int64(limit)), $0] } ?? [.integer(Int64(limit))])
            return (0..<r.count).map { row in (0..<columns.count).map { r.value(row, $0) } }
        }
    }

    package func copyRowCount(_ table: CopyTable) throws -> Int {
        try snapshotRead { c in try c.query("SELECT count(*) FROM \(CopyTable.quoted(table.name))").int(0, 0) }
    }

    /// REPEATABLE READ, read only: every later read sees the database as of the first one, while
    /// desks go on writing (`badge backup` of a live event is one consistent moment).
    package func beginCopySnapshot() throws {
        try read { c in
            try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            copySnapshotBackend = c.backendPID
        }
    }

    package func endCopySnapshot() {
        _ = try? read { c in
            if copySnapshotBackend != nil, c.isHealthy { try c.execute("COMMIT") }
            copySnapshotBackend = nil
        }
    }

    /// A read inside the snapshot: a reconnect in between would silently read a newer database,
    /// so a changed backend ends the copy (a rerun resumes it).
    private func snapshotRead<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try read { c in
            if let backend = copySnapshotBackend, backend != c.backendPID {
                throw DatabaseCopyError.snapshotLost(source: target)
            }
            return try body(c)
        }
    }

    package func insertCopiedRows(_ table: CopyTable, columns: [String], rows: [[SQLValue]]) throws {
        let list = columns.map(CopyTable.quoted).joined(separator: ", ")
        // A statement takes at most 65 535 parameters.
        let perStatement = max(1, 65_535 / columns.count)
        try write { c in
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + perStatement)]
                var values: [String] = []
                var params: [SQLValue] = []
                params.reserveCapacity(chunk.count * columns.count)
                for row in chunk {
                    let base = params.count
                    values.append("(" + (1...columns.count).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                    params.append(contentsOf: row)
                }
                try c.queryOnce("INSERT INTO \(CopyTable.quoted(table.name)) (\(list)) VALUES "
                                + values.joined(separator: ", "), params)
                start += chunk.count
            }
            searchCache = nil
        }
    }

    package func storedForm(_ value: SQLValue) -> SQLValue {
        if case .text(let text) = value, text.utf8.contains(0) { return .text(PGConnection.withoutNUL(text)) }
        return value
    }

    /// Identity columns do not notice explicit ids: each sequence restarts after the largest copied
    /// id, so the next check-in, print or event gets a new one.
    package func finishCopy() throws {
        try write { c in
            for table in CopyTable.all where table.hasIdentity {
                let name = CopyTable.quoted(table.name)
                let key = CopyTable.quoted(table.key)
                try c.execute("""
                    SELECT setval(pg_get_serial_sequence('\(name)', '\(table.key)'), COALESCE(max(\(key)), 0) + 1, false)
                    FROM \(name)
                    """)
            }
            searchCache = nil
        }
    }
}
