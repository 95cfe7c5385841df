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
    /// A read command: it never creates a database (issue #17) — a mistyped `--db` or a fresh
    /// machine fails with one line instead of leaving an empty database behind. Commands that
    /// write may create it.
    var readsOnly: Bool = false

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
