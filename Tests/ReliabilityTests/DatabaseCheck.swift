import CSQLite
import Foundation

/// Read-only checks on a database file that another process may have left behind (killed): SQLite's
/// own `PRAGMA integrity_check` and raw counts the store API cannot show (duplicate keys).
enum DatabaseCheck {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The result of `PRAGMA integrity_check` ("ok" when the file is sound).
    static func integrity(_ path: String) throws -> String {
        try query(path, "PRAGMA integrity_check").joined(separator: "; ")
    }

    /// Rows of the first column of `sql`, as text.
    static func query(_ path: String, _ sql: String) throws -> [String] {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            defer { sqlite3_close(db) }
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        sqlite3_busy_timeout(db, 10_000)
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "cannot prepare \(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }
        var rows: [String] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))") }
            rows.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "NULL")
        }
        return rows
    }
}
