import BadgeCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Simulator
import TestSupport
import Testing

@Suite struct ControlAndFaultTests {
    static func eb(_ h: SimulatorHarness) -> [String: String] {
        ["Authorization": "Bearer \(h.credential(for: .eventbrite))"]
    }

    static func luma(_ h: SimulatorHarness) -> [String: String] {
        ["x-luma-api-key": h.credential(for: .luma)]
    }

    private func sim(_ h: SimulatorHarness) -> String { "http://127.0.0.1:\(h.port)/_sim" }

    @Test func controlAPIChangesWhatTheProviderServes() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 20, events: 1))
        defer { h.stop() }
        let event = try #require(h.firstEventId(.eventbrite))
        let listed = try await HTTP.get(sim(h) + "/events")
        #expect((listed.object["events"] as? [[String: Any]])?.count == 2)

        let added = try await HTTP.post(sim(h) + "/events/\(event)/registrations", json: #"{"count":3}"#)
        let ids = try #require(added.object["added"] as? [String])
        #expect(ids.count == 3)
        let target = ids[0]
        #expect(try await HTTP.post(sim(h) + "/events/\(event)/attendees/\(target)/edit",
                                    json: #"{"name":"Zoë Renamed","company":"New Co","ticketName":"VIP"}"#).status == 200)
        let other = ids[1]
        #expect(try await HTTP.post(sim(h) + "/events/\(event)/attendees/\(other)/cancel", json: #"{"refund":true}"#).status == 200)
        #expect(try await HTTP.post(sim(h) + "/events/\(event)/attendees/\(ids[2])/checkin").status == 200)

        let view = try await HTTP.get(sim(h) + "/events/\(event)/attendees")
        let attendees = try #require(view.object["attendees"] as? [[String: Any]])
        #expect(attendees.count == 23)
        let renamed = try #require(attendees.first { $0["id"] as? String == target })
        #expect(renamed["name"] as? String == "Zoë Renamed")
        #expect(renamed["ticketName"] as? String == "VIP")
        #expect(attendees.first { $0["id"] as? String == other }?["status"] as? String == "NOT_ATTENDING")
        #expect(attendees.first { $0["id"] as? String == ids[2] }?["checkedInAt"] as? String != nil)

        let page = try await HTTP.get(h.eventbriteBaseURL + "/events/\(event)/attendees/", headers: Self.eb(h))
        let served = try #require(page.object["attendees"] as? [[String: Any]])
        let servedRenamed = try #require(served.first { $0["id"] as? String == target })
        #expect((servedRenamed["profile"] as? [String: Any])?["name"] as? String == "Zoë Renamed")
        #expect(served.first { $0["id"] as? String == other }?["refunded"] as? Bool == true)
        #expect(served.first { $0["id"] as? String == ids[2] }?["checked_in"] as? Bool == true)

        let missing = try await HTTP.post(sim(h) + "/events/\(event)/attendees/999/cancel")
        #expect(missing.status == 404)
        let badTicket = try await HTTP.post(sim(h) + "/events/\(event)/attendees/\(target)/edit", json: #"{"ticketName":"Nope"}"#)
        #expect(badTicket.status == 400)
    }

    @Test func lumaCancelDeclinesAndCheckInStampsTheTicket() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 30, events: 1))
        defer { h.stop() }
        let event = try #require(h.firstEventId(.luma))
        let approved = try h.simulator.attendees(event: event).filter { $0.status == .attending && $0.checkedInAt == nil }
        try h.simulator.cancel(event: event, attendee: approved[0].providerAttendeeId)
        try h.simulator.checkIn(event: event, attendee: approved[1].providerAttendeeId)
        let page = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(event)", headers: Self.luma(h))
        let entries = try #require(page.object["entries"] as? [[String: Any]])
        let declined = try #require(entries.first { $0["id"] as? String == approved[0].providerAttendeeId })
        #expect(declined["approval_status"] as? String == "declined")
        let checked = try #require(entries.first { $0["id"] as? String == approved[1].providerAttendeeId })
        let ticket = try #require((checked["event_tickets"] as? [[String: Any]])?.first)
        let stamp = try #require(ticket["checked_in_at"] as? String)
        let view = try h.simulator.attendee(event: event, id: approved[1].providerAttendeeId)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: stamp))
        #expect(abs(parsed.timeIntervalSince(try #require(view.checkedInAt))) < 0.0005)
    }

    @Test func deletedEventAnswers404() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let eb = try #require(h.firstEventId(.eventbrite))
        let luma = try #require(h.firstEventId(.luma))
        #expect(try await HTTP.send("DELETE", sim(h) + "/events/\(eb)").status == 200)
        try h.simulator.deleteEvent(luma)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/events/\(eb)/orders/", headers: Self.eb(h)).status == 404)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(luma)", headers: Self.luma(h)).status == 404)
        #expect(h.simulator.eventIds(for: .eventbrite).isEmpty)
    }

    @Test func credentialsRevokeAndRestoreOverHTTP() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        #expect(try await HTTP.post(sim(h) + "/credentials/luma/revoke").status == 200)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h)).status == 401)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        #expect(try await HTTP.post(sim(h) + "/credentials/luma/restore").status == 200)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h)).status == 200)
    }

    @Test func statusFaultForTheNextNRequestsOnAPath() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let fault = #"{"kind":"status","status":503,"next":2,"path":"/users/me"}"#
        #expect(try await HTTP.post(sim(h) + "/faults", json: fault).status == 200)
        let orgs = try await HTTP.get(h.eventbriteBaseURL + "/users/me/organizations/", headers: Self.eb(h))
        #expect(orgs.status == 503)
        #expect(orgs.object["error"] as? String != nil)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 503)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        let luma = try await HTTP.post(sim(h) + "/faults", json: #"{"kind":"status","status":500,"body":"{\"x\":1}","next":1,"provider":"luma"}"#)
        #expect(luma.status == 200)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        let hit = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h))
        #expect(hit.status == 500)
        #expect(hit.text == #"{"x":1}"#)
    }

    @Test func resetTruncatedAndMalformedFaultsBreakTheResponse() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 60, events: 1))
        defer { h.stop() }
        let url = h.lumaBaseURL + "/v1/events/guests/list?event_id=\(h.firstEventId(.luma)!)"
        h.simulator.injectFault(FaultRule(kind: .reset, next: 1))
        await #expect(throws: (any Error).self) { _ = try await HTTP.get(url, headers: Self.luma(h)) }
        h.simulator.injectFault(FaultRule(kind: .truncated, next: 1))
        await #expect(throws: (any Error).self) { _ = try await HTTP.get(url, headers: Self.luma(h)) }
        h.simulator.injectFault(FaultRule(kind: .malformed, next: 1))
        let malformed = try await HTTP.get(url, headers: Self.luma(h))
        #expect(malformed.status == 200)
        #expect(throws: (any Error).self) { _ = try JSONSerialization.jsonObject(with: malformed.data) }
        let fine = try await HTTP.get(url, headers: Self.luma(h))
        #expect((fine.object["entries"] as? [Any])?.count == 50)
    }

    @Test func delayAndProbabilityFaults() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1, seed: 3))
        defer { h.stop() }
        h.simulator.injectFault(FaultRule(kind: .delay(ms: 50), next: 1))
        let request = ServerRequest(method: "GET", path: "/v3/users/me/", headers: ["authorization": "Bearer \(h.credential(for: .eventbrite))"])
        let delayed = h.simulator.handle(request)
        #expect(delayed.delayMs == 50)
        #expect(delayed.status == 200)
        #expect(h.simulator.handle(request).delayMs == 0)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        #expect(try await HTTP.post(sim(h) + "/faults", json: #"{"kind":"status","status":502,"probability":0.5}"#).status == 200)
        var statuses: [Int] = []
        for _ in 0..<40 { statuses.append(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status) }
        #expect(statuses.contains(502))
        #expect(statuses.contains(200))
        #expect(try await HTTP.send("DELETE", sim(h) + "/faults").status == 200)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        #expect(try await HTTP.post(sim(h) + "/faults", json: #"{"kind":"explode","next":1}"#).status == 400)
    }

    @Test func requestCountsRateLimitsClockAndTick() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let event = try #require(h.firstEventId(.eventbrite))
        _ = try await HTTP.get(h.eventbriteBaseURL + "/events/\(event)/orders/?expand=attendees", headers: Self.eb(h))
        _ = try await HTTP.get(h.eventbriteBaseURL + "/events/\(event)/orders/?page=1", headers: Self.eb(h))
        _ = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h))
        let counts = try await HTTP.get(sim(h) + "/requests")
        #expect(counts.object["total"] as? Int == 3)
        #expect((counts.object["byRoute"] as? [String: Int])?["GET /v3/events/{id}/orders/"] == 2)
        #expect(try await HTTP.post(sim(h) + "/requests/reset").status == 200)
        #expect(h.simulator.requestCounts().total == 0)

        #expect(try await HTTP.post(sim(h) + "/ratelimits", json: #"{"provider":"luma","limit":1,"windowSeconds":60}"#).status == 200)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h)).status == 200)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.luma(h)).status == 429)

        #expect(try await HTTP.post(sim(h) + "/clock", json: #"{"skewSeconds":-86400}"#).status == 200)
        let target = try h.simulator.attendees(event: event)[0].providerAttendeeId
        try h.simulator.checkIn(event: event, attendee: target)
        let stamped = try #require(try h.simulator.attendee(event: event, id: target).changedAt)
        #expect(stamped < Date().addingTimeInterval(-80_000))

        let tick = try await HTTP.post(sim(h) + "/tick", json: #"{"count":5}"#)
        #expect((tick.object["changes"] as? [Any])?.count == 5)
    }

    @Test func latencyHasDeterministicJitterAroundTheSetting() {
        let one = ProviderSimulator(config: SimulatorConfig(attendees: 1, events: 1, seed: 5, latencyMs: 100))
        let two = ProviderSimulator(config: SimulatorConfig(attendees: 1, events: 1, seed: 5, latencyMs: 100))
        let a = (0..<50).map { _ in one.nextLatencyMs() }
        let b = (0..<50).map { _ in two.nextLatencyMs() }
        #expect(a == b)
        #expect(a.allSatisfy { (80...120).contains($0) })
        #expect(Set(a).count > 5)
    }

    @Test func liveChangesArriveFromTheTimer() async throws {
        var config = SimulatorConfig(attendees: 10, events: 1, latencyMs: 30)
        config.liveRate = 6_000  // one change every 10 ms
        let h = try SimulatorHarness(config)
        defer { h.stop() }
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.eb(h)).status == 200)
        var total = 0
        for _ in 0..<200 {
            total = h.simulator.events().reduce(0) { $0 + $1.attendeeCount }
            if total > 20 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(total > 20)
    }
}
