import BadgeCore
import Foundation

/// Luma routes, current (`/v1/…`, flat guests) and legacy (`/public/v1/…`, nested guests)
/// (PROVIDERS.md §2). The gate runs with the lock held; routes run on a snapshot.
extension ProviderSimulator {
    static let lumaDefaultLimit = 50
    static let lumaMaxLimit = 100

    /// Auth and rate limit (lock held): the error response, or the rate-limit headers to add.
    func lumaGate(_ r: ServerRequest) -> Result<[(name: String, value: String)], PageError> {
        guard let key = r.header("x-luma-api-key"), !key.isEmpty else {
            return .failure(PageError(response: lumaError(400, "Missing x-luma-api-key header.")))
        }
        guard key == config.lumaKey, !revoked.contains(.luma) else {
            return .failure(PageError(response: lumaError(401, "Invalid API key.")))
        }
        var headers: [(name: String, value: String)] = []
        switch rates[.luma]!.take(now: clock()) {
        case .limited(let resetIn):
            headers = rateHeaders(remaining: 0, resetIn: resetIn) + [("Retry-After", String(resetIn))]
            var response = lumaError(429, "Rate limit exceeded. Try again in \(resetIn) seconds.")
            response.headers += headers
            return .failure(PageError(response: response))
        case .allowed(let remaining, let resetIn):
            headers = rateHeaders(remaining: remaining, resetIn: resetIn)
        }
        return .success(headers)
    }

    private func rateHeaders(remaining: Int, resetIn: Int) -> [(name: String, value: String)] {
        [("X-RateLimit-Limit", String(rates[.luma]!.limit)), ("X-RateLimit-Remaining", String(remaining)),
         ("X-RateLimit-Reset", String(resetIn))]
    }

    /// Answers a request that passed the gate from a dataset snapshot (no lock needed).
    func lumaRoute(_ r: ServerRequest, _ data: SimulatorDataset) -> ServerResponse {
        guard r.method == "GET" else { return lumaError(405, "Method not allowed.") }
        let legacy = r.path.hasPrefix("/public/")
        let route = legacy ? String(r.path.dropFirst("/public".count)) : r.path
        switch (legacy, route) {
        case (false, "/v1/users/get-self"), (true, "/v1/user/get-self"):
            var w = JSONWriter()
            w.beginObject()
            w.beginObject("user")
            w.string(legacy ? "api_id" : "id", "usr-" + SplitMix64.base62(SplitMix64.hash(config.seed, 0x5E1F), length: 12))
            w.string("email", "host@example.com")
            w.string("name", "Simulated Host")
            w.string("first_name", "Simulated")
            w.string("last_name", "Host")
            w.null("avatar_url")
            w.endObject()
            w.endObject()
            return .json(200, w.text)
        case (false, "/v1/calendars/events/list"), (true, "/v1/calendar/list-events"):
            return lumaEvents(r, data, legacy: legacy)
        case (false, "/v1/events/get"), (true, "/v1/event/get"):
            let position: Int
            switch lumaEvent(r, data, legacy: legacy) {
            case .success(let value): position = value
            case .failure(let error): return error.response
            }
            var w = JSONWriter()
            w.beginObject()
            if legacy { w.string("api_id", data.events[position].externalId) }
            w.raw("event", { var inner = JSONWriter(); data.writeLumaEvent(data.events[position], legacy: legacy, into: &inner); return inner.text }())
            w.beginArray("hosts")
            w.endArray()
            w.endObject()
            return .json(200, w.text)
        case (false, "/v1/events/guests/list"), (true, "/v1/event/get-guests"):
            return lumaGuests(r, data, legacy: legacy)
        case (false, "/v1/events/guests/get"), (true, "/v1/event/get-guest"):
            return lumaGuest(r, data, legacy: legacy)
        default:
            return lumaError(404, "Route not found.")
        }
    }

    /// The event named by `event_id` (legacy: `event_api_id` or `api_id`).
    private func lumaEvent(_ r: ServerRequest, _ data: SimulatorDataset, legacy: Bool) -> Result<Int, PageError> {
        let id = r.query("event_id") ?? r.query("event_api_id") ?? (legacy ? r.query("api_id") : nil)
        guard let id, !id.isEmpty else {
            return .failure(PageError(response: lumaError(400, "event_id is required.")))
        }
        guard let position = data.eventIndex[id], !data.events[position].deleted,
              data.events[position].provider == .luma else {
            return .failure(PageError(response: lumaError(404, "Event not found.")))
        }
        return .success(position)
    }

