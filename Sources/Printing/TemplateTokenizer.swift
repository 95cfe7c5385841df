/// Splits one template line into tokens: bare words, `"quoted strings"` (with `\"` and `\\`
/// escapes) and `key=value` pairs whose value may be quoted. A `#` that starts a token begins a
/// comment (so `color=#336699` is a value, not a comment).
struct TemplateToken: Equatable {
    var text: String
    var key: String?
    var quoted: Bool
}

enum TemplateTokenizer {
    static func tokens(_ line: Substring, lineNumber: Int) throws -> [TemplateToken] {
        var result: [TemplateToken] = []
        var chars = Array(line)[...]
        while true {
            while let c = chars.first, c == " " || c == "\t" || c == "\r" { chars.removeFirst() }
            guard let first = chars.first, first != "#" else { return result }
            var key: String?
            var text = ""
            var quoted = false
            while let c = chars.first, c != " ", c != "\t", c != "\r" {
                if c == "\"" {
                    chars.removeFirst()
                    text += try readQuoted(&chars, lineNumber: lineNumber)
                    quoted = true
                } else if c == "=", key == nil, !quoted {
                    key = text
                    text = ""
                    chars.removeFirst()
                } else {
                    text.append(c)
                    chars.removeFirst()
                }
            }
            result.append(TemplateToken(text: text, key: key, quoted: quoted))
        }
    }

    private static func readQuoted(_ chars: inout ArraySlice<Character>, lineNumber: Int) throws -> String {
        var text = ""
        while let c = chars.popFirst() {
            switch c {
            case "\"": return text
            case "\\":
                guard let next = chars.popFirst() else { break }
                text.append(next == "n" ? "\n" : next)
            default: text.append(c)
            }
        }
        throw PrintingError.template(line: lineNumber, message: "unterminated quoted string")
    }
}
