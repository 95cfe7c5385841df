import BadgeCore
import Foundation

/// Fields an edit may change; nil leaves a field as it is.
public struct AttendeeEdit: Sendable, Equatable {
    public var name: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var company: String?
    public var jobTitle: String?
    /// One of the simulator's ticket types (General Admission, VIP, Speaker, Student, Founder Pass, Staff).
    public var ticketName: String?

    public init(name: String? = nil, firstName: String? = nil, lastName: String? = nil, email: String? = nil,
                company: String? = nil, jobTitle: String? = nil, ticketName: String? = nil) {
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.company = company
        self.jobTitle = jobTitle
        self.ticketName = ticketName
    }
}

/// A change the live generator (or `tick`) applied.
public struct LiveChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case registered, edited, cancelled, checkedIn }
    public var kind: Kind
    public var provider: Provider
    public var eventId: String
    public var attendeeId: String
}

/// Lookups and the mutations of the control API and the live generator. Every mutation bumps
/// the attendee's `changed` (and the Eventbrite order's) to `now`, like the real APIs.
extension SimulatorDataset {
    func eventPosition(_ externalId: String) throws -> Int {
        guard let position = eventIndex[externalId], !events[position].deleted else {
            throw SimulatorError.unknownEvent(externalId)
        }
        return position
    }

    /// Resolves an attendee by provider id (Eventbrite numeric id; Luma `gst-` id, guest key
    /// `g-…`, or e-mail).
    mutating func attendeePosition(_ id: String, event position: Int) -> Int? {
        let e = events[position]
        switch e.provider {
        case .eventbrite:
            guard let number = Int64(id) else { return nil }
            let index = number - e.attendeeBase
            return index >= 0 && index < Int64(e.attendees.count) ? Int(index) : nil
        case .luma:
            if lumaLookup[position]?.count != e.attendees.count * 2 {
                var map: [String: Int32] = [:]
                map.reserveCapacity(e.attendees.count * 2)
                for a in e.attendees {
                    map[attendeeId(a, in: e)] = a.index
                    map[lumaGuestKey(a, in: e)] = a.index
                }
                lumaLookup[position] = map
            }
            if let index = lumaLookup[position]?[id] { return Int(index) }
            let lower = id.lowercased()
            return e.attendees.firstIndex { email($0, in: e).lowercased() == lower }
        }
    }

    private mutating func locate(_ eventId: String, _ attendeeId: String) throws -> (Int, Int) {
        let position = try eventPosition(eventId)
        guard let index = attendeePosition(attendeeId, event: position) else {
            throw SimulatorError.unknownAttendee(event: eventId, attendee: attendeeId)
        }
        return (position, index)
    }

    private mutating func touch(_ position: Int, _ index: Int, now: Int64) {
        events[position].attendees[index].changed = now
        events[position].version += 1
        let order = events[position].attendees[index].order
        if order >= 0 { events[position].orders[Int(order)].changed = now }
    }

    /// New registrations (Eventbrite: orders of 1–3; Luma: approved guests), stamped `now`.
    mutating func addRegistrations(eventId: String, count: Int, now: Int64) throws -> [String] {
        let position = try eventPosition(eventId)
        var rng = SplitMix64(seed: SplitMix64.hash(seed, UInt64(position), UInt64(events[position].attendees.count), 77))
        var ids: [String] = []
        var added = 0
        let provider = events[position].provider
        while added < count {
            let size = provider == .eventbrite ? min(1 + rng.below(3), count - added) : 1
            let first = events[position].attendees.count
            let orderIndex: Int32 = provider == .eventbrite ? Int32(events[position].orders.count) : -1
            for j in 0..<size {
                var attendee = makeAttendee(index: first + j, order: orderIndex, created: now, provider: provider,
                                            rng: &rng)
                attendee.cancelled = false
                attendee.approval = .approved
                attendee.checkedInAt = 0
                attendee.changed = now
                events[position].attendees.append(attendee)
                ids.append(attendeeId(attendee, in: events[position]))
            }
            if provider == .eventbrite {
                events[position].orders.append(SimOrder(index: orderIndex, firstAttendee: Int32(first), count: Int32(size),
                                                        refunded: false, created: now, changed: now))
            }
            added += size
        }
        events[position].version += 1
        return ids
    }

