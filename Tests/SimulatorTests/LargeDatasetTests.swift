import BadgeCore
import Foundation
@testable import Simulator
import TestSupport
import Testing

/// 100 000 attendees per provider served page by page: back to back on one keep-alive
/// connection (raw socket, minimal decoding so the test stays quick) and over several
/// concurrent URLSession connections.
@Suite(.serialized) struct LargeDatasetTests {
    static let shared: SimulatorHarness = try! SimulatorHarness(
        SimulatorConfig(attendees: 100_000, events: 1, seed: 2026, eventbriteRateLimit: 1_000_000,
                        lumaRateLimit: 1_000_000))

    struct LumaPage: Decodable {
        struct Entry: Decodable { var id: String }
        var entries: [Entry]
        var has_more: Bool
        var next_cursor: String?
    }

    struct OrdersPage: Decodable {
        struct Pagination: Decodable {
            var page_count: Int
            var has_more_items: Bool
            var continuation: String?
        }
        struct Order: Decodable {
            struct Attendee: Decodable { var id: String }
            var attendees: [Attendee]
        }
        var pagination: Pagination
        var orders: [Order]
        var ids: [String] { orders.flatMap { $0.attendees.map(\.id) } }
    }

    private func get<T: Decodable>(_ client: RawClient, _ target: String, _ header: String, as type: T.Type) throws -> T {
        client.write("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(header)\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "keep-alive")
        return try JSONDecoder().decode(T.self, from: Data(response.body.utf8))
    }

    @Test func lumaServesAll100000GuestsBackToBackOnOneConnection() throws {
        let h = Self.shared
        let event = try #require(h.firstEventId(.luma))
        let client = try RawClient(port: h.port)
        var ids = Set<String>()
        var cursor: String?
        var pages = 0
        repeat {
            var target = "/v1/events/guests/list?event_id=\(event)&pagination_limit=50"
            if let cursor { target += "&pagination_cursor=\(cursor)" }
            let page = try get(client, target, "x-luma-api-key: \(h.credential(for: .luma))", as: LumaPage.self)
            ids.formUnion(page.entries.map(\.id))
            pages += 1
            cursor = page.has_more ? page.next_cursor : nil
        } while cursor != nil && pages < 2_100
        #expect(pages == 2_000)
        #expect(ids.count == 100_000)
    }

    @Test func eventbriteServesAllAttendeesByContinuationAndByConcurrentPages() async throws {
        let h = Self.shared
        let event = try #require(h.firstEventId(.eventbrite))
        let header = "Authorization: Bearer \(h.credential(for: .eventbrite))"
        let path = "/v3/events/\(event)/orders/?expand=attendees&status=all_not_deleted"
        let client = try RawClient(port: h.port)
        var sequential: [String] = []
        var target = path
        var pageCount = 0
        while true {
            let page = try get(client, target, header, as: OrdersPage.self)
            sequential += page.ids
            pageCount = page.pagination.page_count
            guard page.pagination.has_more_items, let token = page.pagination.continuation,
                  sequential.count < 200_000 else { break }
            target = path + "&continuation=\(token)"
        }
        #expect(sequential.count == 100_000)
        #expect(Set(sequential).count == 100_000)

        let base = h.eventbriteBaseURL + "/events/\(event)/orders/?expand=attendees&status=all_not_deleted"
        let auth = ["Authorization": "Bearer \(h.credential(for: .eventbrite))"]
        let fetch: @Sendable (Int) async throws -> (Int, [String]) = { n in
            let fetched = try await HTTP.get(base + "&page=\(n)", headers: auth, parse: false)
            return (n, try JSONDecoder().decode(OrdersPage.self, from: fetched.data).ids)
        }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            var next = 1
            var results: [Int: [String]] = [:]
            while next <= min(6, pageCount) {
                let n = next
                group.addTask { try await fetch(n) }
                next += 1
            }
            while let (n, ids) = try await group.next() {
                results[n] = ids
                if next <= pageCount {
                    let m = next
                    group.addTask { try await fetch(m) }
                    next += 1
                }
            }
            return (1...pageCount).flatMap { results[$0] ?? [] }
        }
        #expect(concurrent == sequential)
    }
}
