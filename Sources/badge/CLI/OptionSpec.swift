/// One `--option` of a command. `valueName == nil` makes it a flag.
struct OptionSpec: Sendable, Equatable {
    var name: String
    var valueName: String?
    var kind: ValueKind
    var help: String
    /// A required option (`--role` of `members add`): the parser refuses the command without it.
    var required = false

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, kind: .text, help: help)
    }

    static func requiredValue(_ name: String, _ valueName: String, _ kind: ValueKind = .text, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, kind: kind, help: help, required: true)
    }

    static func value(_ name: String, _ valueName: String, _ kind: ValueKind = .text, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, kind: kind, help: help)
    }

    var isFlag: Bool { valueName == nil }

    /// `--name VALUE` or `--name`.
    var synopsis: String { valueName.map { "--\(name) \($0)" } ?? "--\(name)" }

    /// Like `synopsis`, with the choices spelled out: `--role admin|staff`.
    var choiceSynopsis: String {
        if case .choice(let words) = kind, valueName != nil { return "--\(name) " + words.joined(separator: "|") }
        return synopsis
    }
}
