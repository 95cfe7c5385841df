extension Sanitizer {
    /// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
    static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Separators a spreadsheet may split a line at: `,` (RFC 4180) and `;` (Excel and
    /// LibreOffice in locales whose decimal mark is a comma).
    static let csvSeparators: Set<Character> = [",", ";"]

    /// One CSV field (RFC 4180): the text is sanitised (single line, no width cap worth
    /// mentioning), and the field is quoted (inner `"` doubled) when it contains `,`, `;`, `"`,
    /// CR, LF or leading/trailing spaces.
    ///
    /// Formula guard: a `'` is put before every piece of the text a spreadsheet could read as a
    /// cell — the start of the field and the text after each `,` or `;` inside it — when that
    /// piece starts, possibly after spaces and quotes, with `=`, `+`, `-`, `@`, TAB or CR. So
    /// `Jane;=1+1;@SUM(1)` is written `"Jane;'=1+1;'@SUM(1)"`: opened with either separator, and
    /// even by a reader that ignores quotes, no cell starts a formula.
    public static func csvField(_ s: String) -> String {
        let clean = sanitize(s, maxWidth: Int.max / 4, mode: .singleLine)
        var field = guardFormulas(clean)
        let needsQuotes = field.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var quoted = "\""
        for c in field {
            if c == "\"" { quoted.append("\"\"") } else { quoted.append(c) }
        }
        quoted.append("\"")
        field = quoted
        return field
    }

    /// `text` with `'` at the start of every formula-like piece (see `csvField`).
    static func guardFormulas(_ text: String) -> String {
        let hasInnerPieces = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") }
        guard hasInnerPieces else {
            if let first = text.first(where: { $0 != " " }), formulaStarters.contains(first) { return "'" + text }
            return text
        }
        var out = ""
        var atPieceStart = true
        var pending = ""  // spaces and quotes since the piece started
        for c in text {
            if atPieceStart {
                if c == " " || c == "\"" { pending.append(c); continue }
                if formulaStarters.contains(c) { out.append("'") }
                out += pending
                pending = ""
                atPieceStart = false
            }
            out.append(c)
            if csvSeparators.contains(c) { atPieceStart = true }
        }
        return out + pending
    }

    /// One CSV record: each field through `csvField`, joined with commas, no line terminator
    /// (RFC 4180 uses CRLF between records; the writer adds it).
    public static func csvRecord(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",")
    }
}
