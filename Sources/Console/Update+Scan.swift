import Foundation
import BadgeCore
import ScreenKit

// The scanning line (SPEC §10): scans from the table, the card, the search field and the scan
// screen all end on the scan screen's verdict for exactly the scanned person.

/// The event a scan belongs to on the current screen (nil: not on an event).
func scanEventId(_ state: AppState) -> Int64? {
    switch state.screen {
    case .eventView(let id), .scan(let id): return id
    case .attendeeCard: return state.currentEventId
    case .help:
        // Help covering an event view, a scan screen or a card: the scan is for that event.
        guard let under = state.backStack.last, under != .help else { return nil }
        var below = state
        below.screen = under
        below.backStack.removeLast()
        return scanEventId(below)
    default: return nil
    }
}

func handleScan(_ state: inout AppState, _ raw: String, now: Date) -> [Effect] {
    // A burst ended by Enter or Tab in the walk-in / correction / note form (a paste, a fast
    // typist, a scanner): text for the field, then on to the next field as Tab does. It never
    // saves the form: a scanner's Enter must not register anyone.
    if state.form != nil {
        let effects = typeText(&state, raw, now: now)
        return effects + formCommand(&state, .nextField, now: now)
    }
    // A pasted token ended by Enter is typed into the masked field and submitted.
    if state.screen == .integrations, state.integrationsScreen.entry != nil {
        var effects = typeText(&state, raw, now: now)
        effects += handleKey(&state, .enter, now: now)
        return effects
    }
    guard let eventId = scanEventId(state) else {
        state.say("Open an event to scan badges", .warning, scoped: true, now: now)
        return []
    }
    let (raw, reload) = rejoined(&state, raw, now: now)
    openScanScreen(&state, eventId)
    let shown = Sanitizer.sanitize(raw, maxWidth: 80)
    guard let code = ScannedCode(raw) else {
        showVerdict(&state, .unknownCode(shown), now: now)
        return []
    }
    if let last = state.lastScan, last.code == code.lookupValue, now.timeIntervalSince(last.at) < scanRepeatSeconds {
        return []  // the same badge read twice in a row
    }
    state.lastScan = ScanMemo(code: code.lookupValue, at: now)
    showVerdict(&state, .lookingUp(code: shown), now: now, bell: false)
    state.scan?.pendingCode = code.lookupValue
    return [.lookupScan(eventId: eventId, code: code.lookupValue)] + reload
}

/// How soon after keys typed into the scan line or the search field a scan is taken as the rest
/// of the same code (a burst cut in two by a hiccup longer than the scanner's allowance).
let rejoinSeconds: TimeInterval = 1

/// A scan right after a fast burst typed into the search field, or keys typed into the scan line,
/// is the same code cut in two: the typed part is taken back and joined to it.
/// Returns the code and the reload of the table the restored search needs.
func rejoined(_ state: inout AppState, _ raw: String, now: Date) -> (String, [Effect]) {
    if case .scan = state.screen, let s = state.scan, !s.line.isEmpty,
       let at = s.lineEditedAt, now.timeIntervalSince(at) <= rejoinSeconds {
        return (s.line + raw, [])
    }
    if let b = state.burstIntoSearch, now.timeIntervalSince(b.at) <= rejoinSeconds,
       var v = state.eventView, v.search == b.prefix + b.text {
        v.search = b.searchBefore
        v.searchMode = b.searchModeBefore
        state.eventView = v
        state.burstIntoSearch = nil
        return (b.text + raw, restartQuery(&state))
    }
    return (raw, [])
}

/// Shows the scan screen of `eventId` (from the table it is pushed, so Esc returns there; from a
/// card it replaces the card). Any card closes: an earlier person never stays on screen.
func openScanScreen(_ state: inout AppState, _ eventId: Int64) {
    if state.scan?.eventId != eventId { state.scan = ScanState(eventId: eventId) }
    if state.screen == .help { state.pop() }  // the scan acts on the screen under Help
    state.eventView?.searchMode = false
    state.card = nil
    switch state.screen {
    case .scan(let id) where id == eventId: break
    case .eventView: state.push(.scan(eventId: eventId))
    default: state.replace(with: .scan(eventId: eventId))
    }
}

