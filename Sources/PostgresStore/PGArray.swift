/// PostgreSQL array literals (`{"a","b",NULL}`), for sending a whole page of values as one
/// parameter (`unnest($1::text[], …)`): one statement writes a page, whatever its size.
enum PGArray {
    /// Every element quoted; `"` and `\` escaped; nil is NULL; U+0000 (which PostgreSQL text
    /// cannot hold) becomes U+FFFD. Built from UTF-8 bytes: a page of 100 rows × 24 columns is
    /// built for every import page, and this runs while the store is locked.
    static func literal(_ values: [String?]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(values.count * 24)
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            guard var value else {
                bytes.append(contentsOf: [0x4E, 0x55, 0x4C, 0x4C])  // NULL
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            value.withUTF8 { utf8 in
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        bytes.append(UInt8(ascii: "\\"))
                        bytes.append(byte)
                    case 0:
                        bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                    default:
                        bytes.append(byte)
                    }
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func literal(_ values: [Int64?]) -> String {
        "{" + values.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}"
    }
}
