/// The screen the console shows (SPEC §3). Login and station-PIN prompts arrive with their issue.
public enum Screen: Sendable, Hashable {
    case dashboard
    case importDialog
    case integrations
    case importProgress(eventId: Int64)
    case eventView(eventId: Int64)
    case attendeeCard(attendeeId: Int64)
    case help
}
