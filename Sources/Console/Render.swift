import Foundation
import BadgeCore
import ScreenKit

/// The minimum terminal size (SPEC §3).
public let minimumSize = Size(width: 80, height: 24)

/// Draws the whole frame from scratch (immediate mode). Pure: time is `now`.
public func render(_ state: AppState, size: Size, now: Date) -> ScreenBuffer {
    if ScreenBuffer.isTooSmall(size, minimum: minimumSize) { return ScreenBuffer.tooSmall(size: size, minimum: minimumSize) }
    var buf = ScreenBuffer(size: size)
    switch state.screen {
    case .login: LoginView.draw(state, into: &buf, now: now)
    case .dashboard: DashboardView.draw(state, into: &buf, now: now)
    case .importDialog: ImportDialogView.draw(state, into: &buf, now: now)
    case .integrations: IntegrationsView.draw(state, into: &buf, now: now)
    case .importProgress(let id): ImportProgressView.draw(state, eventId: id, into: &buf, now: now)
    case .eventView: EventView.draw(state, into: &buf, now: now)
    case .attendeeCard: AttendeeCardView.draw(state, into: &buf, now: now)
    case .scan: ScanView.draw(state, into: &buf, now: now)
    case .kiosk: KioskView.draw(state, into: &buf, now: now)
    case .help: HelpView.draw(state, into: &buf, now: now)
    }
    drawMessage(state, into: &buf, now: now)
    drawFooter(state, into: &buf)
    DeskFormView.draw(state, into: &buf)
    if state.confirmingQuit { drawConfirmQuit(into: &buf) }
    if state.pinPrompt != nil { PINPromptView.draw(state, into: &buf, now: now) }
    return buf
}

/// The title bar of the simple screens: title on the left, operator on the right; in station
/// mode "STATION MODE" in words (and the warning role), never by colour alone.
func drawTitle(_ title: String, _ state: AppState, into buf: inout ScreenBuffer) {
    guard state.stationMode else {
        buf.bar(y: 0, left: title, right: "\(clean(state.operatorName)) · \(state.operatorRole.rawValue)", role: .title)
        return
    }
    // The marker leads, so a long name is what gets cut.
    let who = truncate("\(stationMarker) · \(clean(state.operatorName))", buf.size.width / 2)
    buf.bar(y: 0, left: title, right: who, role: .title)
    buf.setRole(x: buf.size.width - 1 - DisplayWidth.of(who), y: 0, width: DisplayWidth.of(stationMarker), role: .statusWarn)
}

/// The station-mode marker that leads the event view's header.
let stationMarker = "STATION MODE"

/// A text field's content with the cursor when focused.
func field(_ text: String, focused: Bool) -> String { text + (focused ? "▏" : "") }

/// The toast line (above the footer); kind is shown by a symbol as well as a role.
func drawMessage(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
    // The kiosk says everything on its own screen: a toast could name the operator's business.
    guard let t = state.toast, t.expiresAt > now, !isKiosk(state.screen) else { return }
    let (symbol, role): (String, Role) = switch t.kind {
    case .info: ("ℹ", .normal)
    case .success: ("✔", .statusOK)
    case .warning: ("▲", .statusWarn)
    case .error: ("✖", .statusError)
    }
    buf.put(truncate("\(symbol) \(clean(t.text))", buf.size.width - 2), x: 1, y: buf.size.height - 2, role: role)
}

/// Key hints from the binding table, as many as fit; the global ones (? Help, q Quit) keep their
/// place at the right end.
func drawFooter(_ state: AppState, into buf: inout ScreenBuffer) {
    let y = buf.size.height - 1
    let hints = KeyBindings.footer(for: state)
    func width(_ b: KeyBinding) -> Int { DisplayWidth.of(b.label) + 1 + DisplayWidth.of(b.title) }
    let globals = hints.filter { $0.context == .global }
    let globalWidth = globals.reduce(0) { $0 + width($1) + 2 } - 2
    func draw(_ b: KeyBinding, at x: Int) -> Int {
        let x = buf.put(b.label, x: x, y: y, role: .keyHint)
        return buf.put(" " + b.title, x: x, y: y, role: .dim) + 2
    }
    var x = 1
    let limit = buf.size.width - 1 - (globals.isEmpty ? 0 : globalWidth + 2)
    for b in hints where b.context != .global {
        if x + width(b) > limit { break }
        x = draw(b, at: x)
    }
    var gx = buf.size.width - 1 - globalWidth
    for b in globals { gx = draw(b, at: gx) }
}

