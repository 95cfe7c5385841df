/// A theme that could not be parsed or found. `description` is the one line to show:
/// `default.theme:12: unknown role 'tittle'`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The theme's file name (or name, for a theme not read from a file).
    public var source: String
    /// 1-based line number; 0 when the problem is not on one line (e.g. theme not found).
    public var line: Int
    public var message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)"
    }
}
