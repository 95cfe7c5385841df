import Foundation

/// A person registered at the desk (SPEC §13). The row is local: its provider attendee id starts
/// with `Attendee.walkInPrefix` (no provider produces one), its provider status is `WALK_IN`, and
/// no sync ever changes, cancels or removes it.
public struct WalkIn: Sendable, Hashable {
    public var name: String
    public var email: String?
    public var company: String?
    public var ticketName: String?

    public init(name: String, email: String? = nil, company: String? = nil, ticketName: String? = nil) {
        self.name = name
        self.email = email
        self.company = company
        self.ticketName = ticketName
    }

    /// Why the walk-in cannot be registered, or nil: a name is required, an email must look like
    /// one, and the ticket must be one of the event's ticket names (when it has any).
    public func problem(ticketNames: [String]) -> String? {
        let n = BadgeCorrections.normalized(name)
        if n == nil { return "A walk-in needs a name" }
        if let e = BadgeCorrections.normalized(email), !e.contains("@") || e.contains(" ") {
            return "'\(e)' is not an email address"
        }
        if let t = BadgeCorrections.normalized(ticketName), !ticketNames.isEmpty, !ticketNames.contains(t) {
            return "No ticket called '\(t)' (tickets: \(ticketNames.joined(separator: ", ")))"
        }
        return nil
    }

    /// The row to insert for `eventId` with a fresh local provider id.
    public func row(eventId: Int64, id: String = UUID().uuidString.lowercased()) -> Attendee {
        let clean = BadgeCorrections.normalized
        let fullName = clean(name) ?? ProviderAttendee.unnamed
        let parts = fullName.split(separator: " ", maxSplits: 1).map(String.init)
        return Attendee(eventId: eventId, providerAttendeeId: Attendee.walkInPrefix + id, name: fullName,
                        firstName: parts.first, lastName: parts.count > 1 ? parts[1] : nil,
                        email: clean(email), company: clean(company), ticketName: clean(ticketName),
                        status: .attending, providerStatus: Attendee.walkInStatus)
    }
}
