import BadgeCore
import Foundation
@testable import Simulator
import TestSupport
import Testing

@Suite struct EventbriteRouteTests {
    static func auth(_ h: SimulatorHarness) -> [String: String] {
        ["Authorization": "Bearer \(h.credential(for: .eventbrite))"]
    }

    @Test func whoAmIOrganizationsAndEvents() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 10, events: 2))
        defer { h.stop() }
        let me = try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h))
        #expect(me.status == 200)
        #expect((me.object["emails"] as? [[String: Any]])?.first?["email"] as? String == "organizer@example.com")
        let orgs = try await HTTP.get(h.eventbriteBaseURL + "/users/me/organizations/", headers: Self.auth(h))
        let org = try #require((orgs.object["organizations"] as? [[String: Any]])?.first?["id"] as? String)
        let events = try await HTTP.get(h.eventbriteBaseURL
            + "/organizations/\(org)/events/?status=live,started,ended&order_by=start_desc", headers: Self.auth(h))
        let list = try #require(events.object["events"] as? [[String: Any]])
        #expect(Set(list.compactMap { $0["id"] as? String }) == Set(h.simulator.eventIds(for: .eventbrite)))
        #expect((list.first?["name"] as? [String: Any])?["text"] as? String != nil)
        #expect((list.first?["start"] as? [String: Any])?["utc"] as? String != nil)
        let id = h.simulator.eventIds(for: .eventbrite)[0]
        let one = try await HTTP.get(h.eventbriteBaseURL + "/events/\(id)/", headers: Self.auth(h))
        #expect(one.object["id"] as? String == id)
        #expect(one.object["capacity"] as? Int != nil)
    }

    @Test func authErrorsUseTheProviderBody() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let missing = try await HTTP.get(h.eventbriteBaseURL + "/users/me/")
        #expect(missing.status == 401)
        #expect(missing.object["error"] as? String == "NO_AUTH")
        #expect(missing.object["status_code"] as? Int == 401)
        let wrong = try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: ["Authorization": "Bearer nope"])
        #expect(wrong.status == 401)
        #expect(wrong.object["error"] as? String == "INVALID_AUTH")
        #expect(wrong.object["error_description"] as? String != nil)
        let query = try await HTTP.get(h.eventbriteBaseURL + "/users/me/?token=\(h.credential(for: .eventbrite))")
        #expect(query.status == 200)
        h.simulator.revokeCredential(.eventbrite)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h)).status == 401)
        h.simulator.restoreCredential(.eventbrite)
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h)).status == 200)
    }

    @Test func unknownEventIs404NotFound() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { h.stop() }
        let luma = try #require(h.firstEventId(.luma))
        for path in ["/events/1/", "/events/1/orders/?expand=attendees", "/events/\(luma)/orders/"] {
            let fetched = try await HTTP.get(h.eventbriteBaseURL + path, headers: Self.auth(h))
            #expect(fetched.status == 404)
            #expect(fetched.object["error"] as? String == "NOT_FOUND")
        }
    }

    @Test func ordersPageByContinuationAndByPageNumberToTheEnd() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 1_000, events: 1, seed: 5))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.eventbrite))
        let base = h.eventbriteBaseURL + "/events/\(id)/orders/?expand=attendees&status=all_not_deleted"
        var seen: [String] = []
        var orders = 0
        var url = base
        var pages = 0
        var pageCount = 0
        while true {
            let page = try await HTTP.get(url, headers: Self.auth(h))
            #expect(page.status == 200)
            let pagination = try #require(page.object["pagination"] as? [String: Any])
            #expect(pagination["page_size"] as? Int == 50)
            pageCount = pagination["page_count"] as? Int ?? 0
            let list = try #require(page.object["orders"] as? [[String: Any]])
            #expect(list.count <= 50)
            orders += list.count
            for order in list {
                let attendees = try #require(order["attendees"] as? [[String: Any]])
                #expect((1...5).contains(attendees.count))
                seen += attendees.compactMap { $0["id"] as? String }
            }
            pages += 1
            guard pagination["has_more_items"] as? Bool == true,
                  let token = pagination["continuation"] as? String else { break }
            url = base + "&continuation=\(token)"
        }
        #expect(Set(seen).count == 1_000)
        #expect(pages == pageCount)
        #expect(orders == (try h.simulator.attendees(event: id).compactMap(\.orderId)).reduce(into: Set<String>()) { $0.insert($1) }.count)

        var byPage: [String] = []
        for n in 1...pageCount {
            let page = try await HTTP.get(base + "&page=\(n)", headers: Self.auth(h))
            let list = try #require(page.object["orders"] as? [[String: Any]])
            byPage += list.flatMap { ($0["attendees"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        }
        #expect(byPage == seen)
        let past = try await HTTP.get(base + "&page=\(pageCount + 1)", headers: Self.auth(h))
        #expect(past.status == 400)
        #expect(past.object["error"] as? String == "BAD_PAGE")
        let garbage = try await HTTP.get(base + "&continuation=not-a-token", headers: Self.auth(h))
        #expect(garbage.status == 400)
        #expect(garbage.object["error"] as? String == "BAD_CONTINUATION_TOKEN")
    }

    @Test func attendeeJSONCarriesTheDocumentedFields() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 60, events: 1))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.eventbrite))
        let page = try await HTTP.get(h.eventbriteBaseURL + "/events/\(id)/orders/?expand=attendees&status=all_not_deleted",
                                      headers: Self.auth(h))
        let order = try #require((page.object["orders"] as? [[String: Any]])?.first)
        for key in ["id", "created", "changed", "name", "email", "status", "event_id", "costs"] {
            #expect(order[key] != nil, "order.\(key)")
        }
        let attendee = try #require((order["attendees"] as? [[String: Any]])?.first)
        for key in ["id", "order_id", "event_id", "ticket_class_id", "ticket_class_name", "created", "changed",
                    "profile", "barcodes", "checked_in", "cancelled", "refunded", "status", "answers", "quantity"] {
            #expect(attendee[key] != nil, "attendee.\(key)")
        }
        let profile = try #require(attendee["profile"] as? [String: Any])
        #expect(profile["name"] as? String != nil)
        #expect(profile["email"] as? String != nil)
        let barcode = try #require((attendee["barcodes"] as? [[String: Any]])?.first)
        #expect(["unused", "used", "refunded"].contains(barcode["status"] as? String ?? ""))
        #expect((barcode["barcode"] as? String)?.allSatisfy { $0.isNumber } == true)
        let view = try h.simulator.attendee(event: id, id: attendee["id"] as! String)
        #expect(view.barcode == barcode["barcode"] as? String)
        #expect(view.ticketName == attendee["ticket_class_name"] as? String)
    }

    @Test func changedSinceIsInclusiveAndSortedByChanged() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 300, events: 1))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.eventbrite))
        let target = try h.simulator.attendees(event: id)[10].providerAttendeeId
        try h.simulator.edit(event: id, attendee: target, AttendeeEdit(company: "Changed Co"))
        let stamp = try #require(try h.simulator.attendee(event: id, id: target).changedAt)
        let since = ISOTime.format(Int64(stamp.timeIntervalSince1970))
        let url = h.eventbriteBaseURL + "/events/\(id)/orders/?expand=attendees&status=all_not_deleted&changed_since=\(since)"
        let page = try await HTTP.get(url, headers: Self.auth(h))
        let orders = try #require(page.object["orders"] as? [[String: Any]])
        let attendees = orders.flatMap { $0["attendees"] as? [[String: Any]] ?? [] }
        let edited = try #require(attendees.first { $0["id"] as? String == target })
        #expect((edited["profile"] as? [String: Any])?["company"] as? String == "Changed Co")
        let changes = orders.compactMap { $0["changed"] as? String }
        #expect(changes == changes.sorted())
        #expect(changes.allSatisfy { $0 >= since })
        let later = ISOTime.format(Int64(stamp.timeIntervalSince1970) + 3600)
        let none = try await HTTP.get(h.eventbriteBaseURL + "/events/\(id)/orders/?expand=attendees&changed_since=\(later)",
                                      headers: Self.auth(h))
        #expect((none.object["orders"] as? [Any])?.isEmpty == true)
        #expect((none.object["pagination"] as? [String: Any])?["has_more_items"] as? Bool == false)
    }

    @Test func rateLimitAnswers429WithoutRetryAfter() async throws {
        var config = SimulatorConfig(attendees: 5, events: 1)
        config.eventbriteRateLimit = 3
        let h = try SimulatorHarness(config)
        defer { h.stop() }
        for _ in 0..<3 {
            #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h)).status == 200)
        }
        let limited = try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h))
        #expect(limited.status == 429)
        #expect(limited.object["error"] as? String == "HIT_RATE_LIMIT")
        #expect(limited.header("Retry-After") == nil)
        h.simulator.resetCounters()
        #expect(try await HTTP.get(h.eventbriteBaseURL + "/users/me/", headers: Self.auth(h)).status == 200)
    }

    @Test func attendeesEndpointFiltersByStatus() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 400, events: 1, seed: 11))
        defer { h.stop() }
        let id = try #require(h.firstEventId(.eventbrite))
        let notAttending = try h.simulator.attendees(event: id).filter { $0.status == .notAttending }.count
        #expect(notAttending > 0)
        let page = try await HTTP.get(h.eventbriteBaseURL + "/events/\(id)/attendees/?status=not_attending",
                                      headers: Self.auth(h))
        let pagination = try #require(page.object["pagination"] as? [String: Any])
        #expect(pagination["object_count"] as? Int == notAttending)
        let list = try #require(page.object["attendees"] as? [[String: Any]])
        #expect(list.allSatisfy { ($0["cancelled"] as? Bool) == true || ($0["refunded"] as? Bool) == true })
    }
}
