/// `badge db copy`: moves every badge table from one store to another, exact and resumable
/// (SPEC §11), through the row-level interface both stores implement (`RowCopySource`/`Target`).
///
/// - Exact: ids and every value of the columns both schemas have are copied as they are; columns
///   only the target has get their defaults (NULL). A checksum per table, over the rows in key
///   order, is computed on both sides at the end and must match. The one value an engine cannot
///   hold (U+0000 in PostgreSQL text) is written in its stored form and counted in the report.
/// - Resumable: tables go in foreign-key order, each in key order in batches, every batch its own
///   committed transaction. A rerun first checks that what the target holds is exactly the start
///   of the source (row by row), then continues after the target's last key — so an interrupted
///   copy (even kill -9) ends identical and never duplicates a row.
/// - Safe: a target holding anything else (another badge database, or data the source no longer
///   has) is refused before anything is written to it.
package struct DatabaseCopier {
    package struct Options: Sendable {
        /// Rows per committed batch.
        package var batchSize: Int
        package var tables: [CopyTable]

        package init(batchSize: Int = 1000, tables: [CopyTable] = CopyTable.all) {
            self.batchSize = max(1, batchSize)
            self.tables = tables
        }
    }

    /// Progress, for the caller to show (and, in tests, to stop at a chosen point).
    package enum Progress: Sendable {
        /// A table starts: rows in the source, rows the target already holds.
        case table(name: String, total: Int, present: Int)
        /// A batch was committed on the target: rows of the table the target now holds.
        case batch(name: String, done: Int, total: Int)
        case verifying
    }

    package let source: any RowCopySource
    package let target: any RowCopyTarget
    package let options: Options

    package init(source: any RowCopySource, target: any RowCopyTarget, options: Options = Options()) {
        self.source = source
        self.target = target
        self.options = options
    }

    package func run(progress: (Progress) throws -> Void = { _ in }) throws -> DatabaseCopyReport {
        try source.beginCopySnapshot()
        defer { source.endCopySnapshot() }
        var plans: [(table: CopyTable, columns: [String], copy: TableCopy)] = []
        for table in options.tables {
            let columns = try commonColumns(table)
            plans.append((table, columns, try copy(table, columns: columns, progress: progress)))
        }
        // Verification reads the target only (the source's sums were taken while copying): the
        // source's snapshot ends here rather than idling through it.
        source.endCopySnapshot()
        try target.finishCopy()
        try progress(.verifying)
        var report = DatabaseCopyReport()
        for plan in plans {
            let targetSum = try checksum(of: target, plan.table, columns: plan.columns)
            let sum = plan.copy.sum
            guard targetSum == sum else {
                throw DatabaseCopyError.verificationFailed(table: plan.table.name, sourceRows: sum.rows,
                                                           targetRows: targetSum.rows)
            }
            report.tables.append(.init(name: plan.table.name, rows: sum.rows, copied: plan.copy.copied,
                                       checksum: sum.hex, columns: plan.columns.count,
                                       substituted: plan.copy.substituted))
        }
        return report
    }

    /// The source's columns the target has too, in the source's order; the key must be there.
    private func commonColumns(_ table: CopyTable) throws -> [String] {
        let from = try source.copyColumns(of: table)
        let to = Set(try target.copyColumns(of: table))
        guard from.contains(table.key) else {
            throw DatabaseCopyError.missingKey(table: table.name, column: table.key, database: source.copyName)
        }
        guard to.contains(table.key) else {
            throw DatabaseCopyError.missingKey(table: table.name, column: table.key, database: target.copyName)
        }
        return from.filter(to.contains)
    }

    /// One table's copy: the checksum of every source row in key order (in the target's stored
    /// form), rows this run inserted, values stored in another form.
    private struct TableCopy {
        var sum = RowChecksum()
        var copied = 0
        var substituted = 0
    }

    /// The source's rows as the target stores them, counting the values that change.
    private func storedForm(_ rows: [[SQLValue]], counting result: inout TableCopy) -> [[SQLValue]] {
        rows.map { row in
            row.map { value in
                let stored = target.storedForm(value)
                if stored != value { result.substituted += 1 }
                return stored
            }
        }
    }

    /// Checks the rows the target already holds, then copies the rest.
    private func copy(_ table: CopyTable, columns: [String], progress: (Progress) throws -> Void) throws
        -> TableCopy
    {
        let keyIndex = columns.firstIndex(of: table.key)!
        let limit = options.batchSize
        let total = try source.copyRowCount(table)
        var result = TableCopy()
        var after: SQLValue?

        // 1. What the target holds must be exactly the source's first rows.
        var present = 0
        while true {
            let held = try target.copyRows(table, columns: columns, after: after, limit: limit)
            if held.isEmpty { break }
            let fetched = try source.copyRows(table, columns: columns, after: after, limit: limit)
            let expected = storedForm(Array(fetched.prefix(held.count)), counting: &result)
            for (index, row) in held.enumerated() where index >= expected.count || expected[index] != row {
                throw DatabaseCopyError.differentTarget(
                    target: target.copyName, source: source.copyName, table: table.name,
                    row: Self.describe(row, columns: columns, table: table))
            }
            for row in held { result.sum.add(row) }
            present += held.count
            after = held[held.count - 1][keyIndex]
            if held.count < limit { break }
        }
        try progress(.table(name: table.name, total: max(total, present), present: present))

        // 2. The rest, batch by batch, each committed.
        while true {
            let rows = try source.copyRows(table, columns: columns, after: after, limit: limit)
            if rows.isEmpty { break }
            let stored = storedForm(rows, counting: &result)
            try target.insertCopiedRows(table, columns: columns, rows: stored)
            for row in stored { result.sum.add(row) }
            result.copied += rows.count
            after = rows[rows.count - 1][keyIndex]
            let done = present + result.copied
            try progress(.batch(name: table.name, done: done, total: max(total, done)))
            if rows.count < limit { break }
        }
        return result
    }

    private func checksum(of store: any RowCopySource, _ table: CopyTable, columns: [String]) throws -> RowChecksum {
        let keyIndex = columns.firstIndex(of: table.key)!
        var sum = RowChecksum()
        var after: SQLValue?
        while true {
            let rows = try store.copyRows(table, columns: columns, after: after, limit: options.batchSize)
            for row in rows { sum.add(row) }
            guard rows.count == options.batchSize else { break }
            after = rows[rows.count - 1][keyIndex]
        }
        return sum
    }

    /// "row 3" or, for an event, "row 3 (eventbrite:123)": enough to recognise it, no personal data.
    static func describe(_ row: [SQLValue], columns: [String], table: CopyTable) -> String {
        func value(_ column: String) -> String? {
            guard let index = columns.firstIndex(of: column) else { return nil }
            switch row[index] {
            case .integer(let v): return String(v)
            case .text(let v): return v
            default: return nil
            }
        }
        let key = value(table.key) ?? "?"
        if table.name == "events", let provider = value("provider"), let external = value("external_id") {
            return "event \(key) (\(provider):\(external))"
        }
        if table.key == "subject" { return "row" }  // a member's name may be in the key
        return "row \(table.key) \(key)"
    }
}
