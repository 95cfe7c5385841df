/// Whether an attendee is expected at the door (SPEC §2.1, §2.3).
public enum AttendeeStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case attending = "ATTENDING"
    case notAttending = "NOT_ATTENDING"
}
