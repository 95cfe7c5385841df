/// Everything an operator can ask for, with the role it needs (SPEC §7). The CLI, the console's
/// key table and station mode all ask `Role.allows(_:)`; nothing else decides permissions.
public enum OperatorAction: String, Sendable, CaseIterable, Hashable {
    // Staff actions.
    case checkIn, undoCheckIn, forceCheckIn, toggleVIP, manualSync, printBadge, viewAttendees
    /// SPEC §13 desk work: register a walk-in, correct a badge field, edit a note.
    case registerWalkIn, correctBadge, editNote
    // Admin actions.
    case connectIntegration, disconnectIntegration, importEvent, retryImport, reconnectEvent
    case manageTemplates, manageMembers, leaveStationMode
    /// Apply a full scan's cancellations the mass-cancellation guard held back.
    case confirmCancellations
    /// Erase an event's personal data (`badge events purge`).
    case purgeEvent

    public var requiresAdmin: Bool {
        switch self {
        case .checkIn, .undoCheckIn, .forceCheckIn, .toggleVIP, .manualSync, .printBadge, .viewAttendees,
             .registerWalkIn, .correctBadge, .editNote:
            return false
        case .connectIntegration, .disconnectIntegration, .importEvent, .retryImport, .reconnectEvent,
             .manageTemplates, .manageMembers, .leaveStationMode, .confirmCancellations, .purgeEvent:
            return true
        }
    }

    /// Human phrase for refusals: "importing an event needs an admin".
    public var phrase: String {
        switch self {
        case .checkIn: return "checking in"
        case .undoCheckIn: return "undoing a check-in"
        case .forceCheckIn: return "forcing a check-in"
        case .toggleVIP: return "changing VIP"
        case .manualSync: return "syncing"
        case .printBadge: return "printing badges"
        case .viewAttendees: return "viewing attendees"
        case .registerWalkIn: return "registering a walk-in"
        case .correctBadge: return "correcting a badge"
        case .editNote: return "editing a note"
        case .connectIntegration: return "connecting an integration"
        case .disconnectIntegration: return "disconnecting an integration"
        case .importEvent: return "importing an event"
        case .retryImport: return "retrying an import"
        case .reconnectEvent: return "reconnecting an event"
        case .manageTemplates: return "changing badge templates"
        case .manageMembers: return "managing members"
        case .leaveStationMode: return "leaving station mode"
        case .confirmCancellations: return "confirming held cancellations"
        case .purgeEvent: return "purging an event's personal data"
        }
    }
}

extension Role {
    public func allows(_ action: OperatorAction) -> Bool {
        self == .admin || !action.requiresAdmin
    }

    /// The refusal message for a staff operator, or nil when allowed.
    public func refusal(for action: OperatorAction) -> String? {
        allows(action) ? nil : "\(action.phrase) needs an admin (signed in as staff)"
    }
}
