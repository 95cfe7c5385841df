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
