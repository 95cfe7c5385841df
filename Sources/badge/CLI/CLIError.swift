import ScreenKit

/// Why a `badge` command did not succeed; decides the exit code (SPEC §4).
enum CLIError: Error, Sendable, Equatable {
    /// The command line is wrong (exit 2): the message and the command whose `--help` to read.
    case usage(String, command: [String])
    /// The operation failed (exit 1): a one-line reason.
    case failed(String)
    /// The command already wrote its reason to stderr; exit with this code.
    case alreadyReported(Int32)

    static func notAvailable(_ command: String) -> CLIError {
        .failed("\(command) is not available yet")
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failed: return 1
        case .alreadyReported(let code): return code
        }
    }

    /// The text for stderr: `badge: error: …` (plus the help hint for usage errors).
    var message: String {
        switch self {
        case .usage(let text, let command):
            let help = (["badge"] + command + ["--help"]).joined(separator: " ")
            return "badge: error: \(Self.oneLine(text))\nsee \(help)"
        case .failed(let text):
            return "badge: error: \(Self.oneLine(text))"
        case .alreadyReported:
            return ""
        }
    }

    /// Errors from other modules can carry newlines or provider text; stderr gets exactly one
    /// line with no control characters or escape sequences.
    static func oneLine(_ text: String) -> String {
        Sanitizer.sanitize(text, maxWidth: 2000, mode: .singleLine)
    }
}
