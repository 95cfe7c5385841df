import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret (token, API key, PIN): from the terminal without echo when stdin is a terminal,
/// otherwise one line of standard input. The secret is never echoed or logged.
enum SecretInput {
    static func read(prompt: String) throws -> String {
        let value: String?
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data(prompt.utf8))
            value = readWithoutEcho()
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            value = readLine(strippingNewline: true)
        }
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CLIError.failed("nothing was read from standard input") }
        return trimmed
    }

    private static func readWithoutEcho() -> String? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readLine(strippingNewline: true) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        return readLine(strippingNewline: true)
    }
}
