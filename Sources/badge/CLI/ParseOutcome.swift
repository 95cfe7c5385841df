/// What the command line asks for.
enum ParseOutcome: Sendable {
    case run(ParsedCommand)
    /// `--help`/`-h`: help of the command at this path.
    case help([String])
    case version
}
