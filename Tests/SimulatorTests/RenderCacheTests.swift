import BadgeCore
import Foundation
@testable import Simulator
import TestSupport
import Testing

/// The simulator reuses each attendee's encoded JSON; a change must never be served stale.
@Suite struct RenderCacheTests {
    func lumaPage(_ h: SimulatorHarness, _ id: String) async throws -> [[String: Any]] {
        let page = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_limit=50",
                                      headers: ["x-luma-api-key": h.credential(for: .luma)])
        return try #require(page.object["entries"] as? [[String: Any]])
    }

    func ebPage(_ h: SimulatorHarness, _ id: String) async throws -> [[String: Any]] {
        let page = try await HTTP.get(h.eventbriteBaseURL + "/events/\(id)/attendees/",
                                      headers: ["Authorization": "Bearer \(h.credential(for: .eventbrite))"])
        return try #require(page.object["attendees"] as? [[String: Any]])
    }

    @Test func editsCancelsAndCheckInsShowOnTheNextPageAfterAWarmCache() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 30, events: 1))
        defer { h.stop() }
        h.simulator.warmRenderCache()
        let ebWarm = try await HTTP.get(h.eventbriteBaseURL + "/events/\(try #require(h.firstEventId(.eventbrite)))/orders/?expand=attendees",
                                        headers: ["Authorization": "Bearer \(h.credential(for: .eventbrite))"])
        #expect((ebWarm.object["orders"] as? [[String: Any]])?.isEmpty == false)
        let luma = try #require(h.firstEventId(.luma))
        let before = try await lumaPage(h, luma)
        let first = try #require(before.first?["id"] as? String)
        try h.simulator.edit(event: luma, attendee: first, AttendeeEdit(name: "Zoë Renamed"))
        let afterEdit = try await lumaPage(h, luma)
        #expect(afterEdit.first { $0["id"] as? String == first }?["user_name"] as? String == "Zoë Renamed")
        // Twice in the same second: the second edit must show too.
        try h.simulator.edit(event: luma, attendee: first, AttendeeEdit(name: "Zoë Twice"))
        let again = try await lumaPage(h, luma)
        #expect(again.first { $0["id"] as? String == first }?["user_name"] as? String == "Zoë Twice")
        try h.simulator.cancel(event: luma, attendee: first)
        let cancelled = try await lumaPage(h, luma)
        #expect(cancelled.first { $0["id"] as? String == first }?["approval_status"] as? String == "declined")

        let eb = try #require(h.firstEventId(.eventbrite))
        let ebBefore = try await ebPage(h, eb)
        let ebFirst = try #require(ebBefore.first?["id"] as? String)
        #expect(ebBefore.first?["checked_in"] as? Bool == false || ebBefore.first?["checked_in"] as? Bool == true)
        try h.simulator.checkIn(event: eb, attendee: ebFirst)
        let ebAfter = try await ebPage(h, eb)
        #expect(ebAfter.first { $0["id"] as? String == ebFirst }?["checked_in"] as? Bool == true)
        // The import path: orders with their attendees expanded.
        let orders = try await HTTP.get(h.eventbriteBaseURL + "/events/\(eb)/orders/?expand=attendees&status=all_not_deleted",
                                        headers: ["Authorization": "Bearer \(h.credential(for: .eventbrite))"])
        let expanded = (orders.object["orders"] as? [[String: Any]] ?? []).flatMap { $0["attendees"] as? [[String: Any]] ?? [] }
        #expect(expanded.first { $0["id"] as? String == ebFirst }?["checked_in"] as? Bool == true)
        let added = try h.simulator.addRegistrations(event: eb, count: 3)
        let ebAdded = try await ebPage(h, eb)
        #expect(Set(added).isSubset(of: Set(ebAdded.compactMap { $0["id"] as? String })))
    }

    @Test func aCachedPageIsByteForByteAFreshRender() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 120, events: 1, seed: 5))
        defer { h.stop() }
        let luma = try #require(h.firstEventId(.luma))
        let url = h.lumaBaseURL + "/v1/events/guests/list?event_id=\(luma)&pagination_limit=50"
        let headers = ["x-luma-api-key": h.credential(for: .luma)]
        let cold = try await HTTP.get(url, headers: headers, parse: false)
        let warm = try await HTTP.get(url, headers: headers, parse: false)
        h.simulator.warmRenderCache()
        let prewarmed = try await HTTP.get(url, headers: headers, parse: false)
        #expect(cold.data == warm.data)
        #expect(cold.data == prewarmed.data)
    }
}
