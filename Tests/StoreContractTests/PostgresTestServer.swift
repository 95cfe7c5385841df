import Foundation

// STAND-IN for TestSupport's PostgresTestServer (being added on another branch): delete this file
// once it is on main. Same API: `shared`, `requireOrSkip`, `createDatabase`, `dropDatabase`.

/// The PostgreSQL server named by `BADGE_TEST_PG` (an admin URL); databases made with `psql`.
final class PostgresTestServer: Sendable {
    let adminURL: String

    private init(adminURL: String) { self.adminURL = adminURL }

    static let shared: PostgresTestServer? = {
        guard let url = ProcessInfo.processInfo.environment["BADGE_TEST_PG"], !url.isEmpty else { return nil }
        return PostgresTestServer(adminURL: url)
    }()

    /// The server, or nil after printing `⚠ SKIPPED (PostgreSQL not installed): <what>`.
    static func requireOrSkip(_ what: String) throws -> PostgresTestServer? {
        guard let shared else {
            FileHandle.standardError.write(Data("⚠ SKIPPED (PostgreSQL not installed): \(what)\n".utf8))
            print("⚠ SKIPPED (PostgreSQL not installed): \(what)")
            return nil
        }
        return shared
    }

    /// A fresh empty database; returns its URL.
    func createDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try psql("CREATE DATABASE \(name)")
        var components = URLComponents(string: adminURL)!
        components.path = "/" + name
        return components.string!
    }

    func dropDatabase(url: String) throws {
        guard let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else { return }
        try psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func psql(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", adminURL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSLocalizedDescriptionKey: "psql: " + String(decoding: message, as: UTF8.self)])
        }
    }
}
