import Foundation
import Testing
import TestSupport

/// The real PostgreSQL servers the PostgreSQL tests run against (issue #14): the shared one (from
/// `.ci/test`'s BADGE_TEST_PG, or started privately) and private clusters a test may break.
@Suite struct PostgresTestServerTests {
    @Test func sharedServerMakesDistinctWorkingDatabases() throws {
        guard let server = try PostgresTestServer.requireOrSkip("shared server makes databases") else { return }
        let first = try server.createDatabase("infra")
        let second = try server.createDatabase("infra")
        defer {
            try? server.dropDatabase(url: first)
            try? server.dropDatabase(url: second)
        }
        #expect(first != second)
        #expect(first.hasPrefix("postgresql://badge@127.0.0.1:\(server.port)/infra_"))
        for url in [first, second] {
            let name = try PostgresTestServer.psql("SELECT current_database()", url: url)
            #expect(url.hasSuffix("/" + name.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(try PostgresTestServer.psql("SELECT 1", url: url).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        }
        // Each database is empty and its own: a table made in one is not in the other.
        try PostgresTestServer.psql("CREATE TABLE only_here (id int)", url: first)
        #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT * FROM only_here", url: second) }
    }

    @Test func droppedDatabaseIsGoneEvenWithAnOpenConnection() throws {
        guard let server = try PostgresTestServer.requireOrSkip("dropDatabase") else { return }
        let url = try server.createDatabase("drop")
        // A client that stays connected (psql waiting on its stdin) must not block the drop.
        let holder = try ConnectedClient(url: url)
        defer { holder.close() }
        let name = String(url.split(separator: "/").last ?? "")
        var connected = 0
        for _ in 0..<200 where connected == 0 {
            connected = Int(try PostgresTestServer.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)'", url: server.adminURL)
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if connected == 0 { usleep(50_000) }
        }
        #expect(connected == 1)
        try server.dropDatabase(url: url)
        let error = #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test func passwordRoleNeedsItsPassword() throws {
        guard let server = try PostgresTestServer.requireOrSkip("password role") else { return }
        let database = try server.createDatabase("pw", owner: PostgresTestServer.passwordRole)
        defer { try? server.dropDatabase(url: database) }
        let url = server.passwordRoleURL(database: database)
        #expect(!url.contains(PostgresTestServer.rolePassword))

        let wrong = #expect(throws: PostgresTestError.self) {
            try PostgresTestServer.psql("SELECT 1", url: url, password: "not-the-password")
        }
        expect(error: wrong, mentions: "password authentication failed")
        let none = #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }
        expect(error: none, mentions: "password")

        let who = try PostgresTestServer.psql("SELECT current_user", url: url, password: PostgresTestServer.rolePassword)
        #expect(who.trimmingCharacters(in: .whitespacesAndNewlines) == PostgresTestServer.passwordRole)
        // The password can also be in the URL; as the owner the role can create tables.
        let withPassword = server.passwordRoleURL(database: database, password: PostgresTestServer.rolePassword)
        try PostgresTestServer.psql("CREATE TABLE mine (id int)", url: withPassword)
    }

    @Test func privateClusterStopsAndStartsAgainOnTheSameURL() throws {
        guard let cluster = try PostgresTestCluster.requireOrSkip("private cluster stop/start") else { return }
        defer { cluster.shutdown() }
        let url = try cluster.createDatabase("restart")
        try PostgresTestServer.psql("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)", url: url)

        try cluster.stop(mode: .fast)
        #expect(!cluster.isRunning)
        #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }

        try cluster.start()
        #expect(try PostgresTestServer.psql("SELECT id FROM kept", url: url).trimmingCharacters(in: .whitespacesAndNewlines) == "42")

        try cluster.stop(mode: .immediate)
        #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }
        try cluster.restart()
        #expect(try PostgresTestServer.psql("SELECT count(*) FROM kept", url: url).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func privateClusterSurvivesAKilledPostmasterAndTerminatedBackends() throws {
        guard let cluster = try PostgresTestCluster.requireOrSkip("private cluster kill -9") else { return }
        let url = try cluster.createDatabase("kill")
        let directory = cluster.directory

        // A connected client is cut off by terminateBackends.
        let holder = try ConnectedClient(url: url)
        defer { holder.close() }
        var ended = 0
        for _ in 0..<200 where ended == 0 {
            ended = try cluster.terminateBackends(database: url)
            if ended == 0 { usleep(50_000) }
        }
        #expect(ended == 1)

        try cluster.killPostmaster()
        #expect(!cluster.isRunning)
        #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }
        try cluster.start()
        #expect(try PostgresTestServer.psql("SELECT 1", url: url).trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        cluster.shutdown()
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(throws: PostgresTestError.self) { try PostgresTestServer.psql("SELECT 1", url: url) }
    }
}

/// A `psql` that connects and then waits on its stdin (a pipe we hold) until closed.
private final class ConnectedClient {
    let process = Process()
    let input = Pipe()

    init(url: String) throws {
        process.executableURL = URL(fileURLWithPath: try #require(PostgresTestServer.programPath("psql")))
        process.arguments = ["-X", "-q", "-d", url]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}

private func expect(error: PostgresTestError?, mentions text: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(error?.message.contains(text) == true, "\(error?.message ?? "no error")", sourceLocation: sourceLocation)
}
