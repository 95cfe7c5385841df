import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// The whole path through the binary: connect, import, list, resync, revoked credential.
@Suite struct ImportAndSyncTests {
    @Test func importThenResyncThenRevokedCredential() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 130, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let externalId = try #require(sim.firstEventId(.eventbrite))
        let connect = try badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                                     "--base-url", sim.eventbriteBaseURL, "--db", db])
        #expect(connect.status == 0, "\(connect.stderr)")

        let imported = try badge.run(["events", "import", "eventbrite", externalId, "--json", "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(Set(result.keys).isSuperset(of: ["event", "syncStatus", "added", "updated", "cancelled", "unchanged",
                                                  "requests", "durationMs"]))
        #expect(result["syncStatus"] as? String == "ACTIVE")
        let providerCount = try sim.simulator.attendees(event: externalId).count
        #expect(result["added"] as? Int == providerCount)

        let again = try badge.run(["events", "import", "eventbrite", externalId, "--db", db])
        #expect(again.status == 1)
        #expect(again.stderrLines.count == 1)

        let list = try badge.run(["events", "list", "--json", "--db", db])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events.first?["totalAttendees"] as? Int == providerCount)

        let sync = try badge.run(["sync", "eventbrite:" + externalId, "--json", "--db", db])
        #expect(sync.status == 0, "\(sync.stderr)")
        let synced = try #require(try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any])
        #expect(synced["added"] as? Int == 0)
        #expect(synced["unchanged"] as? Int == providerCount)

        sim.simulator.revokeCredential(.eventbrite)
        let revoked = try badge.run(["sync", "eventbrite:" + externalId, "--db", db])
        #expect(revoked.status == 1)
        #expect(revoked.stderrLines.count == 1)
        #expect(!revoked.stderr.contains(sim.credential(for: .eventbrite)))
        let after = try badge.run(["events", "list", "--json", "--db", db])
        #expect(after.stdout.contains("\"syncStatus\": \"DISCONNECTED\""))
    }
}
