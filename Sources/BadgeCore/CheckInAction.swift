/// One entry kind of the append-only check-in log (SPEC §2.1, §5).
public enum CheckInAction: String, Sendable, Codable, CaseIterable, Hashable {
    case checkIn = "CHECK_IN"
    case undo = "UNDO"
    case forceCheckIn = "FORCE_CHECK_IN"
}

/// Where an attendee's current check-in came from.
public enum CheckInSource: String, Sendable, Codable, CaseIterable, Hashable {
    /// Checked in at this console (or another desk sharing the database).
    case local = "LOCAL"
    /// Checked in at the provider and merged in by a sync.
    case provider = "PROVIDER"
}
