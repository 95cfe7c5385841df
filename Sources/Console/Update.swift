import Foundation
import BadgeCore
import ScreenKit

/// How long a toast stays on screen.
let toastSeconds: TimeInterval = 4
/// The same scanned code within this many seconds is ignored (SPEC §3).
let scanRepeatSeconds: TimeInterval = 3

/// The only place the console's state changes (ARCHITECTURE §3). Pure: time is `now`, work is
/// returned as effects for the composition root to run.
public func update(_ state: inout AppState, _ action: Action, now: Date) -> [Effect] {
    let effects = dispatch(&state, action, now: now)
    state.dropToastOfOtherScreen()
    return effects
}

func dispatch(_ state: inout AppState, _ action: Action, now: Date) -> [Effect] {
    kioskIdleReset(&state, now: now)
    switch action {
    case .key(let key):
        kioskTouch(&state, now: now)
        guard inputAccepted(&state, key: key, now: now) else { return [] }
        return handleKey(&state, key, now: now)
    case .scanned(let raw):
        kioskTouch(&state, now: now)
        guard inputAccepted(&state, key: nil, now: now) else { return [] }
        // A scan never types into a PIN (a numeric barcode would count as a wrong PIN).
        if state.screen == .login || state.pinPrompt != nil || state.confirmingQuit { return [] }
        if isKiosk(state.screen) { return kioskScan(&state, raw, now: now) }
        return handleScan(&state, raw, now: now)
    case .typed(let text):
        kioskTouch(&state, now: now)
        guard inputAccepted(&state, key: nil, now: now) else { return [] }
        return handleTyped(&state, text, now: now)
    case .scanLookedUp(let code, let lookup):
        if isKiosk(state.screen) { return kioskScanLookup(&state, code: code, lookup, now: now) }
        return handleScanLookup(&state, code: code, lookup, now: now)
    case .kioskLookedUp(let lastName, let email, let lookup):
        return kioskLookupResult(&state, lastName: lastName, email: email, lookup, now: now)
    case .pinVerified, .pinRejected, .pinLocked:
        return handlePINResult(&state, action, now: now)
    case .tick:
        if let t = state.toast, t.expiresAt <= now { state.toast = nil }
        return []
    case .resized(let size):
        state.size = size
        // A preview is drawn for one box: a new box size asks for a new picture.
        return ensureVisible(&state) + previewRequestsAfterResize(state)
    default:
        return handleResult(&state, action, now: now)
    }
}

/// Input does nothing while the terminal is too small to show what it would act on (only Ctrl-C,
/// outside station mode, still quits), nor during the 500 ms guard after the row under the
/// cursor left the view (SPEC §10).
func inputAccepted(_ state: inout AppState, key: Key?, now: Date) -> Bool {
    if key == .resize { return true }
    if ScreenBuffer.isTooSmall(state.size, minimum: minimumSize) {
        return key == .ctrl("c") && !state.stationMode
    }
    if let until = state.keyGuardUntil {
        if now < until { return key == nil }  // a scan still counts: it names its person
        state.keyGuardUntil = nil
    }
    return true
}

extension AppState {
    /// Shows a message; `scoped`: it is about the current screen and goes when the screen changes.
    mutating func say(_ text: String, _ kind: Toast.Kind = .info, scoped: Bool = false, now: Date) {
        toast = Toast(text: text, kind: kind, expiresAt: now.addingTimeInterval(toastSeconds),
                      screen: scoped ? screen : nil)
    }

    /// Shows a screen, remembering the current one for Esc.
    mutating func push(_ next: Screen) {
        if next != screen { backStack.append(screen) }
        screen = next
    }

    /// Replaces the current screen (Esc still returns to what was under it).
    mutating func replace(with next: Screen) { screen = next }

    mutating func pop() {
        screen = backStack.popLast() ?? .dashboard
    }
}

/// Opening an event: the import view while PENDING with a job (or an import that stopped),
/// otherwise the event view with its first page and stats.
func openEvent(_ state: inout AppState, _ id: Int64, replacing: Bool = false) -> [Effect] {
    let pending = state.event(id)?.syncStatus == .pending
    let target: Screen = pending ? .importProgress(eventId: id) : .eventView(eventId: id)
    if replacing { state.replace(with: target) } else { state.push(target) }
    if pending { return [.loadEventView(eventId: id)] }
    return startEventView(&state, id)
}

