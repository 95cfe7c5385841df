import Foundation

/// One attendee row of an event (SPEC §2.1). Unique on (eventId, providerAttendeeId).
///
/// Provider-owned fields are replaced by syncs; console-owned fields (`vip`, local check-ins,
/// print history, notes) never are (SPEC §2.4). `checkedInAt`/`checkInSource` are the current
/// state derived from the check-in log plus merged provider check-ins.
public struct Attendee: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var eventId: Int64
    public var providerAttendeeId: String
    public var orderId: String?
    // Provider-owned.
    public var name: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var company: String?
    public var jobTitle: String?
    public var ticketName: String?
    /// Tickets held beyond the first (Luma guests with several tickets show `+N`).
    public var extraTickets: Int
    public var barcode: String?
    public var status: AttendeeStatus
    /// The provider's own status text, kept verbatim (`approved`, `waitlist`, `Attending`…).
    public var providerStatus: String?
    /// When the provider reports the attendee checked in (nil if not).
    public var providerCheckedInAt: Date?
    /// Provider's change time (`changed` / `registered_at`) of the version we hold.
    public var providerChangedAt: Date?
    // Console-owned.
    public var vip: Bool
    public var notes: String?
    /// The desk's badge corrections (SPEC §13); `badgeName` etc. apply them.
    public var corrections: BadgeCorrections
    public var checkedInAt: Date?
    public var checkInSource: CheckInSource?
    /// Time of the latest local check-in log entry (CHECK_IN, UNDO, FORCE_CHECK_IN), if any.
    public var lastLocalActionAt: Date?
    public var printCount: Int
    /// Set when the attendee vanished from a full resync (SPEC §2.4 rule 5).
    public var missingFromProvider: Bool

    public init(id: Int64 = 0, eventId: Int64, providerAttendeeId: String, orderId: String? = nil,
                name: String, firstName: String? = nil, lastName: String? = nil, email: String? = nil,
                company: String? = nil, jobTitle: String? = nil, ticketName: String? = nil,
                extraTickets: Int = 0, barcode: String? = nil, status: AttendeeStatus = .attending,
                providerStatus: String? = nil, providerCheckedInAt: Date? = nil,
                providerChangedAt: Date? = nil, vip: Bool = false, notes: String? = nil,
                checkedInAt: Date? = nil, checkInSource: CheckInSource? = nil,
                lastLocalActionAt: Date? = nil, printCount: Int = 0, missingFromProvider: Bool = false,
                corrections: BadgeCorrections = BadgeCorrections()) {
        self.id = id
        self.eventId = eventId
        self.providerAttendeeId = providerAttendeeId
        self.orderId = orderId
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.company = company
        self.jobTitle = jobTitle
        self.ticketName = ticketName
        self.extraTickets = extraTickets
        self.barcode = barcode
        self.status = status
        self.providerStatus = providerStatus
        self.providerCheckedInAt = providerCheckedInAt
        self.providerChangedAt = providerChangedAt
        self.vip = vip
        self.notes = notes
        self.corrections = corrections
        self.checkedInAt = checkedInAt
        self.checkInSource = checkInSource
        self.lastLocalActionAt = lastLocalActionAt
        self.printCount = printCount
        self.missingFromProvider = missingFromProvider
    }

    public var isCheckedIn: Bool { checkedInAt != nil }

    /// Provider attendee ids of walk-ins start with this; Eventbrite ids are digits and Luma's
    /// start with `gst-`, so no provider can produce one.
    public static let walkInPrefix = "walkin-"
    /// The provider status (and source marker) of a walk-in.
    public static let walkInStatus = "WALK_IN"

    /// Registered at the desk (SPEC §13): local, never touched by a sync.
    public var isWalkIn: Bool { providerAttendeeId.hasPrefix(Self.walkInPrefix) }

    /// What the badge, the table and the card show: the correction, else the provider's value.
    public var badgeName: String { corrections.name ?? name }
    public var badgeCompany: String? { corrections.company ?? company }
    public var badgeJobTitle: String? { corrections.jobTitle ?? jobTitle }
    public var pronouns: String? { corrections.pronouns }

    /// The provider's value of a correctable field (nil for pronouns, which only the desk sets).
    public func providerValue(of field: BadgeField) -> String? {
        switch field {
        case .name: return name
        case .company: return company
        case .jobTitle: return jobTitle
        case .pronouns: return nil
        }
    }

    /// The value shown for a field: the correction, else the provider's.
    public func badgeValue(of field: BadgeField) -> String? { corrections[field] ?? providerValue(of: field) }

    /// Ticket name with `+N` for extra tickets ("VIP +1").
    public var ticketLabel: String {
        let base = ticketName ?? ""
        return extraTickets > 0 ? "\(base) +\(extraTickets)" : base
    }
}
