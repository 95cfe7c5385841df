/// A terminal colour as a theme names it: the terminal's default, or a palette index 0–255
/// (0–7 the basic colours, 8–15 their bright variants, 16–255 the xterm 256-colour palette).
public enum ThemeColor: Sendable, Hashable {
    case `default`
    case indexed(Int)

    /// Names accepted by the theme format, in palette order 0–15.
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                               "bright-black", "bright-red", "bright-green", "bright-yellow",
                               "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]

    /// Parses `default`, a colour name or a number 0–255; nil if unknown or out of range.
    public init?(parsing word: String) {
        let w = word.lowercased()
        if w == "default" { self = .default; return }
        if let i = ThemeColor.names.firstIndex(of: w) { self = .indexed(i); return }
        if let n = Int(w), (0...255).contains(n) { self = .indexed(n); return }
        return nil
    }

    /// The palette index to use on a terminal with `available` colours (8, 16, 256…); -1 for the
    /// terminal's default. Bright colours fall back to their basic colour, 256-palette entries to
    /// the nearest basic colour.
    public func index(forAvailableColors available: Int) -> Int {
        guard case .indexed(let n) = self else { return -1 }
        if n < available { return n }
        if n < 16 { return n - 8 }
        if n >= 232 { return n < 244 ? 0 : 7 }          // greyscale ramp
        let c = n - 16
        let r = c / 36, g = (c / 6) % 6, b = c % 6     // 0…5 each
        let bit = { (v: Int) in v >= 3 ? 1 : 0 }
        let basic = bit(r) | (bit(g) << 1) | (bit(b) << 2)
        return basic
    }
}

/// Text attributes a theme can ask for. They survive `NO_COLOR` and monochrome terminals.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)

    /// Names accepted by the theme format.
    public static let named: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]
}

/// How one role looks: foreground, background, attributes.
public struct Style: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .default, background: ThemeColor = .default,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    /// True when neither colour is set.
    public var isColorless: Bool { foreground == .default && background == .default }
}
