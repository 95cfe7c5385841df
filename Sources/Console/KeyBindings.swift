import BadgeCore
import ScreenKit

/// The one key table of the console and the queries over it.
public enum KeyBindings {
    /// Active contexts for a state, most specific first.
    public static func contexts(for state: AppState) -> [KeyContext] {
        if state.confirmingQuit { return [.confirmQuit] }
        if state.pinPrompt != nil { return [.pinPrompt] }
        if state.form != nil { return [.form] }
        switch state.screen {
        case .login: return [.login]
        case .dashboard: return [.dashboard, .global]
        case .importDialog: return [.importDialog, .global]
        case .integrations:
            if state.integrationsScreen.entry != nil { return [.credentialEntry] }
            return state.integrationsScreen.reconnectOffer != nil ? [.reconnectOffer, .global] : [.integrations, .global]
        case .importProgress: return [.importProgress, .global]
        case .eventView: return state.eventView?.searchMode == true ? [.search] : [.eventView, .global]
        case .attendeeCard: return [.card, .global]
        case .scan: return [.scanScreen]
        case .kiosk:
            switch state.kiosk?.phase ?? .welcome {
            case .welcome: return [.kioskWelcome]
            case .form: return [.kioskForm]
            default: return [.kioskResult]
            }
        case .help: return [.help, .global]
        }
    }

