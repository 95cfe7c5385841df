import BadgeCore
import Foundation

/// The `/_sim/` control API: JSON in, JSON out, no auth (loopback only). Errors: `{"error": "..."}`
/// with 400 (bad argument) or 404 (unknown event/attendee/route). Routes:
///
///     GET    /_sim/events                                  {"events":[{provider,id,name,attendees,baseUrl}]}
///     GET    /_sim/events/{id}/attendees                   the provider's view: {"attendees":[{id,orderId,name,
///                                                          firstName,lastName,email,company,jobTitle,ticketName,
///                                                          extraTickets,barcode,status,providerStatus,checkedInAt,changed}]}
///     POST   /_sim/events/{id}/registrations   {"count":N} {"added":[ids]}
///     POST   /_sim/events/{id}/attendees/{aid}/edit        {"name","firstName","lastName","email","company",
///                                                          "jobTitle","ticketName"} (any subset)
///     POST   /_sim/events/{id}/attendees/{aid}/cancel      {"refund":bool}
///     POST   /_sim/events/{id}/attendees/{aid}/checkin
///     DELETE /_sim/events/{id}   (or POST /_sim/events/{id}/delete)
///     POST   /_sim/credentials/{eventbrite|luma}/revoke | /restore
///     POST   /_sim/faults   {"kind":"status|delay|reset|truncated|malformed","status":503,"body":"...",
///                            "delayMs":200,"next":N | "probability":p,"provider":"luma","path":"/orders/"}
///     DELETE /_sim/faults
///     POST   /_sim/ratelimits  {"provider":"luma","limit":5,"windowSeconds":60}
///     GET    /_sim/requests    {"total":N,"byRoute":{"GET /v3/events/{id}/orders/":N}}
///     POST   /_sim/requests/reset  (or /_sim/reset): zero counts and rate windows
///     POST   /_sim/clock   {"skewSeconds":-300}
///     POST   /_sim/tick    {"count":N}  {"changes":[{kind,provider,eventId,attendeeId}]}
extension ProviderSimulator {
    func control(_ r: ServerRequest) -> ServerResponse {
        let parts = r.path.split(separator: "/").dropFirst().map(String.init)
        var body: [String: Any] = [:]
        if !r.body.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] else {
                return controlError(400, "body must be a JSON object")
            }
            body = object
        }
        do {
            return try controlRoute(r.method, parts, body)
        } catch let error as SimulatorError {
            switch error {
            case .unknownEvent, .unknownAttendee: return controlError(404, error.description)
            default: return controlError(400, error.description)
            }
        } catch {
            return controlError(500, "\(error)")
        }
    }

    private func controlError(_ status: Int, _ message: String) -> ServerResponse {
        var w = JSONWriter()
        w.beginObject()
        w.string("error", message)
        w.endObject()
        return .json(status, w.text)
    }

    private static let ok = ServerResponse.json(200, #"{"ok":true}"#)

    private func provider(_ value: Any?) throws -> Provider {
        guard let text = value as? String, let provider = Provider(name: text) else {
            throw SimulatorError.invalidArgument("provider must be eventbrite or luma")
        }
        return provider
    }

    private func controlRoute(_ method: String, _ p: [String], _ body: [String: Any]) throws -> ServerResponse {
        switch (method, p.count, p.first ?? "") {
        case ("GET", 1, "events"):
            return .json(200, encodeEvents())
        case ("GET", 3, "events") where p[2] == "attendees":
            return .json(200, encodeAttendees(try attendees(event: p[1])))
        case ("POST", 3, "events") where p[2] == "registrations":
            let count = (body["count"] as? Int) ?? 1
            guard count >= 0, count <= 1_000_000 else { throw SimulatorError.invalidArgument("count") }
            let ids = try addRegistrations(event: p[1], count: count)
            var w = JSONWriter()
            w.beginObject()
            w.beginArray("added")
            for id in ids { w.element(id) }
            w.endArray()
            w.endObject()
            return .json(200, w.text)
        case ("DELETE", 2, "events"):
            try deleteEvent(p[1])
            return Self.ok
        case ("POST", 3, "events") where p[2] == "delete":
            try deleteEvent(p[1])
            return Self.ok
        case ("POST", 5, "events") where p[2] == "attendees":
            switch p[4] {
            case "edit":
                let change = AttendeeEdit(name: body["name"] as? String, firstName: body["firstName"] as? String,
                                          lastName: body["lastName"] as? String, email: body["email"] as? String,
                                          company: body["company"] as? String, jobTitle: body["jobTitle"] as? String,
                                          ticketName: body["ticketName"] as? String)
                try edit(event: p[1], attendee: p[3], change)
            case "cancel": try cancel(event: p[1], attendee: p[3], refund: (body["refund"] as? Bool) ?? false)
            case "checkin": try checkIn(event: p[1], attendee: p[3])
            default: return controlError(404, "unknown control route")
            }
            return Self.ok
        case ("POST", 3, "credentials"):
            let which = try provider(p[1])
            switch p[2] {
            case "revoke": revokeCredential(which)
            case "restore": restoreCredential(which)
            default: return controlError(404, "unknown control route")
            }
            return Self.ok
        case ("POST", 1, "faults"):
            injectFault(try faultRule(body))
            return Self.ok
        case ("DELETE", 1, "faults"):
            clearFaults()
            return Self.ok
        case ("POST", 1, "ratelimits"):
            guard let limit = body["limit"] as? Int, limit >= 0 else { throw SimulatorError.invalidArgument("limit") }
            let which = try provider(body["provider"])
            let window = (body["windowSeconds"] as? Int)
                ?? (which == .eventbrite ? config.eventbriteRateWindowSeconds : config.lumaRateWindowSeconds)
            setRateLimit(which, limit: limit, windowSeconds: max(1, window))
            return Self.ok
        case ("GET", 1, "requests"):
            let counts = requestCounts()
            var w = JSONWriter()
            w.beginObject()
            w.int("total", counts.total)
            w.beginObject("byRoute")
            for (route, count) in counts.byRoute.sorted(by: { $0.key < $1.key }) { w.int(route, count) }
            w.endObject()
            w.endObject()
            return .json(200, w.text)
        case ("POST", 2, "requests") where p[1] == "reset":
            resetCounters()
            return Self.ok
        case ("POST", 1, "reset"):
            resetCounters()
            return Self.ok
        case ("POST", 1, "clock"):
            guard let skew = body["skewSeconds"] as? Int else { throw SimulatorError.invalidArgument("skewSeconds") }
            setClockSkew(seconds: skew)
            return Self.ok
        case ("POST", 1, "tick"):
            let changes = tick(count: (body["count"] as? Int) ?? 1)
            var w = JSONWriter()
            w.beginObject()
            w.beginArray("changes")
            for change in changes {
                w.beginObject()
                w.string("kind", change.kind.rawValue)
                w.string("provider", change.provider.rawValue)
                w.string("eventId", change.eventId)
                w.string("attendeeId", change.attendeeId)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return .json(200, w.text)
        default:
            return controlError(404, "unknown control route \(method) /_sim/\(p.joined(separator: "/"))")
        }
    }

    /// `{"kind": "status|delay|reset|truncated|malformed", "status", "body", "delayMs", "next",
    /// "probability", "provider", "path"}`.
    private func faultRule(_ body: [String: Any]) throws -> FaultRule {
        let kind: FaultRule.Kind
        switch body["kind"] as? String {
        case "status":
            guard let status = body["status"] as? Int, (100...599).contains(status) else {
                throw SimulatorError.invalidArgument("status")
            }
            kind = .status(status, body: body["body"] as? String)
        case "delay":
            guard let ms = body["delayMs"] as? Int, ms >= 0 else { throw SimulatorError.invalidArgument("delayMs") }
            kind = .delay(ms: ms)
        case "reset": kind = .reset
        case "truncated": kind = .truncated
        case "malformed": kind = .malformed
        default: throw SimulatorError.invalidArgument("kind must be status, delay, reset, truncated or malformed")
        }
        let next = body["next"] as? Int
        let probability = (body["probability"] as? Double) ?? (body["probability"] as? Int).map(Double.init)
        if next == nil && probability == nil { throw SimulatorError.invalidArgument("next or probability") }
        let only = try body["provider"].map { try provider($0) }
        return FaultRule(kind: kind, next: next, probability: probability, provider: only,
                         pathContains: body["path"] as? String)
    }

    private func encodeEvents() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("events")
        for e in events() {
            w.beginObject()
            w.string("provider", e.provider.rawValue)
            w.string("id", e.externalId)
            w.string("name", e.name)
            w.int("attendees", e.attendeeCount)
            w.string("baseUrl", baseURL(for: e.provider))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    private func encodeAttendees(_ list: [ProviderAttendee]) -> String {
        var w = JSONWriter(capacity: list.count * 300)
        w.beginObject()
        w.beginArray("attendees")
        for a in list {
            w.beginObject()
            w.string("id", a.providerAttendeeId)
            w.string("orderId", a.orderId)
            w.string("name", a.name)
            w.string("firstName", a.firstName)
            w.string("lastName", a.lastName)
            w.string("email", a.email)
            w.string("company", a.company)
            w.string("jobTitle", a.jobTitle)
            w.string("ticketName", a.ticketName)
            w.int("extraTickets", a.extraTickets)
            w.string("barcode", a.barcode)
            w.string("status", a.status.rawValue)
            w.string("providerStatus", a.providerStatus)
            w.string("checkedInAt", a.checkedInAt.map { ISOTime.format(Int64($0.timeIntervalSince1970)) })
            w.string("changed", a.changedAt.map { ISOTime.format(Int64($0.timeIntervalSince1970)) })
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }
}
