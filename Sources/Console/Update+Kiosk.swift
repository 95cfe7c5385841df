import Foundation
import BadgeCore
import ScreenKit

// The self check-in kiosk (SPEC §13). It runs locked (station mode, staff role): leaving asks
// for an admin PIN, and whatever happens it returns to the welcome screen after 20 s idle, so
// the next person never sees the previous one.

extension AppState {
    /// Opens the console as a kiosk on `event` (`badge kiosk EVENT`): no login, locked, emails
    /// masked. Check-ins are recorded as the operator "kiosk". Returns the effects to run first.
    public mutating func startKiosk(_ event: Event, now: Date, idleSeconds: TimeInterval = kioskIdleSeconds) -> [Effect] {
        if let i = events.firstIndex(where: { $0.event.id == event.id }) {
            events[i].event = event
        } else {
            events.append(EventSummary(event: event))
        }
        operatorName = "kiosk"
        operatorRole = .staff
        stationMode = true
        expressScan = false
        login = LoginState()
        screen = .kiosk(eventId: event.id)
        backStack = []
        kiosk = KioskState(eventId: event.id, now: now, idleSeconds: idleSeconds)
        return []
    }
}

func isKiosk(_ screen: Screen) -> Bool {
    if case .kiosk = screen { return true }
    return false
}

/// Back to the welcome screen after the idle time: fields, person and any PIN prompt go.
func kioskIdleReset(_ state: inout AppState, now: Date) {
    guard isKiosk(state.screen), let k = state.kiosk,
          now.timeIntervalSince(k.lastActivity) >= k.idleSeconds,
          !k.isAtRest || state.pinPrompt != nil else { return }
    kioskStartOver(&state, now: now)
    state.pinPrompt = nil
    state.pinNotice = nil
}

/// The welcome screen, nothing of the last person kept.
func kioskStartOver(_ state: inout AppState, now: Date) {
    guard let k = state.kiosk else { return }
    state.kiosk = KioskState(eventId: k.eventId, now: now, idleSeconds: k.idleSeconds)
    state.toast = nil
}

/// Any key, scan or result keeps the kiosk awake.
func kioskTouch(_ state: inout AppState, now: Date) {
    if isKiosk(state.screen) { state.kiosk?.lastActivity = now }
}

func kioskShow(_ state: inout AppState, _ phase: KioskPhase, now: Date) {
    state.kiosk?.phase = phase
    if state.kiosk?.preview?.attendeeId != state.kiosk?.attendee?.id { state.kiosk?.preview = nil }
    state.kiosk?.printNote = nil
    state.kiosk?.lastActivity = now
    if case .askAtDesk = phase { state.bells += 1 }
}

/// Keys of the kiosk (printable characters of the form were typed by `typeCharacter`).
func kioskCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    guard var k = state.kiosk else { return [] }
    switch command {
    case .kioskFind:
        k.phase = .form
        k.field = .lastName
        state.kiosk = k
    case .nextField:
        guard k.phase == .form else { return [] }
        k.field = k.field == .lastName ? .email : .lastName
        state.kiosk = k
    case .kioskNext:
        guard k.phase == .form else { return [] }
        if k.field == .lastName {
            k.field = .email
            state.kiosk = k
            return []
        }
        guard !k.email.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        guard !k.lastName.trimmingCharacters(in: .whitespaces).isEmpty else {
            k.field = .lastName
            state.kiosk = k
            return []
        }
        k.phase = .lookingUp
        k.pendingCode = nil
        state.kiosk = k
        return [.kioskLookup(eventId: k.eventId, lastName: k.lastName, email: k.email)]
    case .deleteChar:
        guard k.phase == .form else { return [] }
        if k.field == .lastName { if !k.lastName.isEmpty { k.lastName.removeLast() } }
        else if !k.email.isEmpty { k.email.removeLast() }
        state.kiosk = k
    case .clearLine:
        guard k.phase == .form else { return [] }
        if k.field == .lastName { k.lastName = "" } else { k.email = "" }
        state.kiosk = k
    case .kioskConfirm:
        guard case .confirm(let a) = k.phase else {
            kioskStartOver(&state, now: now)
            return []
        }
        k.phase = .checkingIn(a)
        state.kiosk = k
        state.printAfterCheckIn.insert(a.id)
        return [.checkIn(attendeeId: a.id, .checkIn)]
    case .kioskStartOver:
        kioskStartOver(&state, now: now)
    default: break
    }
    return []
}

/// One character for the kiosk's form (ignored elsewhere: the welcome screen's keys are commands).
func kioskType(_ state: inout AppState, _ c: Character) {
    guard var k = state.kiosk, k.phase == .form, !c.isNewline else { return }
    switch k.field {
    case .lastName: if k.lastName.count < 80 { k.lastName.append(c) }
    case .email: if k.email.count < 120 { k.email.append(c) }
    }
    state.kiosk = k
}

