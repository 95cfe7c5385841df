import Foundation
import BadgeCore
import ScreenKit

/// Everything the console shows, as one `Equatable` value (ARCHITECTURE §3). Only
/// `update(_:_:now:)` changes it; `render(_:size:now:)` draws it. It never holds a stored
/// credential: integrations are `IntegrationSummary`, and the only secret is what the operator is
/// typing into the masked field (`CredentialEntry`), wrapped in a redacting `Secret`.
public struct AppState: Sendable, Equatable {
    // MARK: Navigation
    public var screen: Screen
    /// Screens to return to with Esc (last = the one under the current screen).
    public var backStack: [Screen]
    public var size: Size

    // MARK: Operator
    public var operatorName: String
    public var operatorRole: OperatorRole
    /// Station mode (SPEC §7) locks the console to staff actions whatever the operator's role.
    public var stationMode: Bool
    /// Time zone for clock times on screen (checked-in HH:mm, event dates).
    public var timeZone: TimeZone
    /// The database's members (name + role only). Empty: no login, everyone is admin (SPEC §7).
    public var members: [MemberSummary]

    // MARK: PINs
    /// The login screen's fields (used while `screen == .login`).
    public var login: LoginState
    /// The admin-PIN prompt for leaving station mode, while it shows.
    public var pinPrompt: PINPromptState?
    /// Wrong PINs at the login screen and the station prompt (one counter: 5 wrong → 60 s lock).
    public var pinLockout: PINLockout
    /// The last PIN message ("Wrong PIN — 3 tries left"), shown in the login screen / prompt.
    public var pinNotice: String?

    // MARK: Data from the store and the sync engine
    public var events: [EventSummary]
    public var integrations: [IntegrationSummary]
    public var rateBudgets: [Provider: RateBudget]
    /// Several desks on a shared database: who is online, who syncs (nil on a laptop's own file).
    public var desks: DeskPresence?
    /// Print stations known to the store, with their health (issue #16; empty: none).
    public var printStations: [PrintStationStatus] = []
    /// The print station this desk sends its prints to (nil: its own printer or PDF files).
    public var printStation: String?
    /// Events with an import or re-import job running (their progress, if reported).
    public var importsRunning: [Int64: ImportProgress]
    /// Last known progress of any import (kept after it stops, for the Import failed view).
    public var importProgress: [Int64: ImportProgress]
    /// Events with a manual resync in flight: the Sync button is disabled.
    public var syncInFlight: Set<Int64>
    /// When the sync engine will retry a FAILED event by itself.
    public var nextRetryAt: [Int64: Date]

    // MARK: Screens
    public var dashboard: DashboardState
    public var importDialog: ImportDialogState
    public var integrationsScreen: IntegrationsState
    public var eventView: EventViewState?
    public var card: CardState?
    /// The walk-in / correction / note form over the current screen, while it shows (SPEC §13).
    public var form: DeskForm?
    /// The scanning line, while it shows (and kept when Help covers it).
    public var scan: ScanState?
    /// The self check-in kiosk, while it shows (`badge kiosk EVENT`).
    public var kiosk: KioskState?
    /// Config `mask_emails` (default on): station mode shows emails as "j•••@example.com"; the
    /// kiosk always does (SPEC §13).
    public var maskEmails: Bool
    /// Express scanning (SPEC §10): a valid scan checks in and prints at once; standard opens
    /// the verdict with the primary action on Enter. Per desk (config `scan_mode`), F2 toggles.
    public var expressScan: Bool
    /// Rings of the terminal bell asked for so far (the loop rings when it grows).
    public var bells: Int
    /// Keys are ignored until then (SPEC §10: after the row under the cursor left a filtered
    /// view, the next key within 500 ms does nothing).
    public var keyGuardUntil: Date?
    /// The last fast burst typed into the table's search field, when, and the search before it:
    /// a scan right after it is the rest of the same code cut in two by a hiccup (SPEC §10).
    public var burstIntoSearch: BurstIntoSearch?
    /// This desk's name (config `station`): check-ins made here read "at this desk".
    public var deskName: String
    public var helpScroll: Int

