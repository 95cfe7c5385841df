/// A database `badge db copy` reads rows from, table by table in key order (SPEC §11).
///
/// Implemented by both stores (`SQLiteStore` here, `PostgresStore` in its module), so the copy
/// itself (`DatabaseCopier`) is one piece of logic whatever the engines. Values come back as the
/// engine stores them: integers as `.integer`, text as `.text`, NULL as `.null`.
package protocol RowCopySource: AnyObject {
    /// What to call this database in messages (a URL with its password redacted).
    var copyName: String { get }
    /// The table's columns in schema order.
    func copyColumns(of table: CopyTable) throws -> [String]
    /// Up to `limit` rows with a key greater than `after` (from the first row when nil), in key
    /// order, with `columns` in that order.
    func copyRows(_ table: CopyTable, columns: [String], after: SQLValue?, limit: Int) throws -> [[SQLValue]]
    /// Rows in the table.
    func copyRowCount(_ table: CopyTable) throws -> Int
    /// Starts a consistent snapshot: every read until `endCopySnapshot` sees the database as it
    /// was at the first one (a read transaction; REPEATABLE READ on PostgreSQL).
    func beginCopySnapshot() throws
    func endCopySnapshot()
}
