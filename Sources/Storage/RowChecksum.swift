import Foundation

/// A checksum of a table's rows in key order (`badge db copy` verification): 64-bit FNV-1a over
/// an unambiguous encoding of every value (a type tag, the length, the bytes), so a moved value,
/// a NULL turned into "" or a changed type changes the sum. It detects copying mistakes; it is
/// not a defence against someone forging rows.
package struct RowChecksum: Sendable, Equatable {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325
    package private(set) var rows = 0

    package init() {}

    package mutating func add(_ row: [SQLValue]) {
        rows += 1
        mix(UInt8(0x1e))
        for value in row {
            switch value {
            case .null:
                mix(0)
            case .integer(let v):
                mix(1)
                mix(String(v).utf8)
            case .real(let v):
                mix(2)
                mix(String(v).utf8)
            case .text(let v):
                mix(3)
                mix(String(v.utf8.count).utf8)
                mix(0x3a)
                mix(v.utf8)
            case .blob(let d):
                mix(4)
                mix(String(d.count).utf8)
                mix(0x3a)
                mix(d)
            }
            mix(0x1f)
        }
    }

    /// 16 hexadecimal digits.
    package var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private mutating func mix(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }

    private mutating func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { mix(byte) }
    }
}