    // MARK: Messages
    public var toast: Toast?
    /// Set while "Quit anyway? (y/n)" is asked.
    public var confirmingQuit: Bool
    /// The last scanned code and when, to ignore the same code within 3 s.
    public var lastScan: ScanMemo?
    /// Attendees whose "Print badge & check in" prints once the check-in is durable.
    public var printAfterCheckIn: Set<Int64>

    public init(size: Size = Size(width: 80, height: 24), operatorName: String = "admin",
                operatorRole: OperatorRole = .admin, stationMode: Bool = false,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.screen = .dashboard
        self.backStack = []
        self.size = size
        self.operatorName = operatorName
        self.operatorRole = operatorRole
        self.stationMode = stationMode
        self.timeZone = timeZone
        self.members = []
        self.login = LoginState()
        self.pinPrompt = nil
        self.pinLockout = PINLockout()
        self.pinNotice = nil
        self.events = []
        self.integrations = []
        self.rateBudgets = [:]
        self.desks = nil
        self.importsRunning = [:]
        self.importProgress = [:]
        self.syncInFlight = []
        self.nextRetryAt = [:]
        self.dashboard = DashboardState()
        self.importDialog = ImportDialogState()
        self.integrationsScreen = IntegrationsState()
        self.eventView = nil
        self.card = nil
        self.form = nil
        self.scan = nil
        self.kiosk = nil
        self.maskEmails = true
        self.expressScan = false
        self.bells = 0
        self.keyGuardUntil = nil
        self.deskName = "console"
        self.burstIntoSearch = nil
        self.helpScroll = 0
        self.toast = nil
        self.confirmingQuit = false
        self.lastScan = nil
        self.printAfterCheckIn = []
    }

    /// The role actions are checked against: staff in station mode, and staff until signed in.
    public var effectiveRole: OperatorRole { stationMode || screen == .login ? .staff : operatorRole }

    /// True when the database has members: the console signs in with a PIN (SPEC §7).
    public var requiresLogin: Bool { !members.isEmpty }

    public func event(_ id: Int64) -> Event? { events.first { $0.event.id == id }?.event }
    public func summary(_ id: Int64) -> EventSummary? { events.first { $0.event.id == id } }
    public func integration(_ provider: Provider) -> IntegrationSummary? {
        integrations.first { $0.provider == provider }
    }

    /// The event the current screen belongs to (event view, card, import progress).
    public var currentEventId: Int64? {
        switch screen {
        case .eventView(let id), .importProgress(let id), .scan(let id), .kiosk(let id): return id
        case .attendeeCard: return card?.attendee?.eventId ?? eventView?.eventId
        case .help: return backStack.last.flatMap { s in
            if case .eventView(let id) = s { return id }
            if case .scan(let id) = s { return id }
            return nil
        } ?? eventView?.eventId
        default: return nil
        }
    }

    /// True while an import or resync job runs (quitting asks first).
    public var jobRunning: Bool { !importsRunning.isEmpty || !syncInFlight.isEmpty }

    /// The alert the event shows (SPEC §2.2), if any.
    public func alert(for eventId: Int64) -> EventAlert? {
        guard let e = event(eventId), e.purgedAt == nil else { return nil }
        return EventAlert.for(e, importRunning: importsRunning[eventId] != nil)
    }
}

/// A transient message at the bottom of the screen, gone at `expiresAt`.
public struct Toast: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
    public var expiresAt: Date
    /// The screen the message is about (an Integrations error): it goes when that screen does.
    /// nil: it follows the operator (a check-in, a print, an import finished).
    public var screen: Screen?
    public init(text: String, kind: Kind, expiresAt: Date, screen: Screen? = nil) {
        self.text = text
        self.kind = kind
        self.expiresAt = expiresAt
        self.screen = screen
    }
}

/// The last scanned code (normalised) and when it was handled.
public struct ScanMemo: Sendable, Hashable {
    public var code: String
    public var at: Date
    public init(code: String, at: Date) {
        self.code = code
        self.at = at
    }
}

