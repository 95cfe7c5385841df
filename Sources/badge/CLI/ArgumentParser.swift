/// Hand-written parser of `badge` command lines, driven entirely by a `CommandSpec` table.
///
/// - Commands and subcommands are words; options are `--name value` or `--name=value`; `--`
///   ends options; `-` alone is a value (stdin).
/// - Global options (`--db`, `--operator`, `--theme`) are accepted anywhere. An option of a
///   subcommand may also appear before the subcommand name (`badge --json events list`); it is
///   checked once the command is known.
/// - `--help`/`-h` anywhere asks for the help of the command named so far; `--version` anywhere.
/// Every mistake is a `CLIError.usage` naming the command whose help to read.
struct ArgumentParser {
    let root: CommandSpec

    func parse(_ args: [String]) throws -> ParseOutcome {
        // `--help` wins over mistakes in the rest of the line (`badge vip --help`, `… --bogus -h`),
        // but an unknown command is still reported: there is no help to show for it.
        let optionPart = args.prefix { $0 != "--" }
        let wantsHelp = optionPart.contains("--help") || optionPart.contains("-h")
        do {
            return try parseLine(args)
        } catch CLIError.usage(let message, let command) where wantsHelp && !message.hasPrefix("unknown command") {
            return .help(command)
        }
    }

    private func parseLine(_ args: [String]) throws -> ParseOutcome {
        var node = root
        var path: [String] = []
        var positionals: [String] = []
        var options: [String: String] = [:]
        var deferred: [(name: String, value: String?)] = []
        var globals = GlobalOptions()
        var helpRequested = false
        var onlyPositionals = false
        var index = 0

        func usage(_ message: String) -> CLIError { .usage(message, command: path) }

        while index < args.count {
            let token = args[index]
            index += 1
            if !onlyPositionals && token == "--" { onlyPositionals = true; continue }
            if !onlyPositionals && (token == "--help" || token == "-h") { helpRequested = true; continue }
            if !onlyPositionals && token == "--version" { return .version }

            if !onlyPositionals && token.hasPrefix("-") && token != "-" {
                guard token.hasPrefix("--") else { throw usage("unknown option '\(token)'") }
                var name = String(token.dropFirst(2))
                var inline: String?
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                let spec: OptionSpec
                var isGlobal = false
                if let g = GlobalOptions.specs.first(where: { $0.name == name }) {
                    spec = g
                    isGlobal = true
                } else if let own = node.option(named: name) {
                    spec = own
                } else if node.isGroup, let later = Self.optionBelow(node, named: name) {
                    spec = later
                } else {
                    throw usage("unknown option '--\(name)'")
                }
                var value: String?
                if spec.isFlag {
                    if inline != nil { throw usage("--\(name) takes no value") }
                } else if let inline {
                    value = inline
                } else {
                    guard index < args.count, args[index] == "-" || !args[index].hasPrefix("-") else {
                        throw usage("--\(name) needs a value (\(spec.valueName ?? "VALUE"))")
                    }
                    value = args[index]
                    index += 1
                }
                if let raw = value {
                    guard let stored = spec.kind.validate(raw) else {
                        throw usage("bad value '\(raw)' for --\(name): expected \(spec.kind.expected)")
                    }
                    value = stored
                }
                if isGlobal {
                    switch name {
                    case "db": globals.db = value
                    case "desk": globals.desk = value
                    case "operator": globals.operatorName = value
                    default: globals.theme = value
                    }
                } else if node.option(named: name) != nil {
                    options[name] = value ?? ""
                } else {
                    deferred.append((name, value))
                }
                continue
            }

            if node.isGroup && positionals.isEmpty && !onlyPositionals {
                guard let sub = node.subcommand(named: token) else {
                    // A runnable group with arguments (`print-jobs [EVENT]`) takes the word as one.
                    if node.runnable && !node.arguments.isEmpty && !path.isEmpty {
                        positionals.append(token)
                        continue
                    }
                    let what = (path + [token]).joined(separator: " ")
                    throw usage("unknown command '\(what)'")
                }
                node = sub
                path.append(token)
                continue
            }
            positionals.append(token)
        }

        if helpRequested { return .help(path) }
        if node.isGroup && !node.runnable {
            let names = node.subcommands.map(\.name).joined(separator: ", ")
            throw usage("'\(path.joined(separator: " "))' needs a subcommand: \(names)")
        }
        for (name, value) in deferred {
            guard let spec = node.option(named: name) else {
                throw usage("unknown option '--\(name)'")
            }
            if spec.isFlag != (value == nil) { throw usage("--\(name) cannot be used here") }
            options[name] = value ?? ""
        }

        var arguments: [String: String] = [:]
        for (i, spec) in node.arguments.enumerated() {
            guard i < positionals.count else {
                if spec.optional { continue }
                throw usage("missing \(spec.name)")
            }
            guard let stored = spec.kind.validate(positionals[i]) else {
                throw usage("bad \(spec.name) '\(positionals[i])': expected \(spec.kind.expected)")
            }
            arguments[spec.name] = stored
        }
        if positionals.count > node.arguments.count {
            throw usage("unexpected argument '\(positionals[node.arguments.count])'")
        }
        for spec in node.options where spec.required && options[spec.name] == nil {
            throw usage("missing \(spec.choiceSynopsis)")
        }
        for group in node.exclusive {
            let given = group.filter { options[$0] != nil }
            if given.count > 1 {
                throw usage(given.map { "--\($0)" }.joined(separator: " and ") + " cannot be combined")
            }
        }
        return .run(ParsedCommand(path: path, arguments: arguments, options: options, globals: globals))
    }

    /// The node at `path` (for help), or nil.
    func node(at path: [String]) -> CommandSpec? {
        var node = root
        for name in path {
            guard let sub = node.subcommand(named: name) else { return nil }
            node = sub
        }
        return node
    }

    /// An option some command below `group` declares (flag-ness must agree to parse it early).
    static func optionBelow(_ group: CommandSpec, named name: String) -> OptionSpec? {
        let found = group.leaves().compactMap { $0.spec.option(named: name) }
        guard let first = found.first, found.allSatisfy({ $0.isFlag == first.isFlag }) else { return nil }
        return first
    }
}
