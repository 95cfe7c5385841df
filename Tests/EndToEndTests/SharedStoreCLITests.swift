import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// The CLI on the shared store (SPEC §11, issue #14): where the database comes from (`--db`, then
/// `BADGE_DB`, then config `database =`), `badge db init`, and the desk recorded with every
/// check-in (`--desk`, config `desk =`, default the host name). A real PostgreSQL server; skipped
/// loudly without one.
@Suite(.serialized) struct SharedStoreCLITests {
    private func psql(_ sql: String, _ url: String) throws -> String {
        try PostgresTestServer.psql(sql, url: url).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func dbInitCreatesTheSchemaOnceAndDesksRefuseADatabaseWithout() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge db init") else { return }
        let url = try server.createDatabase("cli_init")
        defer { try? server.dropDatabase(url: url) }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let refused = try badge.run(["--db", url, "events", "list"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("run `badge db init URL`"), "\(refused.stderr)")
        let first = try badge.run(["db", "init", url])
        #expect(first.status == 0)
        #expect(first.stdout.contains("badge schema created"))
        let again = try badge.run(["db", "init", url, "--json"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"schema_before\""))
        #expect(try badge.run(["--db", url, "events", "list"]).status == 0)
        let notAURL = try badge.run(["db", "init", badge.path("x.sqlite")])
        #expect(notAURL.status != 0)
        #expect(notAURL.stderr.contains("is not a PostgreSQL URL"))
    }

    @Test func theDatabaseComesFromDbThenBadgeDBThenTheConfig() throws {
        guard let server = try PostgresTestServer.requireOrSkip("database precedence") else { return }
        let url = try server.createDatabase("cli_where")
        defer { try? server.dropDatabase(url: url) }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        #expect(try badge.run(["db", "init", url]).status == 0)
        try FileManager.default.createDirectory(atPath: badge.path("config/badge"), withIntermediateDirectories: true)
        try "database = \(url)\n".write(toFile: badge.path("config/badge/config"), atomically: true, encoding: .utf8)
        // The config's server: a member added there is on the server.
        let add = try badge.run(["members", "add", "ann", "--role", "admin", "--pin-stdin"], stdin: "2468\n")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try psql("SELECT name FROM members", url) == "ann")
        // BADGE_DB beats the config, --db beats both.
        let file = badge.path("own.sqlite")
        let viaEnv = try badge.run(["members", "list", "--json"], env: ["BADGE_DB": file])
        #expect(viaEnv.stderr.contains("no database at \(file)"), "BADGE_DB wins: \(viaEnv.stderr)")
        #expect(!viaEnv.stdout.contains("ann"))
        let viaOption = try badge.run(["--db", url, "members", "list", "--json"], env: ["BADGE_DB": file])
        #expect(viaOption.stdout.contains("ann"))
    }

    @Test func everyCheckInRecordsItsDesk() throws {
        guard let server = try PostgresTestServer.requireOrSkip("desk identity") else { return }
        let url = try server.createDatabase("cli_desk")
        defer { try? server.dropDatabase(url: url) }
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 60, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        #expect(try badge.run(["db", "init", url]).status == 0)
        let env = ["BADGE_DB": url]
        #expect(try badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                               "--base-url", sim.eventbriteBaseURL], env: env).status == 0)
        let imported = try badge.run(["events", "import", "eventbrite", try #require(sim.firstEventId(.eventbrite))], env: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let ids = try psql("""
            SELECT id FROM attendees WHERE status = 'ATTENDING' AND checked_in_at IS NULL ORDER BY id LIMIT 3
            """, url).split(separator: "\n").map(String.init)
        try #require(ids.count == 3)
        #expect(try badge.run(["--desk", "door-z", "checkin", "1", ids[0]], env: env).status == 0)
        try FileManager.default.createDirectory(atPath: badge.path("config/badge"), withIntermediateDirectories: true)
        try "desk = Door Y\n".write(toFile: badge.path("config/badge/config"), atomically: true, encoding: .utf8)
        #expect(try badge.run(["checkin", "1", ids[1]], env: env).status == 0)
        try "".write(toFile: badge.path("config/badge/config"), atomically: true, encoding: .utf8)
        #expect(try badge.run(["checkin", "1", ids[2]], env: env).status == 0)
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
        let stations = try psql("SELECT station FROM checkins ORDER BY id", url).split(separator: "\n").map(String.init)
        #expect(stations == ["door-z", "Door Y", host])
        let desks = try psql("SELECT DISTINCT desk FROM audit_log WHERE action = 'CHECK_IN' ORDER BY desk", url)
        #expect(desks.split(separator: "\n").count == 3)
        // The second desk to check the same person in is told who was first, and when.
        let again = try badge.run(["--desk", "door-x", "checkin", "1", ids[0]], env: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already checked in"))
    }
}
