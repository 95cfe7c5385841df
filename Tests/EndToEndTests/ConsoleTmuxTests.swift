import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The console in a real terminal: runs `Tests/tmux/console-e2e.sh` (tmux driving `badge demo`
/// against the built-in simulator) on the built binary. Skipped, with a message, where tmux or
/// python3 is not installed.
@Suite struct ConsoleTmuxTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tmux/console-e2e.sh")

    static func installed(_ tool: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    static let runnable = installed("tmux") && installed("python3")

    @Test(.enabled(if: runnable, "tmux or python3 is not installed: the console's terminal test is skipped"))
    func consoleInTmux() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("console-e2e-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let status = try Self.run(["/bin/bash", Self.script.path, BadgeProcess.executable.path], output: log.path)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "console-e2e.sh failed:\n\(output)")
        #expect(output.contains("console-e2e: all checks passed"), "\(output)")
    }

    /// Runs a command to completion with stdin from /dev/null and stdout+stderr to a file.
    /// posix_spawn rather than Foundation's Process: the child gets an empty signal mask and
    /// default signal actions (a test thread blocks every signal, and a pane process inheriting
    /// that would never see SIGWINCH), and `waitpid` reaps it on this thread.
    static func run(_ argv: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGCHLD, SIGTTIN, SIGTTOU, SIGTSTP] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        let envStrings = env.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envStrings.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS (macros Swift cannot import).
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
