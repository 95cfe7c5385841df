import Foundation

/// A scalar that may arrive as a string, a number or a boolean (ids and text fields). Decoding
/// never fails: an unexpected object or array becomes nil, so one odd field never fails a page.
struct FlexString: Decodable, Sendable {
    let value: String?

    init(value: String?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = flag ? "true" : "false"
        } else {
            value = nil
        }
    }
}

/// A boolean that may arrive as `true`/`false`, `0`/`1` or `"true"`/`"false"`; never fails.
struct FlexBool: Decodable, Sendable {
    let value: Bool?

    init(value: Bool?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else if let number = try? container.decode(Int.self) {
            value = number != 0
        } else if let text = try? container.decode(String.self) {
            switch text.lowercased() {
            case "true", "1", "yes": value = true
            case "false", "0", "no": value = false
            default: value = nil
            }
        } else {
            value = nil
        }
    }
}

/// An integer that may arrive as a number or a numeric string; never fails.
struct FlexInt: Decodable, Sendable {
    let value: Int?

    init(value: Int?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let number = try? container.decode(Double.self), number.isFinite,
                  abs(number) < 9e15 {
            value = Int(number)
        } else if let text = try? container.decode(String.self) {
            value = Int(text)
        } else {
            value = nil
        }
    }
}

/// An optional sub-object whose shape varies (Luma's `value` of a registration answer): a
/// shape that does not fit becomes nil instead of failing the page.
struct Lenient<T: Decodable & Sendable>: Decodable, Sendable {
    let value: T?

    init(value: T?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)
    }
}

extension Optional where Wrapped == FlexString {
    /// The text, nil when absent or blank.
    var text: String? {
        guard let value = self?.value else { return nil }
        return value.isEmpty ? nil : value
    }
}

/// Provider text fields: trimmed, and nil when blank.
enum ProviderText {
    /// Cheap in the common case (no surrounding whitespace): `trimmingCharacters` is costly at
    /// 100 000 attendees × several fields.
    static func trimmed(_ text: String?) -> String? {
        guard let text, let head = text.utf8.first, let tail = text.utf8.last else { return nil }
        // Printable ASCII at both ends (nearly every name and email): nothing to trim.
        if head > 0x20 && head < 0x7F && tail > 0x20 && tail < 0x7F { return text }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return nil }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