/// Replaces the verdict (the old one goes to the recent list) and rings for warnings.
func showVerdict(_ state: inout AppState, _ verdict: ScanVerdict, now: Date, bell: Bool = true) {
    guard var s = state.scan else { return }
    if let old = s.verdict, let line = recentLine(old) {
        s.recent.insert(line, at: 0)
        if s.recent.count > 8 { s.recent.removeLast(s.recent.count - 8) }
    }
    if s.preview?.attendeeId != verdict.attendee?.id { s.preview = nil }
    s.verdict = verdict
    s.verdictAt = now
    s.printNote = nil
    s.pendingCode = nil
    s.confirmingForce = false
    s.line = ""
    state.scan = s
    if bell && verdict.isWarning { state.bells += 1 }
}

/// Changes the verdict about the same person (check-in committed, print done) without resetting
/// its time or the recent list.
func amendVerdict(_ state: inout AppState, _ verdict: ScanVerdict) {
    state.scan?.verdict = verdict
}

func recentLine(_ v: ScanVerdict) -> String? {
    switch v {
    case .lookingUp: return nil
    case .ready(let a): return "· \(a.badgeName) — not checked in"
    case .checkingIn(let a), .checkedIn(let a): return "✔ \(a.badgeName)"
    case .alreadyCheckedIn(let a, _): return "⚠ \(a.badgeName) — already checked in"
    case .notAttending(let a): return "✖ \(a.badgeName) — not attending"
    case .unknownCode(let c): return "✖ unknown code \(c)"
    case .otherEvent(let c, let name): return "✖ \(c) — \(name)"
    }
}

/// The reply to `lookupScan`: the verdict, and in express mode the check-in (+ print).
func handleScanLookup(_ state: inout AppState, code: String, _ lookup: ScanLookup, now: Date) -> [Effect] {
    guard let s = state.scan, s.pendingCode == code else { return [] }  // a later scan replaced it
    let shown: String = {
        if case .lookingUp(let c)? = s.verdict { return c }
        return code
    }()
    switch lookup {
    case .unknown:
        showVerdict(&state, .unknownCode(shown), now: now)
        return []
    case .otherEvent(let name):
        showVerdict(&state, .otherEvent(code: shown, eventName: name), now: now)
        return []
    case .found(let a, let last):
        // The verdict first; the badge preview after it, so it never delays the verdict.
        let preview = scanPreviewRequest(state, attendeeId: a.id)
        if a.isCheckedIn {
            showVerdict(&state, .alreadyCheckedIn(a, last), now: now)
            return preview
        }
        if a.status == .notAttending {
            showVerdict(&state, .notAttending(a), now: now)
            return preview
        }
        if state.expressScan && state.effectiveRole.allows(.checkIn) {
            showVerdict(&state, .checkingIn(a), now: now)
            state.printAfterCheckIn.insert(a.id)
            return [.checkIn(attendeeId: a.id, .checkIn)] + preview
        }
        showVerdict(&state, .ready(a), now: now)
        return preview
    }
}

/// The scan verdict's badge preview for the current terminal size, when there is room.
func scanPreviewRequest(_ state: AppState, attendeeId: Int64) -> [Effect] {
    guard let box = BadgePreview.scanBox(for: state.size) else { return [] }
    if let p = state.scan?.preview, p.attendeeId == attendeeId, p.columns == box.columns, p.rows == box.rows { return [] }
    return [.loadBadgePreview(attendeeId: attendeeId, columns: box.columns, rows: box.rows)]
}

/// Keys of the scan screen (everything printable was typed into the line by `handleKey`).
func scanCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    guard var s = state.scan else { return [] }
    if command != .submitScan && s.confirmingForce {
        s.confirmingForce = false  // any other key cancels the force question
        state.scan = s
    }
    switch command {
    case .submitScan:
        if !s.line.isEmpty {
            let typed = s.line
            state.scan?.line = ""
            return handleScan(&state, typed, now: now)
        }
        return confirmVerdict(&state, now: now)
    case .deleteChar:
        if !s.line.isEmpty { s.line.removeLast() }
        state.scan = s
    case .clearLine:
        s.line = ""
        state.scan = s
    case .toggleExpress:
        state.expressScan.toggle()
        state.say(state.expressScan ? "Express: a valid scan checks in and prints at once"
                                    : "Standard: a valid scan waits for Enter", now: now)
    case .print:
        guard let a = s.verdict?.attendee else { return [] }
        state.scan?.printNote = "Printing…"
        return [.printBadge(attendeeId: a.id)]
    case .back:
        state.pop()
        return ensureVisible(&state)
    default: break
    }
    return []
}

