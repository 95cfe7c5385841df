import Foundation

// LOCAL STAND-IN until TestSupport's PostgresTestServer is on main (then this file goes).
// Reads the admin URL from BADGE_TEST_PG; without it the PostgreSQL tests skip loudly.
final class PostgresTestServer: @unchecked Sendable {
    static let shared: PostgresTestServer? = {
        guard let url = ProcessInfo.processInfo.environment["BADGE_TEST_PG"], !url.isEmpty else { return nil }
        return PostgresTestServer(adminURL: url)
    }()

    let adminURL: String

    init(adminURL: String) { self.adminURL = adminURL }

    static func requireOrSkip(_ what: String) -> PostgresTestServer? {
        if let shared { return shared }
        FileHandle.standardError.write(Data("SKIPPED (no PostgreSQL: set BADGE_TEST_PG): \(what)\n".utf8))
        return nil
    }

    func createDatabase(_ prefix: String) throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try psql("CREATE DATABASE \(name)")
        var url = adminURL
        if let slash = url.range(of: "/", options: .backwards), url[..<slash.lowerBound].contains("@") {
            url = String(url[..<slash.upperBound]) + name
        }
        return url
    }

    func dropDatabase(url: String) {
        guard let name = url.split(separator: "/").last.map({ String($0.split(separator: "?")[0]) }) else { return }
        try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func psql(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", adminURL, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "psql", code: Int(process.terminationStatus))
        }
    }
}
