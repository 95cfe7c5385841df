/// A database `badge db copy` writes rows into; it reads back what it holds (resume, verify).
package protocol RowCopyTarget: RowCopySource {
    /// Inserts `rows` (ids as given) in one committed transaction.
    func insertCopiedRows(_ table: CopyTable, columns: [String], rows: [[SQLValue]]) throws
    /// After the last row: whatever the engine needs so new rows do not collide with copied ids.
    func finishCopy() throws
    /// The value as this engine stores it. PostgreSQL text cannot hold U+0000: it stores U+FFFD
    /// there (as every write of `PostgresStore` does); SQLite stores every value as given.
    func storedForm(_ value: SQLValue) -> SQLValue
}

extension RowCopyTarget {
    package func storedForm(_ value: SQLValue) -> SQLValue { value }
}
