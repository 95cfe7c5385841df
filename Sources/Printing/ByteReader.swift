/// Big-endian reads from a byte array (TrueType tables are big-endian). Out-of-range reads return
/// 0 instead of trapping, so a truncated or hostile font degrades to missing glyphs, not a crash.
extension Array where Element == UInt8 {
    func u8(_ at: Int) -> Int { at >= 0 && at < count ? Int(self[at]) : 0 }
    func u16(_ at: Int) -> Int { u8(at) << 8 | u8(at + 1) }
    func i16(_ at: Int) -> Int { Int(Int16(truncatingIfNeeded: u16(at))) }
    func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
    func tag(_ at: Int) -> String { String(decoding: [UInt8(u8(at)), UInt8(u8(at + 1)), UInt8(u8(at + 2)), UInt8(u8(at + 3))], as: UTF8.self) }

    mutating func putU16(_ value: Int) { append(UInt8((value >> 8) & 0xFF)); append(UInt8(value & 0xFF)) }
    mutating func putU32(_ value: Int) { putU16((value >> 16) & 0xFFFF); putU16(value & 0xFFFF) }
    mutating func setU16(_ value: Int, at: Int) { self[at] = UInt8((value >> 8) & 0xFF); self[at + 1] = UInt8(value & 0xFF) }
    mutating func setU32(_ value: Int, at: Int) { setU16((value >> 16) & 0xFFFF, at: at); setU16(value & 0xFFFF, at: at + 2) }
}