/// A scanned ticket: look it up in this event (a new scan replaces whoever was on screen).
func kioskScan(_ state: inout AppState, _ raw: String, now: Date) -> [Effect] {
    guard var k = state.kiosk else { return [] }
    guard let code = ScannedCode(raw) else {
        kioskShow(&state, .askAtDesk(.unreadable), now: now)
        return []
    }
    if let last = state.lastScan, last.code == code.lookupValue, now.timeIntervalSince(last.at) < scanRepeatSeconds,
       k.phase != .welcome {
        return []  // the same ticket read twice in a row
    }
    state.lastScan = ScanMemo(code: code.lookupValue, at: now)
    k = KioskState(eventId: k.eventId, now: now, idleSeconds: k.idleSeconds)
    k.phase = .lookingUp
    k.pendingCode = code.lookupValue
    state.kiosk = k
    return [.lookupScan(eventId: k.eventId, code: code.lookupValue)]
}

/// The reply to a kiosk scan's lookup.
func kioskScanLookup(_ state: inout AppState, code: String, _ lookup: ScanLookup, now: Date) -> [Effect] {
    guard let k = state.kiosk, k.phase == .lookingUp, k.pendingCode == code else { return [] }
    state.kiosk?.pendingCode = nil
    switch lookup {
    case .unknown: kioskShow(&state, .askAtDesk(.notFound), now: now)
    case .otherEvent: kioskShow(&state, .askAtDesk(.otherEvent), now: now)
    case .found(let a, _): kioskFound(&state, a, now: now)
    }
    return kioskPreviewRequest(state)
}

/// The reply to the typed lookup.
func kioskLookupResult(_ state: inout AppState, lastName: String, email: String, _ lookup: KioskLookup,
                       now: Date) -> [Effect] {
    guard let k = state.kiosk, k.phase == .lookingUp, k.pendingCode == nil,
          k.lastName == lastName, k.email == email else { return [] }
    // The typed fields go as soon as they were used.
    state.kiosk?.lastName = ""
    state.kiosk?.email = ""
    switch lookup {
    case .noMatch: kioskShow(&state, .askAtDesk(.notFound), now: now)
    case .ambiguous: kioskShow(&state, .askAtDesk(.ambiguous), now: now)
    case .found(let a): kioskFound(&state, a, now: now)
    }
    return kioskPreviewRequest(state)
}

/// The person's own badge preview while they confirm, when the screen has room for it.
func kioskPreviewRequest(_ state: AppState) -> [Effect] {
    guard case .confirm(let a)? = state.kiosk?.phase, let box = BadgePreview.kioskBox(for: state.size) else { return [] }
    return [.loadBadgePreview(attendeeId: a.id, columns: box.columns, rows: box.rows)]
}

func kioskFound(_ state: inout AppState, _ a: Attendee, now: Date) {
    if a.isCheckedIn {
        kioskShow(&state, .askAtDesk(.alreadyCheckedIn), now: now)
    } else if a.status == .notAttending {
        kioskShow(&state, .askAtDesk(.notAttending), now: now)
    } else {
        kioskShow(&state, .confirm(a), now: now)
    }
}

/// A check-in outcome for the person on the kiosk.
func kioskCheckInOutcome(_ state: inout AppState, attendeeId: Int64, _ outcome: CheckInOutcome, now: Date) {
    guard isKiosk(state.screen), case .checkingIn(let a)? = state.kiosk?.phase, a.id == attendeeId else { return }
    switch outcome {
    case .recorded(let updated, _):
        kioskShow(&state, .done(updated), now: now)
        state.kiosk?.printNote = "Printing your badge…"
    case .alreadyCheckedIn:
        state.printAfterCheckIn.remove(attendeeId)
        kioskShow(&state, .askAtDesk(.alreadyCheckedIn), now: now)
    case .notAttending:
        state.printAfterCheckIn.remove(attendeeId)
        kioskShow(&state, .askAtDesk(.notAttending), now: now)
    case .nothingToUndo:
        break
    }
}

/// What happened to the badge of the person on the kiosk.
func kioskPrinted(_ state: inout AppState, attendeeId: Int64, note: String, now: Date) {
    guard isKiosk(state.screen), case .done(let a)? = state.kiosk?.phase, a.id == attendeeId else { return }
    state.kiosk?.printNote = note
    state.kiosk?.lastActivity = now
}

/// A failed effect while the kiosk waited for it.
func kioskFailed(_ state: inout AppState, now: Date) {
    guard isKiosk(state.screen), let k = state.kiosk else { return }
    switch k.phase {
    case .lookingUp, .checkingIn: kioskShow(&state, .askAtDesk(.failed), now: now)
    default: break
    }
}
