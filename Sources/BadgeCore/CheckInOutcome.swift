import Foundation

/// Result of asking for a check-in, undo or force check-in (SPEC §5).
public enum CheckInOutcome: Sendable, Hashable {
    /// Appended to the log and committed; the attendee as it now is.
    case recorded(Attendee, CheckInRecord)
    /// Refused: already checked in at `at` by `by` ("PROVIDER" for provider check-ins).
    case alreadyCheckedIn(at: Date, by: String)
    /// Refused: the attendee is NOT_ATTENDING; only a force check-in may check them in.
    case notAttending
    /// Undo refused: there is no check-in to undo.
    case nothingToUndo
}
