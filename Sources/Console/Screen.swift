/// The screen the console shows (SPEC §3). The station-mode admin-PIN prompt is an overlay
/// (`AppState.pinPrompt`), not a screen.
public enum Screen: Sendable, Hashable {
    /// Sign in with name and PIN (only when the database has members, SPEC §7).
    case login
    case dashboard
    case importDialog
    case integrations
    case importProgress(eventId: Int64)
    case eventView(eventId: Int64)
    case attendeeCard(attendeeId: Int64)
    /// The scanning line (SPEC §10): everything typed is a code; verdicts full width.
    case scan(eventId: Int64)
    /// The attendee-facing self check-in (`badge kiosk EVENT`, SPEC §13).
    case kiosk(eventId: Int64)
    case help
}
