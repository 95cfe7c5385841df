import Foundation
import BadgeCore

/// Eventbrite wire → domain (SPEC §2.3, PROVIDERS.md §1). Pure functions.
enum EventbriteMapping {
    /// Order statuses whose attendees no longer attend.
    private static let closedOrderStatuses: Set<String> = ["refunded", "deleted", "cancelled", "canceled"]
    /// Attendee `status` texts that mean not attending (the booleans decide first).
    private static let closedAttendeeStatuses: Set<String> = ["deleted", "not attending", "cancelled",
                                                              "canceled", "refunded"]

    /// Every attendee of every order of a page, in page order. Orders without attendees, and
    /// attendees without an id, contribute nothing.
    static func attendees(of orders: [EventbriteWire.Order]) -> [ProviderAttendee] {
        var out: [ProviderAttendee] = []
        out.reserveCapacity(orders.count * 2)
        for order in orders {
            guard let attendees = order.attendees else { continue }
            for wire in attendees {
                if let mapped = attendee(wire, of: order) { out.append(mapped) }
            }
        }
        return out
    }

    static func attendee(_ wire: EventbriteWire.Attendee, of order: EventbriteWire.Order) -> ProviderAttendee? {
        guard let id = wire.id.text else { return nil }
        let profile = wire.profile
        let first = trimmed(profile?.first_name.text)
        let last = trimmed(profile?.last_name.text)
        let email = trimmed(profile?.email.text)
        let joined = [first, last].compactMap { $0 }.joined(separator: " ")
        let name = trimmed(profile?.name.text) ?? (joined.isEmpty ? nil : joined) ?? email
            ?? ProviderAttendee.unnamed

        let statusText = wire.status.text
        let orderStatus = order.status.text?.lowercased()
        let closed = wire.cancelled?.value == true || wire.refunded?.value == true
            || statusText.map { closedAttendeeStatuses.contains($0.lowercased()) } == true
            || orderStatus.map { closedOrderStatuses.contains($0) } == true

        let barcodes = wire.barcodes ?? []
        let used = barcodes.first { $0.status.text?.lowercased() == "used" }
        let changed = wire.changed.text.flatMap(ISO8601.parse)
        var checkedInAt: Date?
        if wire.checked_in?.value == true || used != nil {
            checkedInAt = used?.changed.text.flatMap(ISO8601.parse) ?? changed
                ?? wire.created.text.flatMap(ISO8601.parse)
                ?? order.changed.text.flatMap(ISO8601.parse)
                ?? Date(timeIntervalSince1970: 0)
        }

        return ProviderAttendee(
            providerAttendeeId: id,
            orderId: wire.order_id.text ?? order.id.text,
            name: name,
            firstName: first,
            lastName: last,
            email: email,
            company: trimmed(profile?.company.text),
            jobTitle: trimmed(profile?.job_title.text),
            ticketName: wire.ticket_class_name.text,
            extraTickets: 0,
            barcode: barcodes.lazy.compactMap { $0.barcode.text }.first,
            status: closed ? .notAttending : .attending,
            providerStatus: statusText,
            checkedInAt: checkedInAt,
            changedAt: changed)
    }

    static func event(_ wire: EventbriteWire.Event) -> ProviderEvent? {
        guard let id = wire.id.text else { return nil }
        return ProviderEvent(
            externalId: id,
            name: wire.name?.value?.text.text ?? "Event \(id)",
            startsAt: wire.start?.value?.utc.text.flatMap(ISO8601.parse),
            endsAt: wire.end?.value?.utc.text.flatMap(ISO8601.parse),
            timezone: wire.start?.value?.timezone.text,
            registrations: wire.capacity?.value,
            status: wire.status.text)
    }

    /// "Name <email>" (primary email first), or whichever part is known.
    static func accountLabel(_ user: EventbriteWire.User) -> String {
        let emails = user.emails ?? []
        let email = (emails.first { $0.primary?.value == true } ?? emails.first)?.email.text
        let joined = [user.first_name.text, user.last_name.text].compactMap { $0 }.joined(separator: " ")
        let name = trimmed(user.name.text) ?? (joined.isEmpty ? nil : joined)
        switch (name, email) {
        case let (name?, email?): return "\(name) <\(email)>"
        case let (name?, nil): return name
        case let (nil, email?): return email
        default: return user.id.text.map { "Eventbrite user \($0)" } ?? "Eventbrite account"
        }
    }

    private static func trimmed(_ text: String?) -> String? {
        ProviderText.trimmed(text)
    }
}
