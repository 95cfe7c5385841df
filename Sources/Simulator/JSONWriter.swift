/// Hand-written JSON building: appends to one `String`, escaping per RFC 8259 (control characters
/// such as ESC become `\u001b`, exactly as real APIs send hostile names). Cheap enough to encode a
/// 50-item page per request.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = [false]

    init(capacity: Int = 4096) { text.reserveCapacity(capacity) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ name: String) {
        separate()
        text += "\""
        text += name
        text += "\":"
    }

    mutating func beginObject(_ name: String? = nil) {
        if let name { key(name) } else { separate() }
        text += "{"
        needsComma.append(false)
    }

    mutating func endObject() {
        needsComma.removeLast()
        text += "}"
    }

    mutating func beginArray(_ name: String? = nil) {
        if let name { key(name) } else { separate() }
        text += "["
        needsComma.append(false)
    }

    mutating func endArray() {
        needsComma.removeLast()
        text += "]"
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        appendValue(value)
    }

    /// An array element string.
    mutating func element(_ value: String) {
        separate()
        appendValue(value)
    }

    mutating func int(_ name: String, _ value: Int?) {
        key(name)
        if let value { text += String(value) } else { text += "null" }
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    mutating func null(_ name: String) {
        key(name)
        text += "null"
    }

    /// An already-encoded JSON value as the next array element.
    mutating func rawElement(_ json: String) {
        separate()
        text += json
    }

    /// Already-encoded JSON (e.g. `{}`) under `name`.
    mutating func raw(_ name: String, _ json: String) {
        key(name)
        text += json
    }

    private mutating func appendValue(_ value: String?) {
        guard let value else { text += "null"; return }
        text += "\""
        var plain = true
        for unit in value.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C {
            plain = false
            break
        }
        if plain {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        text.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        text += "\""
    }
}