public struct DashboardState: Sendable, Hashable {
    public var selected: Int = 0
    public var loaded: Bool = false
    public init() {}
}

/// The Import Event dialog: first a connected integration, then that provider's events.
public struct ImportDialogState: Sendable, Hashable {
    /// nil while choosing the integration.
    public var provider: Provider?
    public var providerEvents: [ProviderEvent] = []
    public var loading: Bool = false
    public var selected: Int = 0
    public init() {}
}

/// The Integrations screen, with the masked credential field when connecting.
public struct IntegrationsState: Sendable, Hashable {
    public var selected: Int = 0
    public var entry: CredentialEntry?
    public var connecting: Provider?
    /// After a reconnect: the provider's DISCONNECTED events, offered to reconnect all at once
    /// (issue #17: each used to wait for R on it).
    public var reconnectOffer: ReconnectOffer?
    public init() {}
}

/// "Reconnect its N events? [Enter]" after an integration was connected again.
public struct ReconnectOffer: Sendable, Hashable {
    public var provider: Provider
    public var eventIds: [Int64]
    public init(provider: Provider, eventIds: [Int64]) {
        self.provider = provider
        self.eventIds = eventIds
    }
}

/// The masked input field for a token or API key: shows one `•` per character.
public struct CredentialEntry: Sendable, Hashable {
    public var provider: Provider
    public var text: Secret
    public init(provider: Provider, text: Secret = Secret("")) {
        self.provider = provider
        self.text = text
    }
    /// What the field shows.
    public var masked: String { String(repeating: "•", count: text.value.count) }
}

/// The attendee card: the attendee, their check-in history and prints.
public struct CardState: Sendable, Hashable {
    public var attendeeId: Int64
    public var attendee: Attendee?
    public var history: [CheckInRecord]
    public var prints: [PrintRecord]
    public var loaded: Bool
    /// The badge as it will print, for the box the card had when it was asked for.
    public var preview: BadgePreview?
    /// Force check-in (of someone NOT_ATTENDING) was asked for: the next Enter or c does it,
    /// anything else cancels (issue #17: it used to happen on the first key).
    public var confirmingForce: Bool = false
    /// The attendee's latest print job when it needs the operator (failed, or sent with an
    /// unknown outcome): the card says so and R retries it (issue #16).
    public var printJob: PrintJobNotice?
    public init(attendeeId: Int64, attendee: Attendee? = nil, history: [CheckInRecord] = [],
                prints: [PrintRecord] = [], loaded: Bool = false) {
        self.attendeeId = attendeeId
        self.attendee = attendee
        self.history = history
        self.prints = prints
        self.loaded = loaded
    }

    /// The contextual primary action (SPEC §3 screen 6).
    public var primaryAction: CardAction? {
        guard let a = attendee else { return nil }
        if a.status == .notAttending && !a.isCheckedIn { return .forceCheckIn }
        guard a.isCheckedIn else { return .printAndCheckIn }
        // "Reprint" only once a badge was printed (a forced or CLI check-in prints nothing).
        return a.printCount > 0 || !prints.isEmpty ? .reprint : .print
    }
}

/// The attendee card's primary actions.
public enum CardAction: Sendable, Hashable {
    case printAndCheckIn, print, reprint, forceCheckIn
    public var label: String {
        switch self {
        case .printAndCheckIn: return "Check in & print"
        case .print: return "Print badge"
        case .reprint: return "Reprint badge"
        case .forceCheckIn: return "Force check in (asks to confirm)"
        }
    }
}

/// A fast burst that went into the search field (see `AppState.burstIntoSearch`).
public struct BurstIntoSearch: Sendable, Hashable {
    public var text: String
    public var at: Date
    public var searchBefore: String
    public var searchModeBefore: Bool
    /// The search field's text the burst was typed after.
    public var prefix: String
    public init(text: String, at: Date, searchBefore: String, searchModeBefore: Bool, prefix: String) {
        self.text = text
        self.at = at
        self.searchBefore = searchBefore
        self.searchModeBefore = searchModeBefore
        self.prefix = prefix
    }
}
