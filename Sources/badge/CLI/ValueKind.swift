/// What kind of value an option or argument takes; the parser validates it so a bad value is a
/// usage error (exit 2) before any command body runs.
enum ValueKind: Sendable, Equatable {
    /// Any text.
    case text
    /// A whole number within the range.
    case integer(ClosedRange<Int>)
    /// A non-negative decimal number.
    case number
    /// One of the listed words (matched case-insensitively, stored as listed).
    case choice([String])

    /// Checks `raw`; returns the stored form, or nil with `expected` describing what is allowed.
    func validate(_ raw: String) -> String? {
        switch self {
        case .text:
            return raw
        case .integer(let range):
            guard let n = Int(raw), range.contains(n) else { return nil }
            return String(n)
        case .number:
            guard let d = Double(raw), d.isFinite, d >= 0 else { return nil }
            return raw
        case .choice(let words):
            return words.first { $0.lowercased() == raw.lowercased() }
        }
    }

    var expected: String {
        switch self {
        case .text: return "text"
        case .integer(let range):
            if range.upperBound == Int.max { return "a whole number ≥ \(range.lowerBound)" }
            return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number: return "a number ≥ 0"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        }
    }
}
