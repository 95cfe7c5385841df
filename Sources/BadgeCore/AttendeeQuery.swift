/// Filter of the attendee table and `badge attendees --filter` (SPEC §3, §4).
public enum AttendeeFilter: String, Sendable, CaseIterable, Hashable {
    case all
    case vip
    case checkedIn = "checked-in"
    case notCheckedIn = "not-checked-in"
    case notAttending = "not-attending"

    /// The next filter in the `f` cycle (all → VIP → checked in → not checked in → not attending).
    public var next: AttendeeFilter {
        let all = AttendeeFilter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public var label: String {
        switch self {
        case .all: return "All"
        case .vip: return "VIP"
        case .checkedIn: return "Checked in"
        case .notCheckedIn: return "Not checked in"
        case .notAttending: return "Not attending"
        }
    }
}

/// Sort order of the attendee table.
public enum AttendeeSort: String, Sendable, CaseIterable, Hashable {
    case name
    case checkedInAt = "checked-in"
    case ticket
    case company
}

/// One page request against the store: filter, search text, sort, offset and limit.
public struct AttendeeQuery: Sendable, Hashable {
    public var eventId: Int64
    public var filter: AttendeeFilter
    /// Search text (name, email, company, ticket, barcode); empty = no search.
    public var search: String
    public var sort: AttendeeSort
    public var descending: Bool
    public var offset: Int
    public var limit: Int

    public init(eventId: Int64, filter: AttendeeFilter = .all, search: String = "",
                sort: AttendeeSort = .name, descending: Bool = false, offset: Int = 0, limit: Int = 100) {
        self.eventId = eventId
        self.filter = filter
        self.search = search
        self.sort = sort
        self.descending = descending
        self.offset = offset
        self.limit = limit
    }
}