func drawConfirmQuit(into buf: inout ScreenBuffer) {
    let text = "A job is running (import or sync). Quit anyway?"
    let keys = "[y] Quit   [n] Stay"
    let w = DisplayWidth.of(text) + 6
    let x = (buf.size.width - w) / 2, y = buf.size.height / 2 - 2
    buf.fill(x: x, y: y, width: w, height: 4, role: .alert)
    buf.box(x: x, y: y, width: w, height: 4, title: "Quit?", role: .alert, titleRole: .alert)
    buf.put(text, x: x + 3, y: y + 1, role: .alert)
    buf.put(keys, x: x + 3, y: y + 2, role: .keyHint)
}

/// The sync status indicator: symbol + text, so colour is never the only signal.
/// A running import's symbol turns once a second (the frame is redrawn each second), so a live
/// import never looks frozen.
func statusIndicator(_ e: Event, _ state: AppState, now: Date) -> (text: String, role: Role) {
    // Purged (`badge events purge`): personal data erased, no more syncing (issue #17).
    if e.purgedAt != nil { return ("⊘ Purged", .dim) }
    switch e.syncStatus {
    case .active: return ("● Syncing", .statusOK)
    case .pending:
        guard state.importsRunning[e.id] != nil else { return ("▲ Import failed", .statusError) }
        let frames = ["◐", "◓", "◑", "◒"]
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        return ("\(frames[((second % 4) + 4) % 4]) Importing…", .statusWarn)
    case .failed: return ("▲ Sync failed", .statusError)
    case .disconnected: return ("✖ Disconnected", .statusError)
    }
}

/// The alert banner box with its one-key recovery.
/// The offline desk's banner (server unreachable, working on the copy) or its conflict list
/// (SPEC §11.1), in the alert box.
func drawDeskBanner(_ text: String, _ state: AppState, y: Int, into buf: inout ScreenBuffer) {
    let w = buf.size.width
    let conflicts = state.desks?.reachable ?? true
    let role: Role = conflicts ? .alert : .statusError
    buf.fill(x: 0, y: y, width: w, height: 3, role: .alert)
    buf.box(x: 0, y: y, width: w, height: 3, role: .alert)
    let right = conflicts ? " · D dismiss" : ""
    let rw = DisplayWidth.of(right)
    var text = text
    if DisplayWidth.of(text) + 2 > w - 4 - rw, let compact = state.desks?.bannerText(timeZone: state.timeZone, compact: true) {
        text = compact
    }
    let end = buf.put(truncate("\(conflicts ? "⚠" : "✖") \(text)", w - 4 - rw), x: 2, y: y + 1, role: role)
    if conflicts { buf.put(right, x: end, y: y + 1, role: .keyHint) }
}

func drawAlert(_ alert: EventAlert, eventId: Int64, _ state: AppState, y: Int, into buf: inout ScreenBuffer, now: Date) {
    var text = "\(alert.title): \(clean(alert.reason))"
    if case .syncFailed = alert, let next = state.nextRetryAt[eventId], next > now {
        text += " — retrying in \(inTime(next, now: now))"
    }
    let allowed = state.effectiveRole.allows(.retryImport)
    let recovery = allowed ? alert.recoveryLabel : "ask an admin to recover"
    let w = buf.size.width
    buf.fill(x: 0, y: y, width: w, height: 3, role: .alert)
    buf.box(x: 0, y: y, width: w, height: 3, role: .alert)
    let symbol = { if case .integrationDisconnected = alert { return "✖" } else { return "▲" } }()
    let right = " · " + recovery
    let rw = DisplayWidth.of(right)
    let end = buf.put(truncate("\(symbol) \(text)", w - 4 - rw), x: 2, y: y + 1, role: .alert)
    buf.put(right, x: end, y: y + 1, role: .keyHint)
}
