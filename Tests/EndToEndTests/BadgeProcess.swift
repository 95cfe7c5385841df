import Foundation
import Testing

/// Runs the built `badge` executable as a child process in a private temporary home, so tests
/// never touch the user's real data, config or log.
struct BadgeProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The binary: next to the test bundle (SwiftPM's products directory), else `.build/debug`.
    static let executable: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL.appendingPathComponent("badge"), products.appendingPathComponent("badge")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/badge")
    }()

    /// A fresh directory used as HOME and XDG base for one test; removed by `cleanUp()`.
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory
            .appendingPathComponent("badge-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: home)
    }

    /// A path inside the temporary home.
    func path(_ name: String) -> String { home.appendingPathComponent(name).path }

    var environment: [String: String] {
        var env: [String: String] = [
            "HOME": home.path,
            "XDG_DATA_HOME": path("data"),
            "XDG_STATE_HOME": path("state"),
            "XDG_CONFIG_HOME": path("config"),
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "USER": "tester",
            "LANG": "C.UTF-8",
        ]
        env["TMPDIR"] = ProcessInfo.processInfo.environment["TMPDIR"]
        return env
    }

    /// Runs `badge args…` to completion. stdout/stderr go to files (no pipe-buffer deadlocks).
    func run(_ args: [String], env extra: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = args
        process.environment = environment.merging(extra) { $1 }
        let id = UUID().uuidString
        let outURL = home.appendingPathComponent("out-\(id)")
        let errURL = home.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        var inURL: URL?
        if let stdin {
            let url = home.appendingPathComponent("in-\(id)")
            try Data(stdin.utf8).write(to: url)
            process.standardInput = try FileHandle(forReadingFrom: url)
            inURL = url
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            if let inURL { try? FileManager.default.removeItem(at: inURL) }
        }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Permission bits of a file (e.g. 0o600).
    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
