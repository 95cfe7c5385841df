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
