import Foundation

/// Finds where a JSON document stops being valid, for error messages only ("malformed response
/// from … at byte N"). Foundation's decoders do not report an offset on Linux; this scanner runs
/// only after a decode failed, so it favours simplicity over speed.
enum JSONSyntaxCheck {
    /// The byte offset of the first syntax error, `data.count` when the document is truncated,
    /// or nil when the bytes are syntactically valid JSON (the failure was one of shape).
    static func firstErrorOffset(in data: Data) -> Int? {
        let bytes = [UInt8](data)
        var i = 0
        let n = bytes.count
        func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            }
        }
        // Returns false on error, leaving `i` at the offending byte.
        func value(depth: Int) -> Bool {
            guard depth < 512 else { return false }
            skipSpace()
            guard i < n else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if i < n, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                while true {
                    skipSpace()
                    guard i < n, bytes[i] == UInt8(ascii: "\""), string() else { return false }
                    skipSpace()
                    guard i < n, bytes[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    guard value(depth: depth + 1) else { return false }
                    skipSpace()
                    guard i < n else { return false }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                    return false
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if i < n, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                while true {
                    guard value(depth: depth + 1) else { return false }
                    skipSpace()
                    guard i < n else { return false }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                    return false
                }
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return number()
            }
        }
        func string() -> Bool {
            i += 1  // opening quote
            while i < n {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; return true }
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c < 0x20 { return false }
                i += 1
            }
            i = min(i, n)
            return false
        }
        func literal(_ word: String) -> Bool {
            for expected in word.utf8 {
                guard i < n, bytes[i] == expected else { return false }
                i += 1
            }
            return true
        }
        func number() -> Bool {
            let start = i
            while i < n, let c = Optional(bytes[i]),
                  (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                i += 1
            }
            return i > start
        }
        guard value(depth: 0) else { return min(i, n) }
        skipSpace()
        return i == n ? nil : i
    }
}
