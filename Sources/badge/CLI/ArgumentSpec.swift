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
