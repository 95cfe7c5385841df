import CLibpq
import Foundation
import Storage

/// The rows of one statement, read in text format (libpq's default), freed in `deinit`.
///
/// Columns are 0-based like SQLite's. Integers, booleans stored as 0/1 and dates stored as epoch
/// milliseconds (`DateCoding`) are parsed from their text; a NULL reads as nil / 0 / "".
final class PGResult {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    var count: Int { Int(PQntuples(handle)) }

    /// Rows the statement changed (INSERT/UPDATE/DELETE), 0 when it reports none.
    var changes: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) == 1 }

    func text(_ row: Int, _ column: Int) -> String {
        guard let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return "" }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func optionalText(_ row: Int, _ column: Int) -> String? { isNull(row, column) ? nil : text(row, column) }

    func int64(_ row: Int, _ column: Int) -> Int64 { optionalInt64(row, column) ?? 0 }

    func optionalInt64(_ row: Int, _ column: Int) -> Int64? {
        guard !isNull(row, column), let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        // Text of an integer (or of a boolean: t/f).
        switch value.pointee {
        case 0x74: return 1  // t
        case 0x66: return 0  // f
        default: return strtoll(value, nil, 10)
        }
    }

    func int(_ row: Int, _ column: Int) -> Int { Int(int64(row, column)) }

    func optionalInt(_ row: Int, _ column: Int) -> Int? { optionalInt64(row, column).map { Int($0) } }

    func bool(_ row: Int, _ column: Int) -> Bool { int64(row, column) != 0 }

    func date(_ row: Int, _ column: Int) -> Date? { optionalInt64(row, column).map(DateCoding.date) }

    /// The column as the `SQLValue` it holds (integers where the server's type is an integer).
    func value(_ row: Int, _ column: Int) -> SQLValue {
        if isNull(row, column) { return .null }
        switch PQftype(handle, Int32(column)) {
        case 20, 21, 23: return .integer(int64(row, column))  // int8, int2, int4
        case 16: return .integer(text(row, column) == "t" ? 1 : 0)
        default: return .text(text(row, column))
        }
    }
}
