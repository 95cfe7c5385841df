/// The ONE sanitiser for untrusted provider text (SPEC §8, ARCHITECTURE §3). Every attendee
/// field, event name, ticket name, log line and CSV cell passes through it before it reaches a
/// terminal cell, a log file or an export, so nothing a provider sends can move the cursor, clear
/// the screen, set the window title, reorder text or inject a spreadsheet formula.
///
/// What it does, scalar by scalar:
/// - **C0 controls** (U+0000–U+001F) become their visible Control Pictures glyph (U+2400–U+241F):
///   NUL → `␀`, BEL → `␇`, ESC → `␛`. Exceptions, because they are whitespace a person meant:
///   TAB → one space; LF, CR, CRLF, U+2028 and U+2029 → one space in `.singleLine` mode (the
///   default — cells, table rows, log lines) or `\n` in `.multiline` mode.
/// - **DEL** (U+007F) → `␡`. **C1 controls** (U+0080–U+009F, incl. the 8-bit CSI U+009B and NEL)
///   → `�` (U+FFFD).
/// - **Escape sequences** — CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS `ESC P … ST`, and any
///   other `ESC x` — are shown whole as visible text: the ESC becomes `␛`, the BEL/ESC of a
///   terminator become `␇`/`␛`, and the printable body stays, so `ESC[2J` shows as `␛[2J`. With
///   its introducer gone no terminal can execute the rest, and an operator can see what was sent.
/// - **Bidi controls** (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) are removed, so a
///   name cannot render in a different order than it is stored and matched.
/// - More than 16 combining marks in a row (a "zalgo" stack) are dropped after the 16th.
/// - Invalid UTF-8 / lone UTF-16 surrogates → `�` (the byte and code-unit entry points).
/// - The result is at most `maxWidth` display columns; longer text is cut at a grapheme boundary
///   with `…`.
///
/// Speed: printable ASCII no longer than `maxWidth` (and any text needing no change) is returned
/// as is, without allocating — it runs on every visible cell every frame.
public enum Sanitizer {
    /// How line breaks are treated.
    public enum Mode: Sendable, Hashable {
        /// Line breaks become spaces (cells, table rows, single log lines, CSV fields).
        case singleLine
        /// Line breaks are kept as `\n` (multi-line detail text).
        case multiline
    }

    /// Default cap on the display width of a sanitised string.
    public static let defaultMaxWidth = 1024
    /// Consecutive combining marks kept on one base character.
    public static let maxCombiningRun = 16

    /// Sanitises `s` (see the type documentation).
    public static func sanitize(_ s: String, maxWidth: Int = defaultMaxWidth, mode: Mode = .singleLine) -> String {
        let limit = max(0, maxWidth)
        // Fast path: printable ASCII that fits.
        var plainASCII = true
        for b in s.utf8 where b < 0x20 || b >= 0x7F {
            plainASCII = false
            break
        }
        if plainASCII {
            if s.utf8.count <= limit { return s }
            return Text.truncate(s, width: limit)
        }
        // Second fast path: nothing to replace, and short enough that width <= byte count fits.
        if s.utf8.count <= limit && !needsChange(s, mode: mode) { return s }
        return rebuild(s, maxWidth: limit, mode: mode)
    }

    /// Decodes UTF-8 bytes (invalid sequences → `�`) and sanitises them.
    public static func sanitize<Bytes: Collection>(utf8 bytes: Bytes, maxWidth: Int = defaultMaxWidth,
                                                   mode: Mode = .singleLine) -> String where Bytes.Element == UInt8 {
        sanitize(String(decoding: bytes, as: UTF8.self), maxWidth: maxWidth, mode: mode)
    }

    /// Decodes UTF-16 code units (lone surrogates → `�`) and sanitises them.
    public static func sanitize<Units: Collection>(utf16 units: Units, maxWidth: Int = defaultMaxWidth,
                                                   mode: Mode = .singleLine) -> String where Units.Element == UInt16 {
        sanitize(String(decoding: units, as: UTF16.self), maxWidth: maxWidth, mode: mode)
    }

    /// True if `s` contains nothing the sanitiser would change apart from its length: no C0/C1
    /// control (line breaks allowed only in `.multiline`), no DEL, no bidi control.
    public static func isSafe(_ s: String, mode: Mode = .singleLine) -> Bool {
        !needsChange(s, mode: mode)
    }

    // MARK: - Implementation

    static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x200E || v == 0x200F || v == 0x061C || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0x300 else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func needsChange(_ s: String, mode: Mode) -> Bool {
        var run = 0
        for sc in s.unicodeScalars {
            let v = sc.value
            if v < 0x20 {
                if v == 0x0A && mode == .multiline { run = 0; continue }
                return true
            }
            if v < 0x7F { run = 0; continue }
            if v < 0xA0 || isBidiControl(v) || v == 0x2028 || v == 0x2029 { return true }
            if isCombining(sc) {
                run += 1
                if run > maxCombiningRun { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    private static func rebuild(_ s: String, maxWidth: Int, mode: Mode) -> String {
        var out = String.UnicodeScalarView()
        let lineBreak: Unicode.Scalar = mode == .multiline ? "\n" : " "
        // Bound the work on absurd input: a cell can never need more scalars than this.
        let scaled = maxWidth.multipliedReportingOverflow(by: 8)
        let scalarBudget = scaled.overflow ? Int.max : max(64, scaled.partialValue)
        var seen = 0
        var cutShort = false
        var run = 0
        var previousWasCR = false
        for sc in s.unicodeScalars {
            seen += 1
            if seen > scalarBudget { cutShort = true; break }
            let v = sc.value
            let wasCR = previousWasCR
            previousWasCR = false
            if v < 0x20 {
                run = 0
                switch v {
                case 0x09: out.append(" ")
                case 0x0A: if !wasCR { out.append(lineBreak) }
                case 0x0D: out.append(lineBreak); previousWasCR = true
                default: out.append(Unicode.Scalar(0x2400 + v)!)
                }
                continue
            }
            if v < 0x7F { run = 0; out.append(sc); continue }
            if v == 0x7F { run = 0; out.append("\u{2421}"); continue }
            if v < 0xA0 { run = 0; out.append("\u{FFFD}"); continue }
            if isBidiControl(v) { continue }
            if v == 0x2028 || v == 0x2029 { run = 0; out.append(lineBreak); continue }
            if isCombining(sc) {
                run += 1
                if run > maxCombiningRun { continue }
            } else {
                run = 0
            }
            out.append(sc)
        }
        let result = String(out)
        if cutShort {
            if DisplayWidth.of(result) + 1 <= maxWidth { return result + String(Text.ellipsis) }
            // Two ellipses force a cut, which then ends in exactly one.
            return Text.truncate(result + "……", width: maxWidth)
        }
        return Text.truncate(result, width: maxWidth)
    }
}
