extension Sanitizer {
    /// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
    static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One CSV field (RFC 4180): the text is sanitised (single line, no width cap worth
    /// mentioning), a leading `'` is added when it starts — possibly after spaces — with `=`, `+`,
    /// `-`, `@`, TAB or CR so spreadsheets show it as text instead of running it, and the field is
    /// quoted (inner `"` doubled) when it contains `,`, `"`, CR, LF or leading/trailing spaces.
    public static func csvField(_ s: String) -> String {
        var field = sanitize(s, maxWidth: Int.max / 4, mode: .singleLine)
        if let first = field.first(where: { $0 != " " }), formulaStarters.contains(first) {
            field = "'" + field
        }
        let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var quoted = "\""
        for c in field {
            if c == "\"" { quoted.append("\"\"") } else { quoted.append(c) }
        }
        quoted.append("\"")
        return quoted
    }

    /// One CSV record: each field through `csvField`, joined with commas, no line terminator
    /// (RFC 4180 uses CRLF between records; the writer adds it).
    public static func csvRecord(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",")
    }
}
