import CSQLite
import Foundation

/// A prepared SQLite statement: bind, step, read columns, reset and reuse; finalised in `deinit`.
///
/// Parameter and column indexes follow SQLite: parameters start at 1, columns at 0. Integers are
/// read as 64-bit, text and blobs with their byte length (embedded NULs survive), dates as UTC
/// epoch milliseconds (`DateCoding`). Not thread-safe: the owner serialises access.
package final class Statement {
    let handle: OpaquePointer
    /// The connection handle, for error messages. `sqlite3_close_v2` keeps it valid while any
    /// statement is alive, so a statement outliving its `Database` stays safe.
    private let db: OpaquePointer
    package let sql: String

    init(db: OpaquePointer, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            sqlite3_finalize(stmt)
            throw Database.error(db: db, code: rc, sql: sql)
        }
        self.handle = stmt
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding (1-based)

    package func bindNull(_ index: Int32) throws { try check(sqlite3_bind_null(handle, index)) }

    package func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else { return try bindNull(index) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    package func bind(_ index: Int32, _ value: Int?) throws { try bind(index, value.map { Int64($0) }) }

    package func bind(_ index: Int32, _ value: Bool) throws { try bind(index, Int64(value ? 1 : 0)) }

    package func bind(_ index: Int32, _ value: Double?) throws {
        guard let value else { return try bindNull(index) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    package func bind(_ index: Int32, _ value: String?) throws {
        guard var value else { return try bindNull(index) }
        try value.withUTF8 { try bindText(index, $0) }
    }

    /// Binds UTF-8 text given as bytes (no String in between).
    package func bindText(_ index: Int32, utf8 bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try bindText(index, $0) }
    }

    /// Binds UTF-8 bytes as text (SQLite copies them).
    private func bindText(_ index: Int32, _ buf: UnsafeBufferPointer<UInt8>) throws {
        // An empty buffer may have no base address; a NULL pointer would bind SQL NULL.
        guard let base = buf.baseAddress, buf.count > 0 else {
            return try check(sqlite3_bind_text(handle, index, "", 0, csqlite_transient()))
        }
        try check(base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
            sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(buf.count), csqlite_transient(), UInt8(SQLITE_UTF8))
        })
    }

    package func bind(_ index: Int32, _ value: Data?) throws {
        guard let value else { return try bindNull(index) }
        if value.isEmpty { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
        let rc = value.withUnsafeBytes { raw in
            sqlite3_bind_blob64(handle, index, raw.baseAddress, sqlite3_uint64(raw.count), csqlite_transient())
        }
        try check(rc)
    }

    package func bind(_ index: Int32, _ value: Date?) throws { try bind(index, value.map(DateCoding.milliseconds)) }

    /// Binds every value in order from parameter 1.
    package func bindAll(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: try bindNull(index)
            case .integer(let v): try bind(index, v)
            case .real(let v): try bind(index, v)
            case .text(let v): try bind(index, v)
            case .blob(let v): try bind(index, v)
            }
        }
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when done.
    @discardableResult
    package func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = Database.error(db: db, code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets so the statement can run again; bindings are kept.
    package func reset() { sqlite3_reset(handle) }

    /// Resets and clears every binding to NULL.
    package func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs a statement that returns no rows (or ignores them) and resets it.
    package func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Steps through every row, calling `body` per row, then resets.
    package func forEachRow(_ body: (Statement) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while try step() { try body(self) }
    }

    /// The first row mapped by `body` (nil when there is none), then resets.
    package func firstRow<T>(_ body: (Statement) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        return try step() ? body(self) : nil
    }

    // MARK: Reading (0-based)

    package var columnCount: Int32 { sqlite3_column_count(handle) }

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    package func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    package func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    package func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    package func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    package func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    package func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    package func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    package func optionalText(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func blob(_ column: Int32) -> Data? {
        if isNull(column) { return nil }
        guard let pointer = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    package func date(_ column: Int32) -> Date? { optionalInt64(column).map(DateCoding.date) }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw Database.error(db: db, code: rc, sql: sql) }
    }
}

/// A value to bind when the parameter list is built dynamically.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}
