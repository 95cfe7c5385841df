/// A mapping from every `Role` to a `Style` (ARCHITECTURE §3: views name roles, themes colour
/// them). Parsed from the line format documented at the top of each `Themes/*.theme` file.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// One style per role; always complete.
    public private(set) var styles: [Role: Style]

    /// A theme from explicit styles; roles missing from `styles` take `base`'s style (mono if nil).
    public init(name: String, styles: [Role: Style], base: Theme? = nil) {
        self.name = name
        var all: [Role: Style] = [:]
        for role in Role.allCases {
            all[role] = styles[role] ?? base?.styles[role] ?? Theme.builtinMono.styles[role] ?? .plain
        }
        self.styles = all
    }

    init(name: String, completeStyles: [Role: Style]) {
        self.name = name
        self.styles = completeStyles
    }

    public subscript(role: Role) -> Style {
        styles[role] ?? .plain
    }

    /// True when no role uses a colour (mono theme, `NO_COLOR`).
    public var isMonochrome: Bool { styles.values.allSatisfy(\.isColorless) }

    /// The same theme without any colour, for `NO_COLOR`: attributes are kept, and a role whose
    /// background differs from `normal`'s (a selection bar, a button, an alert) gains `reverse`
    /// so it stays distinguishable.
    public func monochrome() -> Theme {
        let normalBackground = self[.normal].background
        var out: [Role: Style] = [:]
        for (role, style) in styles {
            var attrs = style.attributes
            if style.background != normalBackground { attrs.insert(.reverse) }
            out[role] = Style(attributes: attrs)
        }
        return Theme(name: name, completeStyles: out)
    }

    /// True when the `NO_COLOR` convention asks for no colour: the variable is set and non-empty.
    public static func noColorRequested(environment: [String: String]) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return true }
        return false
    }

    /// The compiled-in mono theme (attributes only); also the base for unlisted roles.
    public static let builtinMono: Theme = {
        do {
            return try ThemeParser.parse(BuiltinThemes.mono, source: "mono.theme", base: nil)
        } catch {
            // Unreachable while the embedded text parses (a test asserts it); never crash for it.
            var styles: [Role: Style] = [:]
            for role in Role.allCases { styles[role] = .plain }
            styles[.selection] = Style(attributes: .reverse)
            return Theme(name: "mono", completeStyles: styles)
        }
    }()

    /// The compiled-in default theme: a missing or broken theme file never stops the console.
    public static let builtinDefault: Theme = {
        (try? ThemeParser.parse(BuiltinThemes.default, source: "default.theme")) ?? builtinMono
    }()
}