    mutating func edit(eventId: String, attendeeId: String, _ edit: AttendeeEdit, now: Int64) throws {
        let (position, index) = try locate(eventId, attendeeId)
        if let ticket = edit.ticketName {
            guard let t = NameBook.tickets.firstIndex(where: { $0.name == ticket }) else {
                throw SimulatorError.invalidArgument("unknown ticket type \(ticket)")
            }
            events[position].attendees[index].ticket = UInt8(t)
        }
        var o = events[position].attendees[index].override
        if o < 0 {
            o = Int32(events[position].overrides.count)
            events[position].overrides.append(AttendeeOverride())
            events[position].attendees[index].override = o
        }
        var value = events[position].overrides[Int(o)]
        if let name = edit.name {
            value.name = name
            let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
            value.firstName = edit.firstName ?? parts.first ?? name
            value.lastName = edit.lastName ?? (parts.count > 1 ? parts[1] : "")
        } else {
            if let first = edit.firstName { value.firstName = first }
            if let last = edit.lastName { value.lastName = last }
            if edit.firstName != nil || edit.lastName != nil {
                let a = events[position].attendees[index]
                value.name = [value.firstName ?? firstName(a, in: events[position]),
                              value.lastName ?? lastName(a, in: events[position])]
                    .compactMap { $0 }.joined(separator: " ")
            }
        }
        if let mail = edit.email { value.email = mail }
        if let company = edit.company { value.company = company }
        if let job = edit.jobTitle { value.jobTitle = job }
        events[position].overrides[Int(o)] = value
        touch(position, index, now: now)
    }

    /// Cancels (Eventbrite: `cancelled`, plus `refunded` when asked; Luma: `declined`).
    mutating func cancel(eventId: String, attendeeId: String, refund: Bool, now: Int64) throws {
        let (position, index) = try locate(eventId, attendeeId)
        events[position].attendees[index].cancelled = true
        if refund { events[position].attendees[index].refunded = true }
        if events[position].provider == .luma { events[position].attendees[index].approval = .declined }
        touch(position, index, now: now)
    }

    /// Checks the attendee in at the provider (Eventbrite barcode `used`; Luma ticket `checked_in_at`).
    mutating func checkIn(eventId: String, attendeeId: String, now: Int64) throws {
        let (position, index) = try locate(eventId, attendeeId)
        events[position].attendees[index].checkedInAt = now
        touch(position, index, now: now)
    }

    mutating func deleteEvent(_ eventId: String) throws {
        let position = try eventPosition(eventId)
        events[position].deleted = true
        events[position].version += 1
    }

    /// One live change chosen from the seed: 40 % registration, 25 % edit, 15 % cancellation,
    /// 20 % provider check-in, on a random served event.
    mutating func liveTick(now: Int64) -> LiveChange? {
        let live = events.indices.filter { !events[$0].deleted }
        guard !live.isEmpty else { return nil }
        let position = live[liveRandom.below(live.count)]
        let e = events[position]
        let roll = liveRandom.below(100)
        if roll < 40 || e.attendees.isEmpty {
            guard let id = try? addRegistrations(eventId: e.externalId, count: 1, now: now).first else { return nil }
            return LiveChange(kind: .registered, provider: e.provider, eventId: e.externalId, attendeeId: id)
        }
        let a = e.attendees[liveRandom.below(e.attendees.count)]
        let id = attendeeId(a, in: e)
        if roll < 65 {
            let person = makeAttendee(index: Int(a.index), order: -1, created: now, provider: .eventbrite,
                                      rng: &liveRandom)
            let change: AttendeeEdit
            switch liveRandom.below(3) {
            case 0:
                let scratch = SimEvent(provider: .eventbrite, ordinal: 0, externalId: "", name: "", start: 0, end: 0,
                                       timezone: "", capacity: 0, idBase: 0, salt: 0)
                change = AttendeeEdit(name: fullName(person, in: scratch))
            case 1: change = AttendeeEdit(company: company(person, in: e) ?? "Freelance")
            default: change = AttendeeEdit(ticketName: ticketName(person.ticket))
            }
            try? edit(eventId: e.externalId, attendeeId: id, change, now: now)
            return LiveChange(kind: .edited, provider: e.provider, eventId: e.externalId, attendeeId: id)
        }
        if roll < 80 {
            try? cancel(eventId: e.externalId, attendeeId: id, refund: liveRandom.chance(0.5), now: now)
            return LiveChange(kind: .cancelled, provider: e.provider, eventId: e.externalId, attendeeId: id)
        }
        try? checkIn(eventId: e.externalId, attendeeId: id, now: now)
        return LiveChange(kind: .checkedIn, provider: e.provider, eventId: e.externalId, attendeeId: id)
    }
}
