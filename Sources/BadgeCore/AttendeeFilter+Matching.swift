extension AttendeeFilter {
    /// Whether a row belongs to the filter (the store implements the same rule in SQL).
    public func includes(_ a: Attendee) -> Bool {
        switch self {
        case .all: return true
        case .vip: return a.vip
        case .checkedIn: return a.isCheckedIn
        case .notCheckedIn: return a.status == .attending && !a.isCheckedIn
        case .notAttending: return a.status == .notAttending
        }
    }
}
