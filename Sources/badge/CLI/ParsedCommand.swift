/// The result of parsing a command line against the command table: which command, its arguments
/// and options (already validated), and the global options wherever they appeared.
struct ParsedCommand: Sendable {
    /// Command path without `badge`, e.g. `["events", "list"]`; empty for the console.
    var path: [String]
    var arguments: [String: String]
    /// Options by name without dashes; flags map to "".
    var options: [String: String]
    var globals: GlobalOptions

    func argument(_ name: String) -> String? { arguments[name] }
    func option(_ name: String) -> String? { options[name] }
    func flag(_ name: String) -> Bool { options[name] != nil }

    /// An integer option, already validated by the parser.
    func int(_ name: String) -> Int? { options[name].flatMap { Int($0) } }
    func double(_ name: String) -> Double? { options[name].flatMap { Double($0) } }

    /// "events list" for messages.
    var displayName: String { path.joined(separator: " ") }
}

/// Options every command takes, before or after the command name.
struct GlobalOptions: Sendable, Equatable {
    var db: String?
    var operatorName: String?
    var theme: String?

    static let specs: [OptionSpec] = [
        .value("db", "PATH", .text, "database file (env BADGE_DB; default $XDG_DATA_HOME/badge/badge.sqlite)"),
        .value("operator", "NAME", .text, "who is operating: recorded with check-ins, prints and changes"),
        .value("theme", "NAME", .text, "colour theme of the console (default, light, high-contrast, mono)"),
    ]
}

/// What the command line asks for.
enum ParseOutcome: Sendable {
    case run(ParsedCommand)
    /// `--help`/`-h`: help of the command at this path.
    case help([String])
    case version
}
