import BadgeCore
import Foundation

/// An event the simulator serves, as tests and the CLI banner list it.
public struct SimulatedEvent: Sendable, Equatable {
    public var provider: Provider
    public var externalId: String
    public var name: String
    public var attendeeCount: Int
    public var startsAt: Date
}

/// Provider request counts since the last reset (control calls are not counted).
public struct RequestCounts: Sendable, Equatable {
    public var total: Int
    /// Keyed by route with ids replaced, e.g. `GET /v3/events/{id}/orders/`.
    public var byRoute: [String: Int]
}

/// The Swift face of the control API (the `/_sim/` routes call these too).
extension ProviderSimulator {
    /// Events served (deleted ones excluded), optionally for one provider.
    public func events(for provider: Provider? = nil) -> [SimulatedEvent] {
        locked {
            dataset.events.filter { !$0.deleted && (provider == nil || $0.provider == provider) }.map {
                SimulatedEvent(provider: $0.provider, externalId: $0.externalId, name: $0.name,
                               attendeeCount: $0.attendees.count,
                               startsAt: Date(timeIntervalSince1970: TimeInterval($0.start)))
            }
        }
    }

    /// External ids of the events served for a provider, in order.
    public func eventIds(for provider: Provider) -> [String] {
        events(for: provider).map(\.externalId)
    }

    /// The provider's current view of an event: every attendee/guest mapped as SPEC §2.3 says a
    /// correct client maps it (so tests can compare the database with it).
    public func attendees(event: String) throws -> [ProviderAttendee] {
        try locked {
            let position = try dataset.eventPosition(event)
            let e = dataset.events[position]
            return e.attendees.map { dataset.providerAttendee($0, in: e) }
        }
    }

    /// One attendee in the provider's view.
    public func attendee(event: String, id: String) throws -> ProviderAttendee {
        try locked {
            let position = try dataset.eventPosition(event)
            guard let index = dataset.attendeePosition(id, event: position) else {
                throw SimulatorError.unknownAttendee(event: event, attendee: id)
            }
            return dataset.providerAttendee(dataset.events[position].attendees[index], in: dataset.events[position])
        }
    }

    /// Adds `count` new registrations stamped now; returns their attendee ids.
    @discardableResult
    public func addRegistrations(event: String, count: Int) throws -> [String] {
        try locked { try dataset.addRegistrations(eventId: event, count: count, now: now) }
    }

    public func edit(event: String, attendee: String, _ change: AttendeeEdit) throws {
        try locked { try dataset.edit(eventId: event, attendeeId: attendee, change, now: now) }
    }

    /// Cancels an attendee (Eventbrite `cancelled`, plus `refunded` when asked; Luma `declined`).
    public func cancel(event: String, attendee: String, refund: Bool = false) throws {
        try locked { try dataset.cancel(eventId: event, attendeeId: attendee, refund: refund, now: now) }
    }

    /// Checks the attendee in at the provider.
    public func checkIn(event: String, attendee: String) throws {
        try locked { try dataset.checkIn(eventId: event, attendeeId: attendee, now: now) }
    }

    /// Deletes the event: every route answers 404 for it afterwards.
    public func deleteEvent(_ event: String) throws {
        try locked { try dataset.deleteEvent(event) }
    }

    /// The accepted credential stops working (the provider's 401) until `restoreCredential`.
    public func revokeCredential(_ provider: Provider) { _ = locked { revoked.insert(provider) } }

    public func restoreCredential(_ provider: Provider) { _ = locked { revoked.remove(provider) } }

    public func injectFault(_ rule: FaultRule) { locked { faults.append(rule) } }

    public func clearFaults() { locked { faults.removeAll() } }

    /// Replaces a provider's budget (and starts a fresh window).
    public func setRateLimit(_ provider: Provider, limit: Int, windowSeconds: Int) {
        locked { rates[provider] = RateWindow(limit: limit, windowSeconds: windowSeconds) }
    }

    /// Zeroes request counts and the rate-limit windows.
    public func resetCounters() {
        locked {
            totalRequests = 0
            routeCounts = [:]
            for key in rates.keys { rates[key]!.reset() }
        }
    }

    public func requestCounts() -> RequestCounts {
        locked { RequestCounts(total: totalRequests, byRoute: routeCounts) }
    }

    /// Shifts the provider clock: later changes are stamped wall clock + `seconds`.
    public func setClockSkew(seconds: Int) { locked { skewSeconds = Int64(seconds) } }
}

extension ProviderSimulator {
    /// Encodes every attendee once ahead of time (`DatasetCache.rendered`): the benchmark harness
    /// calls it so the simulator's own encoding stays out of the figures it measures.
    public func warmRenderCache() {
        let snapshot = locked { dataset }
        snapshot.warmRenderCache()
    }
}
