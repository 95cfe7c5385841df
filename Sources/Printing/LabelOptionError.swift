import Foundation

/// A bad printer option in a printer address (`model=QL-9000`, `darkness=99`): the one line a
/// user sees, naming the key, the value and what would be accepted.
public enum LabelOptionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownKey(key: String, known: [String])
    case badValue(key: String, value: String, expected: String)
    case missing(key: String, expected: String)
    /// The badge does not fit the label (in either orientation).
    case doesNotFit(badge: String, label: String)

    public var description: String {
        switch self {
        case let .unknownKey(key, known):
            return "unknown printer option '\(Self.shown(key))' (known: \(known.joined(separator: ", ")))"
        case let .badValue(key, value, expected):
            return "printer option \(key)='\(Self.shown(value))' is not valid (expected \(expected))"
        case let .missing(key, expected):
            return "printer option \(key) is required (\(expected))"
        case let .doesNotFit(badge, label):
            return "a \(badge) badge does not fit on \(label) labels"
        }
    }

    /// Untrusted text shortened and stripped of control characters for a one-line message.
    static func shown(_ text: String) -> String {
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
                                .map(Character.init))
        return clean.count > 40 ? String(clean.prefix(39)) + "…" : clean
    }

    /// `a=1&b=2` → pairs (keys lower-cased, percent-decoding of values); `a` alone is an error.
    static func pairs(_ query: String) throws(LabelOptionError) -> [(String, String)] {
        var result: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).lowercased()
            guard parts.count == 2, !key.isEmpty else {
                throw .badValue(key: key.isEmpty ? "?" : key, value: "", expected: "key=value")
            }
            let value = String(parts[1]).removingPercentEncodingIfPossible
            result.append((key, value))
        }
        return result
    }

    static func integer(_ key: String, _ value: String, in range: ClosedRange<Int>) throws(LabelOptionError) -> Int {
        guard let n = Int(value), range.contains(n) else {
            throw .badValue(key: key, value: value, expected: "a whole number \(range.lowerBound)–\(range.upperBound)")
        }
        return n
    }
}

extension String {
    /// Percent-decoded, or unchanged when the escapes are malformed.
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
