/// One attendee (Eventbrite, one per ticket) or guest (Luma) in compact form: indices into the
/// `NameBook` pools and epoch-second timestamps. Text is derived when a page is encoded; edits
/// live in `SimEvent.overrides`. About 64 bytes, so 100 000 attendees stay small.
struct SimAttendee {
    enum Approval: UInt8, CaseIterable {
        case approved, session, pendingApproval, invited, declined, waitlist

        var wire: String {
            switch self {
            case .approved: return "approved"
            case .session: return "session"
            case .pendingApproval: return "pending_approval"
            case .invited: return "invited"
            case .declined: return "declined"
            case .waitlist: return "waitlist"
            }
        }
    }

    /// Ordinal within the event; ids derive from it.
    var index: Int32
    /// Eventbrite order ordinal (unused for Luma).
    var order: Int32
    /// `NameBook.cultures` index, or `specialCulture` for `NameBook.specials`.
    var culture: UInt8
    var first: UInt16
    var last: UInt16
    var company: UInt16
    var job: UInt16
    var ticket: UInt8
    /// Second Luma ticket type, or `noTicket`.
    var secondTicket: UInt8
    var approval: Approval
    var cancelled: Bool
    var refunded: Bool
    /// Luma: `user_name` null (first/last still present).
    var nullName: Bool
    /// Luma: every name field null (clients fall back to the e-mail).
    var noName: Bool
    var created: Int64
    var changed: Int64
    /// Provider check-in time, 0 when not checked in.
    var checkedInAt: Int64
    /// Index into `SimEvent.overrides`, -1 when never edited.
    var override: Int32

    static let specialCulture: UInt8 = 255
    static let noTicket: UInt8 = 255
    static let noValue: UInt16 = .max

    var checkedIn: Bool { checkedInAt != 0 }
}

/// Text set by an edit (control API or live change); nil keeps the generated value.
struct AttendeeOverride {
    var name: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var company: String?
    var jobTitle: String?
}

/// An Eventbrite order: attendees `firstAttendee ..< firstAttendee + count` (contiguous).
struct SimOrder {
    var index: Int32
    var firstAttendee: Int32
    var count: Int32
    var refunded: Bool
    var created: Int64
    var changed: Int64
}
