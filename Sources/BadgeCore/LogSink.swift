/// Where modules send diagnostic lines (SPEC §8: a file, never the terminal while the console
/// runs). Implementations sanitise every line and never receive credentials: callers log URLs
/// without query secrets and errors by their one-line description.
public protocol LogSink: Sendable {
    func log(_ level: LogLevel, _ message: String)
}

public enum LogLevel: String, Sendable, Comparable {
    case debug, info, warning, error

    private var rank: Int {
        switch self {
        case .debug: return 0
        case .info: return 1
        case .warning: return 2
        case .error: return 3
        }
    }

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }
}

/// A sink that drops everything (tests, and commands that log nowhere).
public struct NullLog: LogSink {
    public init() {}
    public func log(_ level: LogLevel, _ message: String) {}
}
