/// What kind of value an option or argument takes; the parser validates it so a bad value is a
/// usage error (exit 2) before any command body runs.
enum ValueKind: Sendable, Equatable {
    /// Any text.
    case text
    /// A whole number within the range.
    case integer(ClosedRange<Int>)
    /// A non-negative decimal number.
    case number
    /// One of the listed words (matched case-insensitively, stored as listed).
    case choice([String])

    /// Checks `raw`; returns the stored form, or nil with `expected` describing what is allowed.
    func validate(_ raw: String) -> String? {
        switch self {
        case .text:
            return raw
        case .integer(let range):
            guard let n = Int(raw), range.contains(n) else { return nil }
            return String(n)
        case .number:
            guard let d = Double(raw), d.isFinite, d >= 0 else { return nil }
            return raw
        case .choice(let words):
            return words.first { $0.lowercased() == raw.lowercased() }
        }
    }

    var expected: String {
        switch self {
        case .text: return "text"
        case .integer(let range):
            if range.upperBound == Int.max { return "a whole number ≥ \(range.lowerBound)" }
            return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number: return "a number ≥ 0"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        }
    }
}

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

/// One positional argument of a command.
struct ArgumentSpec: Sendable, Equatable {
    var name: String
    var kind: ValueKind
    var optional: Bool
    var help: String

    static func required(_ name: String, _ help: String, _ kind: ValueKind = .text) -> ArgumentSpec {
        ArgumentSpec(name: name, kind: kind, optional: false, help: help)
    }

    static func optional(_ name: String, _ help: String, _ kind: ValueKind = .text) -> ArgumentSpec {
        ArgumentSpec(name: name, kind: kind, optional: true, help: help)
    }

    var synopsis: String {
        let shown: String
        if case .choice(let words) = kind { shown = words.joined(separator: "|") } else { shown = name }
        return optional ? "[\(shown)]" : shown
    }
}

/// A command or command group of `badge`: the single source for parsing, help and the README
/// reference. A node with `subcommands` is a group; it is runnable itself only when `runnable`
/// (the root, which opens the console).
struct CommandSpec: Sendable {
    var name: String
    /// One line for lists.
    var summary: String
    /// Longer text for `--help` (may be empty).
    var details: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var subcommands: [CommandSpec] = []
    var runnable: Bool = true
    /// Options that may not be combined (e.g. `--json` and `--csv`).
    var exclusive: [[String]] = []

    var isGroup: Bool { !subcommands.isEmpty }

    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    /// Every runnable command under (and including) this node, with its path.
    func leaves(path: [String] = []) -> [(path: [String], spec: CommandSpec)] {
        let here = path + (name.isEmpty ? [] : [name])
        var result: [(path: [String], spec: CommandSpec)] = []
        if runnable { result.append((here, self)) }
        for sub in subcommands { result += sub.leaves(path: here) }
        return result
    }
}
