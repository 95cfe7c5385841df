/// Parses the theme line format (documented at the top of every `Themes/*.theme` file):
///
///     # comment
///     <role>  [fg=<colour>] [bg=<colour>] [bold] [dim] [underline] [reverse]
///
/// Errors name the source and line: `default.theme:12: unknown role 'tittle'`.
public enum ThemeParser {
    /// Parses `text`. `source` is the file name used in errors; the theme's name is `source`
    /// without a `.theme` suffix. Roles not listed take `base`'s style (the mono theme by default;
    /// plain when `base` is nil).
    public static func parse(_ text: String, source: String, base: Theme? = Theme.builtinMono) throws(ThemeError) -> Theme {
        var styles: [Role: Style] = [:]
        var firstLine: [Role: Int] = [:]
        let rolesByName = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue.lowercased(), $0) })
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            func fail(_ message: String) -> ThemeError {
                ThemeError(source: source, line: lineNumber, message: message)
            }
            let roleName = words[0]
            guard let role = rolesByName[roleName.lowercased()] else {
                throw fail("unknown role '\(Sanitizer.sanitize(roleName, maxWidth: 40))'")
            }
            if let first = firstLine[role] {
                throw fail("role '\(role.rawValue)' listed twice (first on line \(first))")
            }
            var style = Style()
            var sawFG = false, sawBG = false
            for word in words.dropFirst() {
                let shown = Sanitizer.sanitize(word, maxWidth: 40)
                if let eq = word.firstIndex(of: "=") {
                    let key = word[..<eq].lowercased()
                    let value = String(word[word.index(after: eq)...])
                    guard key == "fg" || key == "bg" else { throw fail("unknown setting '\(shown)'") }
                    if value.isEmpty { throw fail("missing colour after '\(key)='") }
                    guard let color = ThemeColor(parsing: value) else {
                        if let n = Int(value) {
                            throw fail("colour \(n) out of range 0-255")
                        }
                        throw fail("unknown colour '\(Sanitizer.sanitize(value, maxWidth: 40))'")
                    }
                    if key == "fg" {
                        if sawFG { throw fail("fg given twice") }
                        sawFG = true
                        style.foreground = color
                    } else {
                        if sawBG { throw fail("bg given twice") }
                        sawBG = true
                        style.background = color
                    }
                } else if let attr = TextAttributes.named.first(where: { $0.0 == word.lowercased() })?.1 {
                    style.attributes.insert(attr)
                } else {
                    throw fail("unknown attribute '\(shown)' (expected bold, dim, underline, reverse, fg=, bg=)")
                }
            }
            styles[role] = style
            firstLine[role] = lineNumber
        }
        var name = source
        if name.hasSuffix(".theme") { name.removeLast(6) }
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        var complete: [Role: Style] = [:]
        for role in Role.allCases {
            complete[role] = styles[role] ?? base?[role] ?? .plain
        }
        return Theme(name: name, completeStyles: complete)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
