import Foundation

/// Renders `--help` text and the command reference from the command table.
struct HelpFormatter {
    let root: CommandSpec
    static let version = "0.1.0"

    /// One synopsis line: `badge events import PROVIDER EXTERNAL_ID [--json]`.
    static func synopsis(path: [String], spec: CommandSpec) -> String {
        var parts = ["badge"] + path
        if spec.isGroup && !spec.runnable { parts.append("COMMAND") }
        parts += spec.arguments.map(\.synopsis)
        for option in spec.options {
            let shown = option.choiceSynopsis
            parts.append(option.required ? shown : "[\(shown)]")
        }
        return parts.joined(separator: " ")
    }

    /// Every runnable command, one per line with its summary (root help and README).
    func reference() -> String {
        var lines: [String] = []
        for (path, spec) in root.leaves() {
            let left = Self.synopsis(path: path, spec: spec)
            if left.count <= 42 {
                lines.append("  " + left.padding(toLength: 44, withPad: " ", startingAt: 0) + spec.summary)
            } else {
                lines.append("  " + left)
                lines.append(String(repeating: " ", count: 46) + spec.summary)
            }
        }
        return lines.joined(separator: "\n")
    }

    func help(for path: [String]) -> String {
        var node = root
        for name in path { node = node.subcommand(named: name) ?? node }
        if path.isEmpty { return rootHelp() }
        var out: [String] = ["Usage: " + Self.synopsis(path: path, spec: node), "", capitalised(node.summary) + "."]
        if !node.details.isEmpty { out += ["", node.details] }
        if node.isGroup {
            out += ["", "Commands:"]
            out += rows(node.subcommands.map { sub in
                (Self.synopsis(path: path + [sub.name], spec: sub).dropFirst("badge ".count).description, sub.summary)
            })
            out += ["", "Run 'badge \(path.joined(separator: " ")) COMMAND --help' for a command's options."]
        }
        if !node.arguments.isEmpty {
            out += ["", "Arguments:"]
            out += rows(node.arguments.map { ($0.name, $0.help) })
        }
        if !node.options.isEmpty {
            out += ["", "Options:"]
            out += rows(node.options.map { ($0.synopsis, $0.help) })
        }
        out += ["", "Global options:"]
        out += rows(GlobalOptions.specs.map { ($0.synopsis, $0.help) } + [("-h, --help", "show this help")])
        return out.joined(separator: "\n") + "\n"
    }

    func rootHelp() -> String {
        var out = [
            "Usage: badge [COMMAND] [OPTIONS]",
            "",
            root.details,
            "",
            "Commands:",
            reference(),
            "",
            "EVENT is the local id or PROVIDER:EXTERNAL_ID (e.g. eventbrite:51660376577); ATTENDEE is",
            "the local id or the provider's attendee id. Run 'badge COMMAND --help' for details.",
            "",
            "Global options (before or after the command):",
        ]
        out += rows(GlobalOptions.specs.map { ($0.synopsis, $0.help) }
                    + [("-h, --help", "show help (of a command: badge COMMAND --help)"),
                       ("--version", "print the version")])
        out += ["", "Exit codes: 0 success, 1 the operation failed (reason on stderr), 2 usage error."]
        return out.joined(separator: "\n") + "\n"
    }

    private func rows(_ items: [(String, String)]) -> [String] {
        let width = min(30, (items.map(\.0.count).max() ?? 0) + 2)
        return items.map { left, right in
            if left.count + 2 > width {
                return "  \(left)\n  " + String(repeating: " ", count: width) + right
            }
            return "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + right
        }
    }

    private func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
