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
