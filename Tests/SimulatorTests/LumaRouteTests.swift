import BadgeCore
import Foundation
@testable import Simulator
import TestSupport
import Testing

@Suite struct LumaRouteTests {
    static func key(_ h: SimulatorHarness) -> [String: String] {
        ["x-luma-api-key": h.credential(for: .luma)]
    }

    @Test func selfEventsAndOneEvent() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 10, events: 3))
        defer { h.stop() }
        let me = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.key(h))
        #expect((me.object["user"] as? [String: Any])?["email"] as? String == "host@example.com")
        let events = try await HTTP.get(h.lumaBaseURL + "/v1/calendars/events/list?pagination_limit=2", headers: Self.key(h))
        let entries = try #require(events.object["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(events.object["has_more"] as? Bool == true)
        let cursor = try #require(events.object["next_cursor"] as? String)
        let rest = try await HTTP.get(h.lumaBaseURL + "/v1/calendars/events/list?pagination_limit=2&pagination_cursor=\(cursor)",
                                      headers: Self.key(h))
        let more = try #require(rest.object["entries"] as? [[String: Any]])
        #expect(rest.object["has_more"] as? Bool == false)
        let ids = (entries + more).compactMap { $0["id"] as? String }
        #expect(ids == h.simulator.eventIds(for: .luma))
        let one = try await HTTP.get(h.lumaBaseURL + "/v1/events/get?event_id=\(ids[0])", headers: Self.key(h))
        #expect((one.object["event"] as? [String: Any])?["id"] as? String == ids[0])
        #expect((one.object["event"] as? [String: Any])?["start_at"] as? String != nil)
    }

    @Test func missingKeyIs400WrongKeyIs401UnknownEventIs404() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let missing = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self")
        #expect(missing.status == 400)
        #expect(missing.object["message"] as? String != nil)
        #expect(missing.object.keys.contains("code"))
        let wrong = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: ["x-luma-api-key": "nope"])
        #expect(wrong.status == 401)
        let bearer = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self",
                                        headers: ["Authorization": "Bearer \(h.credential(for: .luma))"])
        #expect(bearer.status == 400)
        let unknown = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=evt-nothing", headers: Self.key(h))
        #expect(unknown.status == 404)
        h.simulator.revokeCredential(.luma)
        #expect(try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.key(h)).status == 401)
    }

    @Test func guestsPageWithCursorToTheEndInTheFlatShape() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 730, events: 1, seed: 8))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.luma))
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            var url = h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_limit=50"
            if let cursor { url += "&pagination_cursor=\(cursor)" }
            let page = try await HTTP.get(url, headers: Self.key(h))
            #expect(page.status == 200)
            let entries = try #require(page.object["entries"] as? [[String: Any]])
            #expect(entries.count <= 50)
            #expect(entries.allSatisfy { $0["guest"] == nil && ($0["id"] as? String)?.hasPrefix("gst-") == true })
            seen += entries.compactMap { $0["id"] as? String }
            pages += 1
            cursor = page.object["has_more"] as? Bool == true ? page.object["next_cursor"] as? String : nil
        } while cursor != nil
        #expect(pages == 15)
        #expect(seen == (try h.simulator.attendees(event: id).map(\.providerAttendeeId)))
        let bad = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_cursor=zzz",
                                     headers: Self.key(h))
        #expect(bad.status == 400)
    }

    @Test func limitIsCappedAt100AndDefaultsTo50() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 250, events: 1))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.luma))
        let capped = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_limit=500",
                                        headers: Self.key(h))
        #expect((capped.object["entries"] as? [Any])?.count == 100)
        let plain = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)", headers: Self.key(h))
        #expect((plain.object["entries"] as? [Any])?.count == 50)
    }

    @Test func guestJSONHasTicketsAnswersAndQRCode() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 400, events: 1, seed: 2))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.luma))
        let page = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_limit=100&approval_status=approved",
                                      headers: Self.key(h))
        let entries = try #require(page.object["entries"] as? [[String: Any]])
        #expect(entries.allSatisfy { $0["approval_status"] as? String == "approved" })
        let guest = try #require(entries.first)
        for key in ["id", "user_id", "user_email", "user_name", "approval_status", "check_in_qr_code", "registered_at",
                    "event_tickets", "registration_answers"] {
            #expect(guest.keys.contains(key), "guest.\(key)")
        }
        let qr = try #require(guest["check_in_qr_code"] as? String)
        #expect(qr.hasPrefix("https://luma.com/check-in/\(id)?pk=g-"))
        let pk = String(qr.split(separator: "=").last!)
        let view = try h.simulator.attendee(event: id, id: guest["id"] as! String)
        #expect(view.barcode == pk)
        #expect(entries.contains { ($0["event_tickets"] as? [Any])?.count == 2 })
        let byKey = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/get?event_id=\(id)&id=\(pk)", headers: Self.key(h))
        #expect((byKey.object["guest"] as? [String: Any])?["id"] as? String == guest["id"] as? String)
    }

    @Test func sortingByColumnAndDirection() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 300, events: 1, seed: 4))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.luma))
        func column(_ sort: String, _ direction: String, _ field: String) async throws -> [String?] {
            let dir = direction.replacingOccurrences(of: " ", with: "%20")
            let page = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&pagination_limit=100"
                                          + "&sort_column=\(sort)&sort_direction=\(dir)", headers: Self.key(h))
            return (page.object["entries"] as? [[String: Any]] ?? []).map { $0[field] as? String }
        }
        let emails = try await column("email", "asc", "user_email").compactMap { $0 }
        #expect(emails.count == 100)
        #expect(emails == emails.sorted())
        let registered = try await column("registered_at", "desc nulls last", "registered_at").compactMap { $0 }
        #expect(registered == registered.sorted(by: >))
        let desc = try await column("registered_at", "desc", "registered_at")
        #expect(desc.first! == nil)  // PostgreSQL order: nulls first when descending
        let bad = try await HTTP.get(h.lumaBaseURL + "/v1/events/guests/list?event_id=\(id)&sort_column=shoe_size",
                                     headers: Self.key(h))
        #expect(bad.status == 400)
    }

    @Test func legacyRouteReturnsTheNestedShape() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 60, events: 1))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.luma))
        let page = try await HTTP.get(h.lumaBaseURL + "/public/v1/event/get-guests?event_api_id=\(id)", headers: Self.key(h))
        #expect(page.status == 200)
        let entries = try #require(page.object["entries"] as? [[String: Any]])
        #expect(entries.count == 50)
        let entry = try #require(entries.first)
        let guest = try #require(entry["guest"] as? [String: Any])
        #expect(entry["api_id"] as? String == guest["api_id"] as? String)
        #expect((guest["api_id"] as? String)?.hasPrefix("gst-") == true)
        #expect(guest["email"] as? String != nil)
        #expect((guest["event_ticket"] as? [String: Any])?["api_id"] != nil)
        #expect(page.object["has_more"] as? Bool == true)
        let cursor = try #require(page.object["next_cursor"] as? String)
        let rest = try await HTTP.get(h.lumaBaseURL + "/public/v1/event/get-guests?event_api_id=\(id)&pagination_cursor=\(cursor)",
                                      headers: Self.key(h))
        #expect((rest.object["entries"] as? [Any])?.count == 10)
        #expect(rest.object["has_more"] as? Bool == false)
    }

    @Test func rateLimitHeadersOnEveryResponseAndRetryAfterOn429() async throws {
        var config = SimulatorConfig(attendees: 5, events: 1)
        config.lumaRateLimit = 2
        let h = try SimulatorHarness(config)
        defer { h.stop() }
        let first = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.key(h))
        #expect(first.header("X-RateLimit-Limit") == "2")
        #expect(first.header("X-RateLimit-Remaining") == "1")
        #expect(Int(first.header("X-RateLimit-Reset") ?? "") != nil)
        let second = try await HTTP.get(h.lumaBaseURL + "/v1/events/get?event_id=evt-missing", headers: Self.key(h))
        #expect(second.status == 404)
        #expect(second.header("X-RateLimit-Remaining") == "0")
        let limited = try await HTTP.get(h.lumaBaseURL + "/v1/users/get-self", headers: Self.key(h))
        #expect(limited.status == 429)
        #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(limited.header("X-RateLimit-Remaining") == "0")
    }
}
