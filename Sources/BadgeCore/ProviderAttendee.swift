import Foundation

/// One attendee as a provider describes it, already mapped by the provider client (SPEC §2.3).
/// The sync engine merges these into `Attendee` rows with `AttendeeMerge`; it never sees JSON.
public struct ProviderAttendee: Sendable, Hashable {
    /// The name shown (and printed) for a registration with neither a name nor an email: an
    /// empty name would be a blank row, card and badge (issue #13).
    public static let unnamed = "(no name)"

    public var providerAttendeeId: String
    public var orderId: String?
    public var name: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var company: String?
    public var jobTitle: String?
    public var ticketName: String?
    public var extraTickets: Int
    public var barcode: String?
    public var status: AttendeeStatus
    public var providerStatus: String?
    /// When the provider has the attendee checked in (nil if not checked in there).
    public var checkedInAt: Date?
    /// Eventbrite `changed`, Luma `registered_at` (or the latest timestamp known).
    public var changedAt: Date?

    public init(providerAttendeeId: String, orderId: String? = nil, name: String,
                firstName: String? = nil, lastName: String? = nil, email: String? = nil,
                company: String? = nil, jobTitle: String? = nil, ticketName: String? = nil,
                extraTickets: Int = 0, barcode: String? = nil, status: AttendeeStatus = .attending,
                providerStatus: String? = nil, checkedInAt: Date? = nil, changedAt: Date? = nil) {
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
        self.checkedInAt = checkedInAt
        self.changedAt = changedAt
    }
}
