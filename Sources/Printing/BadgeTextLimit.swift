/// Bounds provider text before it is laid out, so a hostile or broken value (a 100 000-character
/// name, a company of three million combining marks) costs no more than a badge can show.
///
/// Cheap and linear: only the first `maxScalars` scalars are ever looked at, and a base character
/// keeps at most `maxMarksPerCharacter` combining marks (no script needs more; "Zalgo" text piles
/// hundreds onto one letter and no font draws them legibly).
enum BadgeTextLimit {
    /// Scalars kept from one value; more than any badge line can show at the smallest size.
    static let maxScalars = 20_000
    static let maxMarksPerCharacter = 8

    /// `text` cut to the limits; "…" marks that something was dropped at the end.
    static func limited(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var marks = 0
        var taken = 0
        var cut = false
        for scalar in text.unicodeScalars {
            if taken == maxScalars { cut = true; break }
            taken += 1
            if isMark(scalar) {
                marks += 1
                if marks > maxMarksPerCharacter { continue }
            } else {
                marks = 0
            }
            out.append(scalar)
        }
        if cut { out.append("…") }
        return String(out)
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
