/// Dots per inch of a thermal print head. Zebra heads come in 203 (8 dots/mm) and 300 dpi
/// (12 dots/mm); Brother QL heads are 300 dpi.
public enum PrintResolution: Int, Sendable, Equatable, CaseIterable {
    case dpi203 = 203
    case dpi300 = 300

    public var dotsPerInch: Int { rawValue }
    /// Dots per PDF point (1/72 in).
    public var dotsPerPoint: Double { Double(rawValue) / 72 }

    /// Millimetres → dots, rounded to the nearest dot.
    public func dots(millimetres: Double) -> Int { Int((millimetres / 25.4 * Double(rawValue)).rounded()) }

    /// Parses "203", "300", "203dpi", "8dpmm", "12dpmm".
    public static func parse(_ text: String) -> PrintResolution? {
        switch text.lowercased() {
        case "203", "203dpi", "200", "8dpmm": return .dpi203
        case "300", "300dpi", "12dpmm": return .dpi300
        default: return nil
        }
    }
}
