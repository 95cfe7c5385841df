import BadgeCore
import Foundation
import Storage
import Testing

/// Issue #13 item 7: base URLs never show their user info; a connection problem is not called
/// a refused credential.
@Suite struct IntegrationWordingTests {
    @Test func listRedactsUserInfoInTheBaseURL() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        do {
            let store = try SQLiteStore.open(path: db)
            try store.saveIntegration(Integration(provider: .eventbrite, accountLabel: "Ada", credential: "EB-TOKEN-12345678",
                                                  baseURL: "https://proxy-user:hunter2@proxy.example/v3", connectedAt: Date()))
        }
        let text = try badge.run(["integrations", "list", "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("hunter2") && !text.stdout.contains("proxy-user"))
        #expect(text.stdout.contains("https://••••@proxy.example/v3"))
        let json = try badge.run(["integrations", "list", "--json", "--db", db])
        #expect(!json.stdout.contains("hunter2") && !json.stdout.contains("proxy-user"))
        #expect(json.stdout.contains("\"baseUrl\": \"https://••••@proxy.example/v3\""))
    }

    @Test func aRefusedConnectionIsNotARefusedCredential() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(["integrations", "connect", "eventbrite", "--token", "EB-TOKEN-12345678",
                                    "--base-url", "http://127.0.0.1:9/v3", "--db", badge.path("b.sqlite")])
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1)
        #expect(!result.stderr.contains("refused the credential"))
        #expect(result.stderr.hasPrefix("badge: error: could not check the credential with Eventbrite: "
                                        + "could not connect to 127.0.0.1:9: connection refused"), "\(result.stderr)")
    }
}

/// Issue #13 item 7: `--db` on another application's SQLite file changes nothing in it.
@Suite struct ForeignDatabaseTests {
    @Test func theCLIRefusesAForeignDatabaseInOneLineAndLeavesIt() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let path = badge.path("other.sqlite")
        // Another program's database: made with the sqlite3 library through our own store's
        // wrapper would stamp it, so write a minimal one by hand with the schema table only.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c",
                            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table notes(x)'); c.commit()",
                            path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "python3 with sqlite3 is needed to write a foreign database")
        _ = chmod(path, 0o644)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let result = try badge.run(["events", "list", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr == "badge: error: \(path) is not a badge database (it has other tables: notes); left untouched\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try badge.mode(of: path) == 0o644)
    }
}
