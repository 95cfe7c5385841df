/// What really happened to a badge: a printer queue accepted it, or only a PDF file was written.
public enum PrintOutcome: Sendable, Equatable {
    /// `lp -d QUEUE` accepted the job (CUPS prints it; we do not see the paper).
    case printed(queue: String)
    /// A PDF file was written at `path`; nothing was sent to a printer.
    case savedPDF(path: String)

    /// The print log's `output`, unchanged from before: the file path, or `printer:QUEUE`.
    public var output: String {
        switch self {
        case let .printed(queue): return "printer:\(queue)"
        case let .savedPDF(path): return path
        }
    }

    /// One line for the desk: `Printed on QUEUE` or `Saved PDF → PATH`.
    public var summary: String {
        switch self {
        case let .printed(queue): return "Printed on \(queue)"
        case let .savedPDF(path): return "Saved PDF → \(path)"
        }
    }

    /// The `outcome` value of `badge print --json`: `printed` or `saved_pdf`.
    public var kind: String {
        switch self {
        case .printed: return "printed"
        case .savedPDF: return "saved_pdf"
        }
    }

    /// Whether a printer took the job (false: only a file was written).
    public var wentToPrinter: Bool {
        if case .printed = self { return true }
        return false
    }
}

/// The result of `BadgePrinter.printBadge`: the template used, where the badge went, and the
/// characters of its text no installed font has (printed as empty boxes).
public struct BadgePrintResult: Sendable, Equatable {
    public let templateName: String
    public let outcome: PrintOutcome
    /// Each missing character once, in order of appearance, e.g. ["한", "🎉"].
    public let missingGlyphs: [String]

    public init(templateName: String, outcome: PrintOutcome, missingGlyphs: [String]) {
        self.templateName = templateName
        self.outcome = outcome
        self.missingGlyphs = missingGlyphs
    }

    /// `missing glyphs: 한 🎉` (nil when every character has a font). Invisible characters
    /// (combining marks, spaces, format characters) are written as `U+0301`.
    public var missingGlyphsNote: String? {
        missingGlyphs.isEmpty ? nil : "missing glyphs: " + missingGlyphs.map(Self.visible).joined(separator: " ")
    }

    static func visible(_ text: String) -> String {
        let invisible = text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control, .spaceSeparator,
                 .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                return true
            default:
                return false
            }
        }
        guard invisible else { return text }
        return text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
