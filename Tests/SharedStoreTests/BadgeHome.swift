import Foundation

/// Runs the built `badge` executable in a private temporary home (never the user's data, config
/// or log), as the end-to-end tests do.
struct BadgeHome: Sendable {
    /// The binary: next to the test bundle (SwiftPM's products directory), else `.build/debug`.
    static let executable: String = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL.appendingPathComponent("badge"), products.appendingPathComponent("badge")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/badge").path
    }()

    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("badge-desks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    var environment: [String: String] {
        var env = ["HOME": path, "XDG_DATA_HOME": path + "/data", "XDG_STATE_HOME": path + "/state",
                   "XDG_CONFIG_HOME": path + "/config", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "USER": "tester", "LANG": "C.UTF-8"]
        env["TMPDIR"] = ProcessInfo.processInfo.environment["TMPDIR"]
        return env
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `badge args…` to completion; output through files (no pipe-buffer deadlock).
    func run(_ args: [String]) throws -> Result {
        let id = UUID().uuidString
        let out = path + "/out-\(id)", err = path + "/err-\(id)"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = args
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: err)), as: UTF8.self))
    }

    /// Starts `badge args…` in the background (stdout and stderr to `log`); the caller ends it.
    func start(_ args: [String], log: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = args
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        return process
    }

    /// One desk checking people in from a shell loop (`badge --db URL --desk DESK checkin EVENT ID`
    /// per attendee, one process each, as an operator at a desk would): per call its exit status
    /// and stderr.
    func loop(desk: String, db: String, event: Int64, attendees: [Int64]) throws
        -> [(attendee: Int64, status: Int32, stderr: String)]
    {
        let script = """
            for id in $IDS; do
                err=$("$BIN" --db "$DB" --desk "$DESK" checkin "$EVENT" "$id" 2>&1 >/dev/null)
                rc=$?
                printf '%s\\t%s\\t%s\\n' "$id" "$rc" "$(printf '%s' "$err" | tr '\\n' '\\r')"
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = environment
        env["IDS"] = attendees.map(String.init).joined(separator: " ")
        env["BIN"] = Self.executable
        env["DB"] = db
        env["DESK"] = desk
        env["EVENT"] = String(event)
        process.environment = env
        let out = path + "/loop-\(desk)"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, let id = Int64(cells[0]), let rc = Int32(cells[1]) else { return nil }
            return (id, rc, cells[2].replacingOccurrences(of: "\r", with: "\n"))
        }
    }
}
