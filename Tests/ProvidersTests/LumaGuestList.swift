import Foundation
import BadgeCore
import Providers
import TestSupport

/// A tiny in-memory Luma guest list that honours `sort_column`, `sort_direction` and cursor
/// paging, for the head-scan tests (the simulator will do the same over real HTTP).
final class LumaGuestList: @unchecked Sendable {
    struct Guest {
        var id: String
        var registeredAt: Date?
        var checkedInAt: Date?
        var status = "approved"
    }

    private let lock = NSLock()
    private var guests: [Guest] = []

    func add(_ guest: Guest) { lock.withLock { guests.append(guest) } }

    func update(_ id: String, _ change: (inout Guest) -> Void) {
        lock.withLock {
            if let i = guests.firstIndex(where: { $0.id == id }) { change(&guests[i]) }
        }
    }

    var reply: StubTransport.Reply {
        .handler { [self] request in
            let column = StubTransport.query("sort_column", of: request)
            let direction = StubTransport.query("sort_direction", of: request) ?? "asc"
            let limit = Int(StubTransport.query("pagination_limit", of: request) ?? "50") ?? 50
            let offset = StubTransport.query("pagination_cursor", of: request)
                .flatMap { Int($0.dropFirst(2)) } ?? 0
            var list = lock.withLock { guests }
            if let column {
                func key(_ g: Guest) -> Date? { column == "registered_at" ? g.registeredAt : g.checkedInAt }
                let descending = direction.hasPrefix("desc")
                list.sort { a, b in
                    switch (key(a), key(b)) {
                    case let (x?, y?): return descending ? x > y : x < y
                    case (_?, nil): return true   // nulls last
                    case (nil, _?): return false
                    case (nil, nil): return a.id < b.id
                    }
                }
            }
            let page = Array(list.dropFirst(offset).prefix(limit))
            let hasMore = offset + page.count < list.count
            let entries = page.map { g -> [String: Any] in
                [
                    "id": g.id, "user_email": "\(g.id)@example.com", "user_name": "Guest \(g.id)",
                    "approval_status": g.status,
                    "registered_at": g.registeredAt.map { ISO8601.formatWithMilliseconds($0) as Any } ?? NSNull(),
                    "event_tickets": [["id": "t-\(g.id)", "name": "General Admission",
                                       "checked_in_at": g.checkedInAt.map { ISO8601.formatWithMilliseconds($0) as Any } ?? NSNull()]],
                ]
            }
            let body: [String: Any] = ["entries": entries, "has_more": hasMore,
                                       "next_cursor": "o-\(offset + page.count)"]
            return HTTPResponse(status: 200, body: try JSONSerialization.data(withJSONObject: body))
        }
    }
}
