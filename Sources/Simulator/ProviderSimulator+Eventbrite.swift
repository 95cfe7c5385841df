import BadgeCore
import Foundation

/// Eventbrite v3 routes (PROVIDERS.md §1). The gate runs with the lock held; routes run on a snapshot.
extension ProviderSimulator {
    static let eventbritePageSize = 50

    var organizationId: String { String(seedBase / 100 + 17) }

    /// Auth, rate limit and method checks (lock held): an error response, or nil to route.
    func eventbriteGate(_ r: ServerRequest) -> ServerResponse? {
        let token: String?
        if let header = r.header("authorization") {
            guard header.lowercased().hasPrefix("bearer ") else {
                return eventbriteError(401, "INVALID_AUTH_HEADER", "The Authorization header is not a Bearer token.")
            }
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else {
            token = r.query("token")
        }
        guard let token, !token.isEmpty else {
            return eventbriteError(401, "NO_AUTH", "An OAuth token is required for this request.")
        }
        guard token == config.eventbriteToken, !revoked.contains(.eventbrite) else {
            return eventbriteError(401, "INVALID_AUTH", "The OAuth token you provided was invalid.")
        }
        if case .limited = rates[.eventbrite]!.take(now: clock()) {
            return eventbriteError(429, "HIT_RATE_LIMIT", "Hourly rate limit has been reached for this token.")
        }
        guard r.method == "GET" else {
            return eventbriteError(405, "METHOD_NOT_ALLOWED", "Only GET is simulated.")
        }
        return nil
    }

    /// Answers a request that passed the gate from a dataset snapshot (no lock needed).
    func eventbriteRoute(_ r: ServerRequest, _ data: SimulatorDataset) -> ServerResponse {
        let parts = r.path.split(separator: "/").map(String.init)
        switch parts.count {
        case 3 where parts[1] == "users" && parts[2] == "me":
            return eventbriteMe()
        case 4 where parts[1] == "users" && parts[2] == "me" && parts[3] == "organizations":
            var w = JSONWriter()
            w.beginObject()
            w.beginArray("organizations")
            w.beginObject()
            w.string("_type", "organization")
            w.string("name", "Simulated Events Ltd")
            w.string("vertical", "default")
            w.null("image_id")
            w.string("id", organizationId)
            w.endObject()
            w.endArray()
            writePagination(&w, total: 1, offset: 0, count: 1, salt: 0)
            w.endObject()
            return .json(200, w.text)
        case 4 where parts[1] == "organizations" && parts[3] == "events":
            guard parts[2] == organizationId else {
                return eventbriteError(404, "NOT_FOUND", "The organization you requested does not exist.")
            }
            return eventbriteEvents(r, data)
        case 3 where parts[1] == "events", 4 where parts[1] == "events":
            guard let position = data.eventIndex[parts[2]], !data.events[position].deleted,
                  data.events[position].provider == .eventbrite else {
                return eventbriteError(404, "NOT_FOUND", "The event you requested does not exist.")
            }
            if parts.count == 3 {
                var w = JSONWriter()
                data.writeEventbriteEvent(data.events[position], organizationId: organizationId, into: &w)
                return .json(200, w.text)
            }
            switch parts[3] {
            case "orders": return eventbriteOrders(r, data, position: position)
            case "attendees": return eventbriteAttendees(r, data, position: position)
            default: break
            }
        default:
            break
        }
        return eventbriteError(404, "NOT_FOUND", "The path you requested does not exist.")
    }

    private func eventbriteMe() -> ServerResponse {
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("emails")
        w.beginObject()
        w.string("email", "organizer@example.com")
        w.bool("verified", true)
        w.bool("primary", true)
        w.endObject()
        w.endArray()
        w.string("id", String(seedBase / 1000 + 3))
        w.string("name", "Simulated Organizer")
        w.string("first_name", "Simulated")
        w.string("last_name", "Organizer")
        w.bool("is_public", false)
        w.null("image_id")
        w.endObject()
        return .json(200, w.text)
    }

    private func eventbriteEvents(_ r: ServerRequest, _ data: SimulatorDataset) -> ServerResponse {
        var served = data.events.filter { $0.provider == .eventbrite && !$0.deleted }
        if let status = r.query("status"), !status.isEmpty {
            let wanted = status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if !wanted.contains("live") && !wanted.contains("all") { served = [] }
        }
        if r.query("order_by") == "start_desc" { served.sort { $0.start > $1.start } }
        let window: (Int, Int)
        switch pageWindow(r, total: served.count, salt: 1) {
        case .success(let value): window = value
        case .failure(let error): return error.response
        }
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("events")
        for e in served[window.0..<(window.0 + window.1)] {
            data.writeEventbriteEvent(e, organizationId: organizationId, into: &w)
        }
        w.endArray()
        writePagination(&w, total: served.count, offset: window.0, count: window.1, salt: 1)
        w.endObject()
        return .json(200, w.text)
    }

    private func changedSince(_ r: ServerRequest) -> Result<Int64?, PageError> {
        guard let text = r.query("changed_since"), !text.isEmpty else { return .success(nil) }
        guard let value = ISOTime.parse(text) else {
            return .failure(PageError(response: eventbriteError(400, "ARGUMENTS_ERROR",
                                                                "changed_since: Enter a valid date/time.")))
        }
        return .success(value)
    }

    private func eventbriteOrders(_ r: ServerRequest, _ data: SimulatorDataset, position: Int) -> ServerResponse {
        let since: Int64?
        switch changedSince(r) {
        case .success(let value): since = value
        case .failure(let error): return error.response
        }
        guard let orders = try? data.eventbriteOrders(position: position, status: r.query("status"),
                                                         changedSince: since) else {
            return eventbriteError(400, "ARGUMENTS_ERROR", "status: Select a valid choice.")
        }
        let salt = UInt64(position) &+ 100
        let window: (Int, Int)
        switch pageWindow(r, total: orders.count, salt: salt) {
        case .success(let value): window = value
        case .failure(let error): return error.response
        }
        let expand = (r.query("expand") ?? "").split(separator: ",").contains("attendees")
        var w = JSONWriter(capacity: 64 * 1024)
        w.beginObject()
        writePagination(&w, total: orders.count, offset: window.0, count: window.1, salt: salt)
        w.beginArray("orders")
        for i in window.0..<(window.0 + window.1) {
            data.writeCached(expand ? .eventbriteOrderExpanded : .eventbriteOrder, event: position, index: Int(orders[i]),
                             into: &w)
        }
        w.endArray()
        w.endObject()
        return .json(200, w.text)
    }

    private func eventbriteAttendees(_ r: ServerRequest, _ data: SimulatorDataset, position: Int) -> ServerResponse {
        let since: Int64?
        switch changedSince(r) {
        case .success(let value): since = value
        case .failure(let error): return error.response
        }
        guard let attendees = try? data.eventbriteAttendees(position: position, status: r.query("status"),
                                                               changedSince: since) else {
            return eventbriteError(400, "ARGUMENTS_ERROR", "status: Select a valid choice.")
        }
        let salt = UInt64(position) &+ 200
        let window: (Int, Int)
        switch pageWindow(r, total: attendees.count, salt: salt) {
        case .success(let value): window = value
        case .failure(let error): return error.response
        }
        var w = JSONWriter(capacity: 64 * 1024)
        w.beginObject()
        writePagination(&w, total: attendees.count, offset: window.0, count: window.1, salt: salt)
        w.beginArray("attendees")
        for i in window.0..<(window.0 + window.1) {
            data.writeCached(.eventbriteAttendee, event: position, index: Int(attendees[i]), into: &w)
        }
        w.endArray()
        w.endObject()
        return .json(200, w.text)
    }
}