/// Fresh event view state (keeps filter/search when reopening the same event) and its loads.
func startEventView(_ state: inout AppState, _ id: Int64) -> [Effect] {
    var view = EventViewState(eventId: id)
    if let old = state.eventView, old.eventId == id {
        view.filter = old.filter
        view.search = old.search
        view.stats = old.stats
    }
    let q = view.query(offset: 0)
    view.pendingQuery = q
    state.eventView = view
    // The rows first: statistics aggregate every row of the event (~100 ms at 100 000), and the
    // frame with the table should not wait for them ("Loading statistics…" shows meanwhile).
    return [.loadEventView(eventId: id), .loadAttendeePage(q), .loadStats(eventId: id)]
}

func handleKey(_ state: inout AppState, _ key: Key, now: Date) -> [Effect] {
    if key == .resize { return ensureVisible(&state) }
    if let b = KeyBindings.binding(for: key, in: state) {
        if !b.allowed(in: state), let p = b.permission {
            state.say(state.refusal(for: p) ?? "Not allowed", .warning, now: now)
            return []
        }
        guard b.enabledWhen(state) else { return [] }
        return perform(&state, b.command, key: key, now: now)
    }
    // Text entry: printable characters go to the active field.
    guard case .char(let c) = key else { return [] }
    return typeCharacter(&state, c, now: now)
}

/// One character for the field with focus (PIN prompt, login, token, search, scan line).
func typeCharacter(_ state: inout AppState, _ c: Character, now: Date) -> [Effect] {
    if state.pinPrompt != nil {
        pinPromptType(&state, c, now: now)
        return []
    }
    if state.form != nil {
        formType(&state, c)
        return []
    }
    if state.screen == .login {
        loginType(&state, c, now: now)
        return []
    }
    if isKiosk(state.screen) {
        kioskType(&state, c)
        return []
    }
    if state.screen == .integrations, var entry = state.integrationsScreen.entry {
        entry.text = Secret(entry.text.value + String(c))
        state.integrationsScreen.entry = entry
        return []
    }
    if case .scan = state.screen, state.scan != nil, !state.confirmingQuit {
        if state.scan!.line.count < 512 { state.scan!.line.append(c) }
        state.scan!.lineEditedAt = now
        return []
    }
    if var view = state.eventView, view.searchMode, case .eventView = state.screen {
        view.search.append(c)
        state.eventView = view
        return restartQuery(&state)
    }
    return []
}

func perform(_ state: inout AppState, _ command: Command, key: Key, now: Date) -> [Effect] {
    switch command {
    case .quit:
        if state.stationMode && state.pinPrompt == nil {
            return askAdminPIN(&state, then: isKiosk(state.screen) ? .leaveKiosk : .quit, now: now)
        }
        if state.jobRunning {
            state.confirmingQuit = true
            return []
        }
        return [.quit]
    case .confirmQuit:
        state.confirmingQuit = false
        return [.quit]
    case .cancelQuit:
        state.confirmingQuit = false
        return []
    case .help:
        state.helpScroll = 0
        state.push(.help)
        return []
    case .toggleStation:
        return toggleStation(&state, now: now)
    default: break
    }
    if state.pinPrompt != nil { return pinPromptCommand(&state, command, now: now) }
    if state.form != nil { return formCommand(&state, command, now: now) }
    switch state.screen {
    case .login: return loginCommand(&state, command, now: now)
    case .dashboard: return dashboardCommand(&state, command, now: now)
    case .importDialog: return importDialogCommand(&state, command, now: now)
    case .integrations: return integrationsCommand(&state, command, now: now)
    case .importProgress(let id):
        if command == .back && state.stationMode { return askAdminPIN(&state, then: .leaveEvent, now: now) }
        return importProgressCommand(&state, command, eventId: id, now: now)
    case .eventView: return eventViewCommand(&state, command, now: now)
    case .attendeeCard: return cardCommand(&state, command, now: now)
    case .scan: return scanCommand(&state, command, now: now)
    case .kiosk: return kioskCommand(&state, command, now: now)
    case .help: return helpCommand(&state, command)
    }
}

func moveSelection(_ index: Int, by delta: Int, count: Int) -> Int {
    guard count > 0 else { return 0 }
    return min(max(0, index + delta), count - 1)
}

func dashboardCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    let count = state.events.count
    switch command {
    case .moveUp: state.dashboard.selected = moveSelection(state.dashboard.selected, by: -1, count: count)
    case .moveDown: state.dashboard.selected = moveSelection(state.dashboard.selected, by: 1, count: count)
    case .open:
        let i = min(state.dashboard.selected, count - 1)
        return openEvent(&state, state.events[i].event.id)
    case .importDialog:
        state.importDialog = ImportDialogState()
        state.push(.importDialog)
        return [.loadIntegrations]
    case .integrations:
        state.integrationsScreen = IntegrationsState()
        state.push(.integrations)
        return [.loadIntegrations]
    default: break
    }
    return []
}

/// Connected integrations the import dialog offers.
func connectedIntegrations(_ state: AppState) -> [IntegrationSummary] {
    state.integrations.filter { $0.status == .connected }
}

/// The already-imported event for a provider event, if any (SPEC §2.1 uniqueness).
func importedEvent(_ state: AppState, _ provider: Provider, _ externalId: String) -> Event? {
    state.events.first { $0.event.provider == provider && $0.event.externalId == externalId }?.event
}

func importDialogCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    var d = state.importDialog
    defer { state.importDialog = d }
    let count = d.provider == nil ? connectedIntegrations(state).count : d.providerEvents.count
    switch command {
    case .moveUp: d.selected = moveSelection(d.selected, by: -1, count: count)
    case .moveDown: d.selected = moveSelection(d.selected, by: 1, count: count)
    case .back:
        if d.provider != nil {
            d = ImportDialogState()
        } else {
            state.pop()
        }
    case .open:
        guard count > 0 else {
            if d.provider == nil {
                state.say("No connected integration — press I on the dashboard", .warning, scoped: true, now: now)
            }
            return []
        }
        if d.provider == nil {
            let provider = connectedIntegrations(state)[d.selected].provider
            d = ImportDialogState()
            d.provider = provider
            d.loading = true
            return [.loadProviderEvents(provider)]
        }
        guard let provider = d.provider else { return [] }
        let pe = d.providerEvents[d.selected]
        if let existing = importedEvent(state, provider, pe.externalId) {
            state.say("Already imported: \(existing.name) — open it from the dashboard", .warning, scoped: true,
                      now: now)
            return []
        }
        state.say("Importing \(pe.name)…", now: now)
        return [.runImport(provider, externalId: pe.externalId),
                .recordAudit(action: .importEvent, detail: "\(provider.rawValue):\(pe.externalId)")]
    default: break
    }
    return []
}

func integrationsCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    let providers = Provider.allCases
    switch command {
    case .moveUp: state.integrationsScreen.selected = moveSelection(state.integrationsScreen.selected, by: -1, count: providers.count)
    case .moveDown: state.integrationsScreen.selected = moveSelection(state.integrationsScreen.selected, by: 1, count: providers.count)
    case .connect:
        state.integrationsScreen.entry = CredentialEntry(provider: providers[state.integrationsScreen.selected])
    case .deleteChar:
        if var entry = state.integrationsScreen.entry {
            entry.text = Secret(String(entry.text.value.dropLast()))
            state.integrationsScreen.entry = entry
        }
    case .reconnectAll:
        guard let offer = state.integrationsScreen.reconnectOffer else { return [] }
        state.integrationsScreen.reconnectOffer = nil
        var effects: [Effect] = []
        for id in offer.eventIds {
            guard let event = state.event(id), event.syncStatus == .disconnected else { continue }
            state.importsRunning[id] = ImportProgress(startedAt: now)
            effects += [.reconnect(eventId: id), .recordAudit(action: .reconnect, detail: event.qualifiedId)]
        }
        let n = effects.count / 2
        state.say("Reconnecting \(n) \(offer.provider.displayName) event\(n == 1 ? "" : "s"): re-importing…", now: now)
        return effects
    case .dismissOffer:
        state.integrationsScreen.reconnectOffer = nil
    case .cancelCredential:
        state.integrationsScreen.entry = nil
    case .submitCredential:
        guard let entry = state.integrationsScreen.entry else { return [] }
        state.integrationsScreen.entry = nil
        state.integrationsScreen.connecting = entry.provider
        state.say("Connecting \(entry.provider.displayName)…", now: now)
        return [.connectIntegration(entry.provider, entry.text)]
    case .back:
        state.pop()
    default: break
    }
    return []
}

func importProgressCommand(_ state: inout AppState, _ command: Command, eventId: Int64, now: Date) -> [Effect] {
    switch command {
    case .recover: return recover(&state, eventId, now: now)
    case .back: state.pop()
    default: break
    }
    return []
}
