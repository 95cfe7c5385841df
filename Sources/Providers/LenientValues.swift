import Foundation

/// A scalar that may arrive as a string, a number or a boolean (ids and text fields). Decoding
/// never fails: an unexpected object or array becomes nil, so one odd field never fails a page.
struct FlexString: Decodable, Sendable {
    let value: String?

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
