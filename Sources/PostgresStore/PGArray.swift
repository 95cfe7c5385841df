/// PostgreSQL array literals (`{"a","b",NULL}`), for sending a whole page of values as one
/// parameter (`unnest($1::text[], …)`): one statement writes a page, whatever its size.
enum PGArray {
    /// Every element quoted; `"` and `\` escaped; nil is NULL.
    static func literal(_ values: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(values.count * 16)
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(",") }
            guard let value else { out.append("NULL"); continue }
            out.append("\"")
            for ch in value.unicodeScalars {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.unicodeScalars.append(ch == "\u{0}" ? "\u{FFFD}" : ch)
            }
            out.append("\"")
        }
        out.append("}")
        return out
    }

    static func literal(_ values: [Int64?]) -> String {
        "{" + values.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}"
    }
}
