import Foundation

/// The built `badge` executable, run as real child processes (crash and concurrency tests).
///
/// Found from this file's path: `<package>/.build/debug/badge` (or release). Missing → tests
/// record why they skip instead of failing obscurely.
struct BadgeBinary: Sendable {
    let path: String
    /// Environment of every child: its own database, XDG dirs inside the test's temp dir.
    let environment: [String: String]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The binary, or nil when it is not built.
    static func locate() -> String? {
        let root = packageRoot.path
        for candidate in ["\(root)/.build/debug/badge", "\(root)/.build/release/badge"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Why the CLI tests cannot run here, or nil when they can (binary built and the commands the
    /// tests need are wired).
    static func unavailableReason(commands: [[String]]) -> String? {
        guard let path = locate() else {
            return "badge binary not built at \(packageRoot.path)/.build/debug/badge (run `swift build` first)"
        }
        for command in commands {
            let result = run(path: path, arguments: command + ["--help"], environment: [:])
            if result.status != 0 { return "`badge \(command.joined(separator: " "))` is not wired yet (exit \(result.status))" }
        }
        return nil
    }

    init(path: String, directory: String, database: String) {
        self.path = path
        var env = ProcessInfo.processInfo.environment
        env["BADGE_DB"] = database
        env["XDG_DATA_HOME"] = directory + "/data"
        env["XDG_STATE_HOME"] = directory + "/state"
        env["XDG_CONFIG_HOME"] = directory + "/config"
        env["NO_COLOR"] = "1"
        environment = env
    }

    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the child died of SIGKILL.
        var killed: Bool
    }

    /// Runs `badge ARGS` to completion.
    func run(_ arguments: [String]) -> Result {
        Self.run(path: path, arguments: arguments, environment: environment)
    }

    /// Starts `badge ARGS`; the caller waits or kills.
    func start(_ arguments: [String]) throws -> Child {
        try Child(path: path, arguments: arguments, environment: environment)
    }

    static func run(path: String, arguments: [String], environment: [String: String]) -> Result {
        do {
            let child = try Child(path: path, arguments: arguments,
                                  environment: environment.isEmpty ? ProcessInfo.processInfo.environment : environment)
            return child.wait()
        } catch {
            return Result(status: -1, stdout: "", stderr: "cannot start \(path): \(error)", killed: false)
        }
    }
}

/// One running child process with its output captured to files (no pipe can fill up).
final class Child: @unchecked Sendable {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(path: String, arguments: [String], environment: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("badge-child-\(UUID().uuidString)")
        outURL = base.appendingPathExtension("out")
        errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// kill -9, then reap.
    func killNow() -> BadgeBinary.Result {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return wait()
    }

    func wait() -> BadgeBinary.Result {
        process.waitUntilExit()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return BadgeBinary.Result(status: process.terminationStatus, stdout: out, stderr: err, killed: killed)
    }

    /// Waits at most `seconds` for the child to exit by itself (polling; nil: still running).
    func wait(upTo seconds: TimeInterval) async -> BadgeBinary.Result? {
        let end = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < end { try? await Task.sleep(nanoseconds: 10_000_000) }
        return process.isRunning ? nil : wait()
    }
}
