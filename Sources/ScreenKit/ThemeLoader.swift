/// Finds and parses a theme by name (pure: the file reading is injected; `TerminalCurses` adds the
/// file-system overloads). Order: `name` itself if it is a path (contains `/` or ends in
/// `.theme`), then `<dir>/<name>.theme` for each search path, then the embedded copy of the four
/// shipped themes — so `swift run badge` works from any directory.
public enum ThemeLoader {
    /// The shipped theme names.
    public static let builtinNames = ["default", "light", "high-contrast", "mono"]

    /// The embedded canonical text of a shipped theme (identical to `Themes/<name>.theme`).
    public static func embeddedText(named name: String) -> String? {
        switch name {
        case "default": return BuiltinThemes.default
        case "light": return BuiltinThemes.light
        case "high-contrast": return BuiltinThemes.highContrast
        case "mono": return BuiltinThemes.mono
        default: return nil
        }
    }

    /// The files tried for `name`, in order.
    public static func candidatePaths(name: String, searchPaths: [String]) -> [String] {
        if name.contains("/") || name.hasSuffix(".theme") { return [name] }
        return searchPaths.map { dir in
            (dir.hasSuffix("/") ? dir : dir + "/") + name + ".theme"
        }
    }

    /// Loads theme `name`. `read` returns a file's text or nil if it does not exist. A file that
    /// exists but does not parse is an error (the user wants to know); a name found nowhere is
    /// an error `'<name>': theme not found`. With `noColor`, the result is `monochrome()`.
    public static func load(name: String, searchPaths: [String], noColor: Bool = false,
                            read: (String) -> String?) throws(ThemeError) -> Theme {
        var theme: Theme?
        for path in candidatePaths(name: name, searchPaths: searchPaths) {
            if let text = read(path) {
                let file = path.split(separator: "/").last.map(String.init) ?? path
                theme = try ThemeParser.parse(text, source: file)
                break
            }
        }
        if theme == nil, let text = embeddedText(named: name) {
            theme = try ThemeParser.parse(text, source: name + ".theme")
        }
        guard let found = theme else {
            throw ThemeError(source: Sanitizer.sanitize(name, maxWidth: 80), line: 0, message: "theme not found")
        }
        return noColor ? found.monochrome() : found
    }

    /// Like `load`, but never fails: on any error it returns `Theme.builtinDefault` (monochrome
    /// under `noColor`) and the error, for the console to show as a one-line notice and log.
    public static func loadWithFallback(name: String, searchPaths: [String], noColor: Bool = false,
                                        read: (String) -> String?) -> (theme: Theme, problem: ThemeError?) {
        do {
            return (try load(name: name, searchPaths: searchPaths, noColor: noColor, read: read), nil)
        } catch {
            let fallback = noColor ? Theme.builtinDefault.monochrome() : Theme.builtinDefault
            return (fallback, error)
        }
    }
}