    /// (offset, limit) from `pagination_cursor` / `pagination_limit` (default 50, capped at 100).
    private func lumaWindow(_ r: ServerRequest, total: Int, salt: UInt64) -> Result<(Int, Int), PageError> {
        var limit = Self.lumaDefaultLimit
        if let text = r.query("pagination_limit"), !text.isEmpty {
            guard let value = Int(text) else {
                return .failure(PageError(response: lumaError(400, "pagination_limit must be a number.")))
            }
            limit = value < 1 ? Self.lumaDefaultLimit : min(value, Self.lumaMaxLimit)
        }
        var start = 0
        if let cursor = r.query("pagination_cursor"), !cursor.isEmpty {
            guard let offset = offset(fromToken: cursor, salt: salt) else {
                return .failure(PageError(response: lumaError(400, "Invalid pagination_cursor.")))
            }
            start = min(offset, total)
        }
        return .success((start, min(limit, total - start)))
    }

    private func writeCursor(_ w: inout JSONWriter, total: Int, offset: Int, count: Int, salt: UInt64) {
        w.bool("has_more", offset + count < total)
        w.string("next_cursor", count > 0 ? continuationToken(offset: offset + count, salt: salt) : nil)
    }

    private func lumaEvents(_ r: ServerRequest, _ data: SimulatorDataset, legacy: Bool) -> ServerResponse {
        var served = data.events.filter { $0.provider == .luma && !$0.deleted }
        if let after = r.query("after").flatMap(ISOTime.parse) { served = served.filter { $0.start >= after } }
        if let before = r.query("before").flatMap(ISOTime.parse) { served = served.filter { $0.start < before } }
        let window: (Int, Int)
        switch lumaWindow(r, total: served.count, salt: 3) {
        case .success(let value): window = value
        case .failure(let error): return error.response
        }
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("entries")
        for e in served[window.0..<(window.0 + window.1)] {
            if legacy {
                w.beginObject()
                w.string("api_id", e.externalId)
                var inner = JSONWriter()
                data.writeLumaEvent(e, legacy: true, into: &inner)
                w.raw("event", inner.text)
                w.beginArray("tags")
                w.endArray()
                w.endObject()
            } else {
                data.writeLumaEvent(e, legacy: false, into: &w)
            }
        }
        w.endArray()
        writeCursor(&w, total: served.count, offset: window.0, count: window.1, salt: 3)
        w.endObject()
        return .json(200, w.text)
    }

    private func lumaGuests(_ r: ServerRequest, _ data: SimulatorDataset, legacy: Bool) -> ServerResponse {
        let position: Int
        switch lumaEvent(r, data, legacy: legacy) {
        case .success(let value): position = value
        case .failure(let error): return error.response
        }
        let guests: [Int32]
        do {
            guests = try data.lumaGuests(position: position, sortColumn: r.query("sort_column"),
                                            direction: r.query("sort_direction"), approval: r.query("approval_status"))
        } catch SimulatorDataset.QueryError.badArgument(let name) {
            return lumaError(400, "Invalid value for \(name).")
        } catch {
            return lumaError(400, "Invalid query.")
        }
        let salt = UInt64(position) &+ 300
        let window: (Int, Int)
        switch lumaWindow(r, total: guests.count, salt: salt) {
        case .success(let value): window = value
        case .failure(let error): return error.response
        }
        var w = JSONWriter(capacity: 64 * 1024)
        w.beginObject()
        w.beginArray("entries")
        for i in window.0..<(window.0 + window.1) {
            data.writeCached(legacy ? .lumaLegacyEntry : .lumaGuest, event: position, index: Int(guests[i]), into: &w)
        }
        w.endArray()
        writeCursor(&w, total: guests.count, offset: window.0, count: window.1, salt: salt)
        w.endObject()
        return .json(200, w.text)
    }

    private func lumaGuest(_ r: ServerRequest, _ data: SimulatorDataset, legacy: Bool) -> ServerResponse {
        let position: Int
        switch lumaEvent(r, data, legacy: legacy) {
        case .success(let value): position = value
        case .failure(let error): return error.response
        }
        let id = r.query("id") ?? r.query("api_id") ?? r.query("email") ?? r.query("guest_key")
        guard let id, !id.isEmpty else { return lumaError(400, "id is required.") }
        guard let index = data.attendeePosition(id, event: position) else {
            return lumaError(404, "Guest not found.")
        }
        let e = data.events[position]
        var inner = JSONWriter()
        if legacy {
            data.writeLegacyLumaEntry(e.attendees[index], in: e, into: &inner)
            return .json(200, inner.text)
        }
        data.writeLumaGuest(e.attendees[index], in: e, into: &inner)
        return .json(200, "{\"guest\":\(inner.text)}")
    }
}
