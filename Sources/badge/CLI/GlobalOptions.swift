/// Options every command takes, before or after the command name.
struct GlobalOptions: Sendable, Equatable {
    var db: String?
    var desk: String?
    var operatorName: String?
    var theme: String?

    static let specs: [OptionSpec] = [
        .value("db", "PATH|URL", .text,
               "database file, or postgresql://USER@HOST/DB for several desks (env BADGE_DB; config database; "
               + "default $XDG_DATA_HOME/badge/badge.sqlite)"),
        .value("desk", "NAME", .text, "this desk's name, recorded with every check-in (config desk; default: the host name "
               + "on a shared database)"),
        .value("operator", "NAME", .text, "who is operating: recorded with check-ins, prints and changes"),
        .value("theme", "NAME", .text, "colour theme of the console (default, light, high-contrast, mono)"),
    ]
}