    /// The binding a key triggers in this state (whether or not it is enabled or allowed).
    public static func binding(for key: Key, in state: AppState) -> KeyBinding? {
        for context in contexts(for: state) {
            if let b = all.first(where: { $0.context == context && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// Footer hints: enabled, allowed bindings of the active contexts, in table order; a key
    /// taken by a more specific context is not hinted again.
    public static func footer(for state: AppState) -> [KeyBinding] {
        var taken = Set<Key>()
        var out: [KeyBinding] = []
        for ctx in contexts(for: state) {
            let rows = all.filter { $0.context == ctx }
            for b in rows where b.inFooter && b.allowed(in: state) && b.enabledWhen(state)
                && !b.keys.allSatisfy(taken.contains) {
                out.append(b)
            }
            for b in rows { taken.formUnion(b.keys) }
        }
        return out
    }

    /// Help screen sections: every binding the operator may use, grouped by context; the
    /// contexts of the screen under the help come first.
    public static func helpSections(for state: AppState) -> [(context: KeyContext, bindings: [KeyBinding])] {
        var under = state
        under.screen = state.screen == .help ? (state.backStack.last ?? .dashboard) : state.screen
        let first = contexts(for: under)
        let order = first + KeyContext.allCases.filter { !first.contains($0) }
        return order.compactMap { ctx in
            let rows = all.filter { $0.context == ctx && $0.allowed(in: state) }
            return rows.isEmpty ? nil : (ctx, rows)
        }
    }

    // MARK: Predicates

    /// A row to act on: none in a purged event (its rows hold no one's data any more).
    static func hasSelection(_ s: AppState) -> Bool {
        s.eventView?.selectedAttendee != nil && s.eventView.flatMap { s.event($0.eventId)?.purgedAt } == nil
    }
    static func hasAlert(_ s: AppState) -> Bool { s.currentEventId.flatMap { s.alert(for: $0) } != nil }
    static func canSync(_ s: AppState) -> Bool {
        guard let id = s.eventView?.eventId, let e = s.event(id), e.purgedAt == nil else { return false }
        return !s.syncInFlight.contains(id) && (e.syncStatus == .active || e.syncStatus == .failed)
    }
    static func hasCard(_ s: AppState) -> Bool { s.card?.attendee != nil }
    static func hasPrintJobToRetry(_ s: AppState) -> Bool { s.card?.attendee != nil && s.card?.printJob != nil }
    /// The open event still holds personal data (not purged): people can be added to it.
    static func eventLive(_ s: AppState) -> Bool {
        guard let id = s.eventView?.eventId, let e = s.event(id) else { return false }
        return e.purgedAt == nil
    }

    // MARK: The table

    public static let all: [KeyBinding] = [
        // Dashboard
        KeyBinding(.moveUp, [.up, .char("k")], label: "↑/k", title: "Up", summary: "Previous event",
                   context: .dashboard, inFooter: false),
        KeyBinding(.moveDown, [.down, .char("j")], label: "↓/j", title: "Down", summary: "Next event",
                   context: .dashboard, inFooter: false),
        KeyBinding(.open, [.enter], label: "Enter", title: "Open", summary: "Open the event (import progress while PENDING)",
                   context: .dashboard, enabledWhen: { !$0.events.isEmpty }),
        KeyBinding(.importDialog, [.char("i")], label: "i", title: "Import", summary: "Import an event from a provider",
                   context: .dashboard, permission: .importEvent),
        KeyBinding(.integrations, [.char("I")], label: "I", title: "Integrations", summary: "Connect Eventbrite or Luma",
                   context: .dashboard, permission: .connectIntegration),

        // Import dialog
        KeyBinding(.moveUp, [.up, .char("k")], label: "↑/k", title: "Up", summary: "Previous entry",
                   context: .importDialog, inFooter: false),
        KeyBinding(.moveDown, [.down, .char("j")], label: "↓/j", title: "Down", summary: "Next entry",
                   context: .importDialog, inFooter: false),
        KeyBinding(.open, [.enter], label: "Enter", title: "Select", summary: "Pick the integration / import the event",
                   context: .importDialog, permission: .importEvent),
        KeyBinding(.back, [.escape], label: "Esc", title: "Back", summary: "Back", context: .importDialog),

        // Integrations
        KeyBinding(.moveUp, [.up, .char("k")], label: "↑/k", title: "Up", summary: "Previous provider",
                   context: .integrations, inFooter: false),
        KeyBinding(.moveDown, [.down, .char("j")], label: "↓/j", title: "Down", summary: "Next provider",
                   context: .integrations, inFooter: false),
        KeyBinding(.connect, [.enter, .char("c")], label: "Enter/c", title: "Connect",
                   summary: "Connect or reconnect: enter a token / API key", context: .integrations,
                   permission: .connectIntegration),
        KeyBinding(.back, [.escape], label: "Esc", title: "Back", summary: "Back", context: .integrations),

        // Credential entry
        KeyBinding(.submitCredential, [.enter], label: "Enter", title: "Connect", summary: "Verify and save the credential",
                   context: .credentialEntry, permission: .connectIntegration,
                   enabledWhen: { !($0.integrationsScreen.entry?.text.value.isEmpty ?? true) }),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .credentialEntry, inFooter: false),
        KeyBinding(.cancelCredential, [.escape], label: "Esc", title: "Cancel", summary: "Cancel", context: .credentialEntry),
        // Ctrl-C quits from text fields too (the console reads it as a key, not as SIGINT).
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Quit", summary: "Quit (asks first while a job runs)",
                   context: .credentialEntry, inFooter: false),

        // Reconnect the integration's events
        KeyBinding(.reconnectAll, [.enter], label: "Enter", title: "Reconnect all",
                   summary: "Re-import every DISCONNECTED event of the integration just connected (VIP, check-ins kept)",
                   context: .reconnectOffer, permission: .retryImport),
        KeyBinding(.dismissOffer, [.escape], label: "Esc", title: "Not now",
                   summary: "Leave them disconnected (R on each event reconnects it)", context: .reconnectOffer),

        // Import in progress
        KeyBinding(.recover, [.char("R")], label: "R", title: "Retry", summary: "Retry the import when it stopped",
                   context: .importProgress, permission: .retryImport, enabledWhen: hasAlert),
        KeyBinding(.back, [.escape], label: "Esc", title: "Back", summary: "Back to the dashboard (the import continues)",
                   context: .importProgress),

        // Event view
        KeyBinding(.moveUp, [.up, .char("k")], label: "↑/k", title: "Up", summary: "Previous attendee",
                   context: .eventView, inFooter: false),
        KeyBinding(.moveDown, [.down, .char("j")], label: "↓/j", title: "Down", summary: "Next attendee",
                   context: .eventView, inFooter: false),
        KeyBinding(.pageUp, [.pageUp], label: "PgUp", title: "Page up", summary: "One page up",
                   context: .eventView, inFooter: false),
        KeyBinding(.pageDown, [.pageDown], label: "PgDn", title: "Page down", summary: "One page down",
                   context: .eventView, inFooter: false),
        KeyBinding(.home, [.home], label: "Home", title: "First", summary: "First attendee",
                   context: .eventView, inFooter: false),
        KeyBinding(.end, [.end], label: "End", title: "Last", summary: "Last attendee",
                   context: .eventView, inFooter: false),
        KeyBinding(.recover, [.char("R")], label: "R", title: "Recover", summary: "Retry / reconnect when an alert offers it",
                   context: .eventView, permission: .retryImport, enabledWhen: hasAlert),
        KeyBinding(.confirmCancellations, [.char("C")], label: "C", title: "Confirm",
                   summary: "Confirm the cancellations a resync held back",
                   context: .eventView, permission: .confirmCancellations, enabledWhen: hasHeldCancellations),
        KeyBinding(.open, [.enter], label: "Enter", title: "Card", summary: "Open the attendee card",
                   context: .eventView, enabledWhen: hasSelection),
        KeyBinding(.search, [.char("/")], label: "/", title: "Search",
                   summary: "Search name, email, company, ticket, barcode as you type", context: .eventView),
        KeyBinding(.checkIn, [.char("c")], label: "c", title: "Check in", summary: "Check in the selected attendee",
                   context: .eventView, permission: .checkIn, enabledWhen: hasSelection),
        KeyBinding(.undo, [.char("u")], label: "u", title: "Undo", summary: "Undo the last check-in of the row",
                   context: .eventView, permission: .undoCheckIn, enabledWhen: hasSelection),
        KeyBinding(.toggleVIP, [.char("v")], label: "v", title: "VIP", summary: "Toggle VIP on the row",
                   context: .eventView, permission: .toggleVIP, enabledWhen: hasSelection),
        KeyBinding(.print, [.char("p")], label: "p", title: "Print", summary: "Print / reprint the badge",
                   context: .eventView, permission: .printBadge, enabledWhen: hasSelection),
        KeyBinding(.cycleFilter, [.char("f")], label: "f", title: "Filter",
                   summary: "Cycle filters: all / VIP / checked in / not checked in / not attending", context: .eventView),
        KeyBinding(.nextTicketTypes, [.char("t")], label: "t", title: "Tickets",
                   summary: "Next ticket types in the stat cards (from the first again after the last)",
                   context: .eventView, inFooter: false),
        KeyBinding(.sync, [.char("S")], label: "S", title: "Sync", summary: "Full resync now (ignored while one runs)",
                   context: .eventView, permission: .manualSync, enabledWhen: canSync),
        KeyBinding(.scanMode, [.char("s")], label: "s", title: "Scan mode",
                   summary: "The scanning line: everything typed is a code, verdicts full width", context: .eventView),
        KeyBinding(.back, [.escape], label: "Esc", title: "Back", summary: "Back to the dashboard", context: .eventView),
        KeyBinding(.walkIn, [.char("w")], label: "w", title: "Walk-in",
                   summary: "Register a walk-in (name, email, company, ticket): checked in and printed at once",
                   context: .eventView, permission: .registerWalkIn, enabledWhen: eventLive),

        // Search field
        KeyBinding(.keepSearch, [.enter], label: "Enter", title: "Keep", summary: "Keep the search and return to the table",
                   context: .search),
        KeyBinding(.clearSearch, [.escape], label: "Esc", title: "Clear", summary: "Clear the search", context: .search),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .search, inFooter: false),
        KeyBinding(.clearLine, [.ctrl("u")], label: "^U", title: "Clear", summary: "Clear the search field (keep typing)",
                   context: .search, inFooter: false),
        KeyBinding(.deleteWord, [.ctrl("w")], label: "^W", title: "Word", summary: "Delete the last word",
                   context: .search, inFooter: false),
        KeyBinding(.moveUp, [.up], label: "↑", title: "Up", summary: "Previous attendee", context: .search, inFooter: false),
        KeyBinding(.moveDown, [.down], label: "↓", title: "Down", summary: "Next attendee", context: .search, inFooter: false),
        KeyBinding(.pageUp, [.pageUp], label: "PgUp", title: "Page up", summary: "One page up", context: .search, inFooter: false),
        KeyBinding(.pageDown, [.pageDown], label: "PgDn", title: "Page down", summary: "One page down",
                   context: .search, inFooter: false),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Quit", summary: "Quit (asks first while a job runs)",
                   context: .search, inFooter: false),

        // Attendee card
        KeyBinding(.primary, [.enter], label: "Enter", title: "Do it",
                   summary: "The card's action: check in & print / reprint / force check in (asks to confirm)",
                   context: .card, permission: .checkIn, enabledWhen: hasCard),
        KeyBinding(.checkIn, [.char("c")], label: "c", title: "Check in",
                   summary: "Check in without printing (force check in when not attending: asks to confirm)",
                   context: .card, permission: .checkIn, enabledWhen: hasCard),
        KeyBinding(.undo, [.char("u")], label: "u", title: "Undo", summary: "Undo the last check-in",
                   context: .card, permission: .undoCheckIn, enabledWhen: hasCard),
        KeyBinding(.toggleVIP, [.char("v")], label: "v", title: "VIP", summary: "Toggle VIP",
                   context: .card, permission: .toggleVIP, enabledWhen: hasCard),
        KeyBinding(.print, [.char("p")], label: "p", title: "Print only",
                   summary: "Print / reprint the badge; does not check in", context: .card, permission: .printBadge,
                   enabledWhen: hasCard),
        KeyBinding(.back, [.escape], label: "Esc", title: "Back", summary: "Back to the table", context: .card),
        KeyBinding(.retryPrintJob, [.char("R")], label: "R", title: "Retry print",
                   summary: "Retry the badge's failed print job (or reprint one of unknown outcome, counted)",
                   context: .card, permission: .printBadge, enabledWhen: hasPrintJobToRetry),
        KeyBinding(.editCorrections, [.char("e")], label: "e", title: "Correct",
                   summary: "Correct the badge: name, company, job title, pronouns (the provider's data stays)",
                   context: .card, permission: .correctBadge, enabledWhen: hasCard),
        KeyBinding(.editNote, [.char("n")], label: "n", title: "Note",
                   summary: "Edit the note (shown on the card and on every scan)", context: .card,
                   permission: .editNote, enabledWhen: hasCard),

        // Walk-in / correction / note form (text entry: printable keys type into the field)
        KeyBinding(.submitForm, [.enter], label: "Enter", title: "Save", summary: "Save the form", context: .form),
        KeyBinding(.nextField, [.tab, .down], label: "Tab/↓", title: "Next", summary: "Next field", context: .form),
        KeyBinding(.previousField, [.backTab, .up], label: "⇧Tab/↑", title: "Previous", summary: "Previous field",
                   context: .form, inFooter: false),
        KeyBinding(.nextChoice, [.right], label: "→", title: "Ticket", summary: "Next choice (the ticket of a walk-in)",
                   context: .form, inFooter: false),
        KeyBinding(.previousChoice, [.left], label: "←", title: "Ticket", summary: "Previous choice",
                   context: .form, inFooter: false),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .form, inFooter: false),
        KeyBinding(.clearLine, [.ctrl("u")], label: "^U", title: "Clear", summary: "Clear the field",
                   context: .form, inFooter: false),
        KeyBinding(.cancelForm, [.escape], label: "Esc", title: "Cancel", summary: "Close the form without saving",
                   context: .form),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Quit", summary: "Quit (asks first while a job runs)",
                   context: .form, inFooter: false),

        // Scan mode: every printable key is part of a code, so commands are on keys no scanner sends.
        KeyBinding(.submitScan, [.enter, .tab], label: "Enter", title: "Submit / do it",
                   summary: "Look up the typed code; on an empty line, the verdict's action (after 0.5 s)",
                   context: .scanScreen),
        KeyBinding(.toggleExpress, [.function(2)], label: "F2", title: "Express/standard",
                   summary: "Express: a valid scan checks in and prints at once; standard: Enter confirms",
                   context: .scanScreen),
        KeyBinding(.print, [.function(4)], label: "F4", title: "Print",
                   summary: "Print / reprint the badge of the person on screen", context: .scanScreen,
                   permission: .printBadge, enabledWhen: { $0.scan?.verdict?.attendee != nil }),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .scanScreen, inFooter: false),
        KeyBinding(.clearLine, [.ctrl("u")], label: "^U", title: "Clear", summary: "Clear the scan line",
                   context: .scanScreen, inFooter: false),
        KeyBinding(.help, [.function(1)], label: "F1", title: "Help", summary: "This help", context: .scanScreen),
        KeyBinding(.back, [.escape], label: "Esc", title: "Table", summary: "Back to the attendee table",
                   context: .scanScreen),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Quit", summary: "Quit (station mode asks for an admin PIN)",
                   context: .scanScreen, inFooter: false),

        // Kiosk (attendee-facing): q, Esc and Ctrl-C on the welcome screen ask for an admin PIN.
        KeyBinding(.kioskFind, [.enter], label: "Enter", title: "Find me by last name and email",
                   summary: "Type your last name and email instead of scanning", context: .kioskWelcome),
        KeyBinding(.quit, [.char("q"), .escape, .ctrl("c")], label: "q", title: "Staff: close",
                   summary: "Close the kiosk (asks for an admin PIN)", context: .kioskWelcome),
        KeyBinding(.kioskNext, [.enter], label: "Enter", title: "Next / find",
                   summary: "Next field; on the email, look the registration up", context: .kioskForm),
        KeyBinding(.nextField, [.tab, .backTab], label: "Tab", title: "Other field",
                   summary: "Switch between last name and email", context: .kioskForm),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .kioskForm, inFooter: false),
        KeyBinding(.clearLine, [.ctrl("u")], label: "^U", title: "Clear", summary: "Clear the field",
                   context: .kioskForm, inFooter: false),
        KeyBinding(.kioskStartOver, [.escape], label: "Esc", title: "Start over", summary: "Back to the welcome screen",
                   context: .kioskForm),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Close", summary: "Close the kiosk (asks for an admin PIN)",
                   context: .kioskForm, inFooter: false),
        KeyBinding(.kioskConfirm, [.enter], label: "Enter", title: "OK",
                   summary: "Print my badge & check in (else: back to the welcome screen)", context: .kioskResult,
                   permission: .checkIn),
        KeyBinding(.kioskStartOver, [.escape], label: "Esc", title: "Start over",
                   summary: "Not me / done: back to the welcome screen", context: .kioskResult),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Close", summary: "Close the kiosk (asks for an admin PIN)",
                   context: .kioskResult, inFooter: false),

        // Help
        KeyBinding(.moveUp, [.up, .char("k")], label: "↑/k", title: "Up", summary: "Scroll up", context: .help, inFooter: false),
        KeyBinding(.moveDown, [.down, .char("j")], label: "↓/j", title: "Down", summary: "Scroll down",
                   context: .help, inFooter: false),
        KeyBinding(.pageUp, [.pageUp], label: "PgUp", title: "Page up", summary: "One page up", context: .help,
                   inFooter: false),
        KeyBinding(.pageDown, [.pageDown], label: "PgDn", title: "Page down", summary: "One page down", context: .help,
                   inFooter: false),
        KeyBinding(.home, [.home], label: "Home", title: "Top", summary: "Top of the help", context: .help,
                   inFooter: false),
        KeyBinding(.end, [.end], label: "End", title: "Bottom", summary: "Bottom of the help", context: .help,
                   inFooter: false),
        KeyBinding(.back, [.escape, .char("?")], label: "Esc", title: "Close", summary: "Close help", context: .help),

        // Quit confirmation
        KeyBinding(.confirmQuit, [.char("y"), .char("Y"), .ctrl("c")], label: "y", title: "Quit", summary: "Quit while a job runs",
                   context: .confirmQuit),
        KeyBinding(.cancelQuit, [.char("n"), .char("N"), .escape], label: "n", title: "Stay", summary: "Keep working",
                   context: .confirmQuit),

        // Login (text entry: letters go to the name, digits to the PIN)
        KeyBinding(.moveUp, [.up], label: "↑", title: "Member", summary: "Previous member", context: .login,
                   inFooter: false),
        KeyBinding(.moveDown, [.down], label: "↓", title: "Member", summary: "Next member", context: .login,
                   inFooter: false),
        KeyBinding(.signIn, [.enter], label: "Enter", title: "Sign in", summary: "Go to the PIN / sign in",
                   context: .login),
        KeyBinding(.nextField, [.tab, .backTab], label: "Tab", title: "Name/PIN", summary: "Switch between name and PIN",
                   context: .login),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last character",
                   context: .login, inFooter: false),
        KeyBinding(.quit, [.ctrl("c")], label: "^C", title: "Quit", summary: "Quit", context: .login),

        // Admin PIN prompt (leaving station mode)
        KeyBinding(.submitPIN, [.enter], label: "Enter", title: "Unlock",
                   summary: "Check the admin PIN (leave station mode, quit or leave the event)", context: .pinPrompt),
        KeyBinding(.deleteChar, [.backspace, .delete], label: "Bksp", title: "Delete", summary: "Delete the last digit",
                   context: .pinPrompt, inFooter: false),
        KeyBinding(.cancelPIN, [.escape], label: "Esc", title: "Cancel", summary: "Stay as you are (station mode stays on)",
                   context: .pinPrompt),

        // Everywhere
        KeyBinding(.help, [.char("?")], label: "?", title: "Help", summary: "This help", context: .global),
        KeyBinding(.quit, [.char("q"), .ctrl("c")], label: "q", title: "Quit",
                   summary: "Quit (asks first while an import or resync runs)", context: .global),
        // No permission: anyone may lock the console; leaving asks for an admin PIN instead.
        KeyBinding(.toggleStation, [.char("L")], label: "L", title: "Station",
                   summary: "Station mode: staff actions only (leaving asks for an admin PIN)", context: .global,
                   inFooter: false),
    ]
}
