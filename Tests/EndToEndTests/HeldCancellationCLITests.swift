import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// The mass-cancellation guard through the binary (issue #13): a resync whose list came back
/// complete but empty fails with how many it would cancel and cancels no one; `events list`
/// shows the hold; `events retry` scans again; `events confirm-cancellations` (admin only)
/// applies it; a later `badge sync` against the real list brings everyone back.
@Suite struct HeldCancellationCLITests {
    static let emptyList = #"{"orders": [], "pagination": {"object_count": 0, "page_number": 1, "page_size": 50, "page_count": 1, "has_more_items": false}}"#

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func heldThenRetriedThenConfirmedByAnAdminThenRepairedBySync() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 130, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let externalId = try #require(sim.firstEventId(.eventbrite))
        let event = "eventbrite:" + externalId
        #expect(try badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                               "--base-url", sim.eventbriteBaseURL, "--db", db]).status == 0)
        #expect(try badge.run(["events", "import", "eventbrite", externalId, "--db", db]).status == 0)
        func stats() throws -> [String: Any] { try Self.json(try badge.run(["stats", event, "--json", "--db", db]).stdout) }
        func listed() throws -> [String: Any] {
            let list = try badge.run(["events", "list", "--json", "--db", db])
            return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]).first ?? [:]
        }
        let notAttending = try #require(try stats()["notAttending"] as? Int)
        let total = try #require(try stats()["totalAttendees"] as? Int)
        let attending = total - notAttending
        let emptyPage = FaultRule(kind: .status(200, body: Self.emptyList), next: 1, provider: .eventbrite, pathContains: "/orders/")

        sim.simulator.injectFault(emptyPage)
        let held = try badge.run(["sync", event, "--db", db])
        #expect(held.status == 1)
        #expect(held.stderrLines.count == 1)
        #expect(held.stderr.contains("Resync would cancel \(attending) of \(attending) attendees (100 %) — not applied"), "\(held.stderr)")
        #expect(held.stderr.contains("confirm-cancellations"))
        #expect(try stats()["notAttending"] as? Int == notAttending, "a held resync cancelled people")
        #expect(try listed()["heldCancellations"] as? Int == attending)
        #expect(try listed()["syncStatus"] as? String == "ACTIVE")

        // Admin only, like the other admin commands.
        #expect(try badge.run(["members", "add", "ann", "--role", "admin", "--pin-stdin", "--db", db], stdin: "2468\n").status == 0)
        #expect(try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann", "--db", db],
                              env: ["BADGE_PIN": "2468"], stdin: "1357\n").status == 0)
        let ann = ["BADGE_PIN": "2468"]
        let bySam = try badge.run(["events", "confirm-cancellations", event, "--operator", "sam", "--db", db], env: ["BADGE_PIN": "1357"])
        #expect(bySam.status == 1)
        #expect(bySam.stderr.contains("confirming held cancellations needs an admin (signed in as staff)"))

        // Retry against the real list: the hold clears, nobody is cancelled.
        let retried = try badge.run(["events", "retry", event, "--operator", "ann", "--db", db], env: ann)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try listed()["heldCancellations"] is NSNull)
        #expect(try stats()["notAttending"] as? Int == notAttending)
        let nothing = try badge.run(["events", "confirm-cancellations", event, "--operator", "ann", "--db", db], env: ann)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no held cancellations"))

        // Held again; the admin confirms while the list is still empty: applied.
        sim.simulator.injectFault(emptyPage)
        let heldAgain = try badge.run(["sync", event, "--operator", "sam", "--db", db], env: ["BADGE_PIN": "1357"])
        #expect(heldAgain.status == 1)
        #expect(heldAgain.stderr.contains("not applied"), "\(heldAgain.stderr)")
        sim.simulator.injectFault(emptyPage)
        let confirmed = try badge.run(["events", "confirm-cancellations", event, "--json", "--operator", "ann", "--db", db], env: ann)
        try #require(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(try Self.json(confirmed.stdout)["cancelled"] as? Int == attending)
        #expect(try listed()["heldCancellations"] is NSNull)
        #expect(try stats()["notAttending"] as? Int == total)

        // The provider's real list again: a resync brings everyone back.
        let repaired = try badge.run(["sync", event, "--operator", "sam", "--db", db], env: ["BADGE_PIN": "1357"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(try stats()["notAttending"] as? Int == notAttending)
    }
}
