/// Why `badge db copy` stopped (one line each; names are already redacted).
package enum DatabaseCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target holds rows that are not the source's: another badge database, or a source that
    /// changed after an interrupted copy began. Nothing was written.
    case differentTarget(target: String, source: String, table: String, row: String)
    /// A table lacks the column its rows are ordered by (not a badge schema).
    case missingKey(table: String, column: String, database: String)
    /// After the copy, a table's rows on the target do not add up to the source's.
    case verificationFailed(table: String, sourceRows: Int, targetRows: Int)
    /// The source's connection broke during a copy that reads one snapshot.
    case snapshotLost(source: String)

    package var description: String {
        switch self {
        case .differentTarget(let target, let source, let table, let row):
            return "\(target) already holds a different badge database (its \(table) \(row) is not the same in "
                + "\(source)); copy into a new, empty database"
        case .missingKey(let table, let column, let database):
            return "\(database) has no column \(table).\(column): not a badge schema this build can copy"
        case .verificationFailed(let table, let sourceRows, let targetRows):
            return "verification failed: table \(table) has \(sourceRows) rows in the source and \(targetRows) "
                + "in the target, or different values; run the copy again"
        case .snapshotLost(let source):
            return "lost the connection to \(source) during the copy; run the same command again to resume"
        }
    }
}
