import Foundation
import Testing

/// A stand-in until `TestSupport.PostgresTestServer` is on main: the server named by
/// `BADGE_TEST_PG` (an admin URL, e.g. `postgresql://badge@127.0.0.1:55432/postgres`), where each
/// test makes and drops its own database with `psql`. Unset: the PostgreSQL tests are skipped,
/// and say so.
enum LocalPostgres {
    static var adminURL: String? {
        ProcessInfo.processInfo.environment["BADGE_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let skipNote: Comment = "⚠ SKIPPED: BADGE_TEST_PG is not set, so the PostgreSQL shared-budget tests did not run"

    /// A fresh database; returns its URL.
    static func createDatabase() throws -> String {
        guard let admin = adminURL, var parts = URLComponents(string: admin) else {
            throw Failure("BADGE_TEST_PG is not a URL")
        }
        let name = "budget_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try psql(admin, "CREATE DATABASE \(name)")
        parts.path = "/" + name
        guard let url = parts.string else { throw Failure("cannot build a URL for \(name)") }
        return url
    }

    static func dropDatabase(_ url: String) {
        guard let admin = adminURL, let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else { return }
        _ = try? psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("psql: " + (String(data: error, encoding: .utf8) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(data: output, encoding: .utf8) ?? ""
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
