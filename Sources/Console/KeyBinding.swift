import BadgeCore
import ScreenKit

/// What a key does, independent of which key it is.
public enum Command: String, Sendable, Hashable, CaseIterable {
    case moveUp, moveDown, pageUp, pageDown, home, end
    case open, back, quit, help
    case importDialog, integrations
    case search, checkIn, undo, toggleVIP, print, cycleFilter, sync, recover
    case connect, primary
    case keepSearch, clearSearch, deleteChar, deleteWord
    case submitCredential, cancelCredential
    case confirmQuit, cancelQuit
    case signIn, nextField, toggleStation, submitPIN, cancelPIN
    case scanMode, submitScan, clearLine, toggleExpress
    case confirmCancellations
    case nextTicketTypes
    /// SPEC §13: open the walk-in / badge-correction / note form; the form's own keys.
    case walkIn, editCorrections, editNote
    case submitForm, previousField, nextChoice, previousChoice, cancelForm
    case kioskFind, kioskNext, kioskConfirm, kioskStartOver
    case reconnectAll, dismissOffer
    /// Issue #16: retry the card's failed print job, or reprint one of unknown outcome.
    case retryPrintJob
}

/// Where a binding applies. Several can be active at once (a screen plus `global`).
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case dashboard, importDialog, integrations, credentialEntry, importProgress
    case eventView, search, card, help, confirmQuit, global
    /// The scanning line (text entry: every printable key is part of a code).
    case scanScreen
    /// The login screen (text entry: only its own keys).
    case login
    /// The admin-PIN prompt for leaving station mode (text entry: only its own keys).
    case pinPrompt
    /// The walk-in / correction / note form (text entry: only its own keys).
    case form
    /// The self check-in kiosk (`badge kiosk EVENT`): its welcome screen, the typed lookup
    /// (text entry), and a result (the person's badge info or "ask at the desk").
    case kioskWelcome, kioskForm, kioskResult
    /// "Reconnect its N events?" after an integration was connected again.
    case reconnectOffer

    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .importDialog: return "Import Event"
        case .integrations: return "Integrations"
        case .credentialEntry: return "Token entry"
        case .importProgress: return "Import in progress"
        case .eventView: return "Event view"
        case .search: return "Search"
        case .card: return "Attendee card"
        case .help: return "Help"
        case .confirmQuit: return "Quit?"
        case .global: return "Everywhere"
        case .login: return "Sign in"
        case .pinPrompt: return "Admin PIN"
        case .scanScreen: return "Scan mode"
        case .form: return "Walk-in / correction / note form"
        case .kioskWelcome: return "Kiosk: welcome"
        case .kioskForm: return "Kiosk: last name and email"
        case .kioskResult: return "Kiosk: result"
        case .reconnectOffer: return "Reconnect events"
        }
    }
}

/// One row of the key table (ARCHITECTURE §3 "key bindings are data"): the same rows drive input
/// dispatch in `update`, the footer hints and the Help screen.
public struct KeyBinding: Sendable {
    public let command: Command
    public let keys: [Key]
    /// How the keys are written in hints ("↑/k", "S").
    public let label: String
    /// Short footer word ("Sync").
    public let title: String
    /// One-line help text.
    public let summary: String
    public let context: KeyContext
    /// The permission the action needs (SPEC §7); nil = anyone.
    public let permission: OperatorAction?
    /// Shown in the footer (navigation keys are in Help only).
    public let inFooter: Bool
    /// When the key does something; otherwise it is ignored (and not hinted).
    public let enabledWhen: @Sendable (AppState) -> Bool

    public init(_ command: Command, _ keys: [Key], label: String, title: String, summary: String,
                context: KeyContext, permission: OperatorAction? = nil, inFooter: Bool = true,
                enabledWhen: @escaping @Sendable (AppState) -> Bool = { _ in true }) {
        self.command = command
        self.keys = keys
        self.label = label
        self.title = title
        self.summary = summary
        self.context = context
        self.permission = permission
        self.inFooter = inFooter
        self.enabledWhen = enabledWhen
    }

    /// Admin-only bindings are hidden and refused in station mode and for staff.
    public var adminOnly: Bool { permission?.requiresAdmin ?? false }

    /// Whether the operator may use it (role and station mode).
    public func allowed(in state: AppState) -> Bool {
        guard let permission else { return true }
        return state.effectiveRole.allows(permission)
    }
}