/// Enter on an empty line: the verdict's action, unless the verdict just changed (the 500 ms
/// guard: an Enter meant for the previous person never acts on the next one).
func confirmVerdict(_ state: inout AppState, now: Date) -> [Effect] {
    guard let s = state.scan, let verdict = s.verdict, let action = verdict.enterAction,
          let a = verdict.attendee else { return [] }
    if let at = s.verdictAt, now.timeIntervalSince(at) < confirmGuardSeconds { return [] }
    guard state.effectiveRole.allows(.checkIn) else {
        state.say(state.refusal(for: .checkIn) ?? "Not allowed", .warning, now: now)
        return []
    }
    switch action {
    case .printAndCheckIn:
        amendVerdict(&state, .checkingIn(a))
        state.printAfterCheckIn.insert(a.id)
        return [.checkIn(attendeeId: a.id, .checkIn)]
    case .forceCheckIn:
        // A second Enter confirms (issue #17: forcing used to take one key).
        guard s.confirmingForce else {
            state.scan?.confirmingForce = true
            return []
        }
        state.scan?.confirmingForce = false
        amendVerdict(&state, .checkingIn(a))
        return [.checkIn(attendeeId: a.id, .forceCheckIn)]
    case .reprint:
        state.scan?.printNote = "Printing…"
        return [.printBadge(attendeeId: a.id)]
    }
}

/// A check-in outcome for the person on the scan screen.
func scanCheckInOutcome(_ state: inout AppState, attendeeId: Int64, _ outcome: CheckInOutcome, now: Date) {
    guard let v = state.scan?.verdict, let a = v.attendee, a.id == attendeeId else { return }
    switch outcome {
    case .recorded(let updated, let record):
        if record.action != .undo { amendVerdict(&state, .checkedIn(updated)) }
    case .alreadyCheckedIn(let at, let by):
        // Another desk (or the provider) was first: say so, with the bell.
        var b = a
        b.checkedInAt = at
        showVerdict(&state, .alreadyCheckedIn(b, CheckInRecord(attendeeId: a.id, at: at, action: .checkIn,
                                                               operatorName: by, station: "")), now: now)
    case .notAttending:
        showVerdict(&state, .notAttending(a), now: now)
    case .nothingToUndo:
        break
    }
}

/// Several keys typed faster than a person types, without Enter/Tab (SPEC §10): text for the
/// field with focus, or the start of a search in the table — never commands.
func handleTyped(_ state: inout AppState, _ text: String, now: Date) -> [Effect] {
    if state.form != nil && state.pinPrompt == nil && !state.confirmingQuit { return typeText(&state, text, now: now) }
    let fieldHasFocus = state.pinPrompt != nil || state.screen == .login
        || (state.screen == .integrations && state.integrationsScreen.entry != nil)
        || state.eventView?.searchMode == true && isEventView(state.screen)
        || isScanScreen(state.screen)
    if isEventView(state.screen), let v = state.eventView, !state.confirmingQuit, state.pinPrompt == nil {
        if !v.searchMode {
            state.eventView?.searchMode = true
            state.eventView?.search = ""  // a new query, as with `/`
        }
        state.burstIntoSearch = BurstIntoSearch(text: text, at: now, searchBefore: v.search, searchModeBefore: v.searchMode,
                                                prefix: state.eventView?.search ?? "")
        return typeText(&state, text, now: now)
    }
    if fieldHasFocus { return typeText(&state, text, now: now) }
    state.say("Typed text ignored here (\(Sanitizer.sanitize(text, maxWidth: 24))) — press / in the table to search",
              .warning, scoped: true, now: now)
    return []
}

/// Types each character into the focused field.
func typeText(_ state: inout AppState, _ text: String, now: Date) -> [Effect] {
    var effects: [Effect] = []
    for c in text { effects += typeCharacter(&state, c, now: now) }
    return effects
}

func isEventView(_ screen: Screen) -> Bool {
    if case .eventView = screen { return true }
    return false
}

func isScanScreen(_ screen: Screen) -> Bool {
    if case .scan = screen { return true }
    return false
}
