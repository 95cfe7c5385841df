import Foundation
import BadgeCore
import ScreenKit

// Signing in, station mode and the admin-PIN prompt (SPEC §7). PINs are checked by the
// composition root (`Effect.verifyPIN`); the store counts wrong ones and the console mirrors its
// count (`AppState.pinLockout`) for "N tries left" and the lock.

extension AppState {
    /// The refusal for an admin-only action: `Role.refusal(for:)`'s wording, or "(station mode)"
    /// when it is station mode that refuses it.
    func refusal(for action: OperatorAction) -> String? {
        guard !effectiveRole.allows(action) else { return nil }
        if stationMode && operatorRole.allows(action) { return "\(action.phrase) needs an admin (station mode)" }
        return effectiveRole.refusal(for: action)
    }

    /// "Wrong PIN — 3 tries left before a 1-minute lock".
    func wrongPINNotice() -> String {
        let left = max(0, pinLockout.maxFailures - pinLockout.failures)
        let minutes = Int(pinLockout.lockDuration / 60)
        return "Wrong PIN — \(left) \(left == 1 ? "try" : "tries") left before a \(minutes)-minute lock"
    }

    /// Admin members, who may unlock station mode.
    var admins: [MemberSummary] { members.filter { $0.role == .admin } }
}

/// Appends a digit to a PIN field (other characters are ignored; at most `maxPINLength`).
func appendDigit(_ pin: Secret, _ c: Character) -> Secret {
    guard c.isASCII, c.isNumber, pin.value.count < maxPINLength else { return pin }
    return .pin(pin.value + String(c))
}

// MARK: Login screen

func loginType(_ state: inout AppState, _ c: Character, now: Date) {
    guard !state.login.verifying else { return }
    switch state.login.field {
    case .name:
        guard state.login.name.count < 64 else { return }
        state.login.name.append(c)
    case .pin:
        guard !state.pinLockout.isLocked(now: now) else { return }
        state.login.pin = appendDigit(state.login.pin, c)
    }
}

func loginCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    var l = state.login
    defer { state.login = l }
    let names = state.members.map(\.name)
    switch command {
    case .moveUp, .moveDown:
        guard !names.isEmpty else { return [] }
        let current = state.member(named: l.name).flatMap { m in names.firstIndex(of: m.name) }
        let next: Int
        if let current {
            next = moveSelection(current, by: command == .moveUp ? -1 : 1, count: names.count)
        } else {
            next = command == .moveUp ? names.count - 1 : 0
        }
        l.name = names[next]
        state.pinNotice = nil
    case .nextField:
        l.field = l.field == .name ? .pin : .name
    case .deleteChar:
        switch l.field {
        case .name: if !l.name.isEmpty { l.name.removeLast() }
        case .pin: l.pin = .pin(String(l.pin.value.dropLast()))
        }
    case .signIn:
        guard !l.verifying else { return [] }
        guard !l.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            l.field = .name
            state.pinNotice = "Type your name or pick it with ↑/↓"
            return []
        }
        guard let member = state.member(named: l.name) else {
            l.field = .name
            state.pinNotice = "No member named \(l.name)"
            return []
        }
        l.name = member.name
        if l.field == .name {
            l.field = .pin
            state.pinNotice = nil
            return []
        }
        guard !state.pinLockout.isLocked(now: now) else { return [] }
        guard l.pin.value.count >= minPINLength else {
            state.pinNotice = "A PIN is \(minPINLength) to \(maxPINLength) digits"
            return []
        }
        l.verifying = true
        state.pinNotice = nil
        return [.verifyPIN(name: member.name, pin: l.pin, purpose: .login)]
    default: break
    }
    return []
}

// MARK: Station mode

/// `L`: enter station mode at once; leaving asks for an admin PIN.
func toggleStation(_ state: inout AppState, now: Date) -> [Effect] {
    if state.stationMode {
        return askAdminPIN(&state, then: .leaveStation, now: now)
    }
    state.stationMode = true
    // Admin-only screens close: back to the screen under them.
    while state.screen == .importDialog || state.screen == .integrations { state.pop() }
    state.integrationsScreen.entry = nil
    state.importDialog = ImportDialogState()
    state.say("Station mode: staff actions only — L and an admin PIN to leave", now: now)
    return [.recordAudit(action: .enterStationMode, detail: "")] + ensureVisible(&state)
}

func pinPromptType(_ state: inout AppState, _ c: Character, now: Date) {
    guard var p = state.pinPrompt, !state.members.isEmpty, !p.verifying, !state.pinLockout.isLocked(now: now) else { return }
    p.pin = appendDigit(p.pin, c)
    state.pinPrompt = p
}

func pinPromptCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    guard var p = state.pinPrompt else { return [] }
    switch command {
    case .cancelPIN:
        state.pinPrompt = nil
        state.pinNotice = nil
        return []
    case .deleteChar:
        p.pin = .pin(String(p.pin.value.dropLast()))
        state.pinPrompt = p
        return []
    case .submitPIN:
        if state.members.isEmpty {
            return unlockStation(&state, p.then, detail: "no members defined", now: now)
        }
        guard !p.verifying, !state.pinLockout.isLocked(now: now) else { return [] }
        guard !state.admins.isEmpty else {
            state.pinNotice = "No admin member is defined: add one on the command line"
            return []
        }
        guard p.pin.value.count >= minPINLength else {
            state.pinNotice = "A PIN is \(minPINLength) to \(maxPINLength) digits"
            return []
        }
        p.verifying = true
        state.pinPrompt = p
        state.pinNotice = nil
        return [.verifyPIN(name: nil, pin: p.pin, purpose: .leaveStationMode)]
    default:
        return []
    }
}

/// Opens the admin-PIN prompt for what station mode locks (SPEC §10).
func askAdminPIN(_ state: inout AppState, then: StationUnlock, now: Date) -> [Effect] {
    state.pinPrompt = PINPromptState(then: then)
    state.pinNotice = nil
    return []
}

/// An admin's PIN matched: do what it was asked for.
func unlockStation(_ state: inout AppState, _ what: StationUnlock, detail: String, now: Date) -> [Effect] {
    switch what {
    case .leaveStation:
        return leaveStation(&state, detail: detail, now: now)
    case .quit:
        state.pinPrompt = nil
        state.pinNotice = nil
        if state.jobRunning {
            state.confirmingQuit = true
            return [.recordAudit(action: .stationUnlock, detail: "quit: \(detail)")]
        }
        return [.recordAudit(action: .stationUnlock, detail: "quit: \(detail)"), .quit]
    case .leaveKiosk:
        state.pinPrompt = nil
        state.pinNotice = nil
        return [.recordAudit(action: .stationUnlock, detail: "close kiosk: \(detail)"), .quit]
    case .leaveEvent:
        state.pinPrompt = nil
        state.pinNotice = nil
        leaveEventView(&state)
        return [.recordAudit(action: .stationUnlock, detail: "leave event: \(detail)"), .loadEvents]
    }
}

func leaveStation(_ state: inout AppState, detail: String, now: Date) -> [Effect] {
    state.stationMode = false
    state.pinPrompt = nil
    state.pinNotice = nil
    state.say("Station mode off", .success, now: now)
    return [.recordAudit(action: .leaveStationMode, detail: detail)]
}

// MARK: Replies to verifyPIN

func handlePINResult(_ state: inout AppState, _ action: Action, now: Date) -> [Effect] {
    switch action {
    case .pinVerified(let name, let role, .login):
        guard state.screen == .login, state.login.verifying else { return [] }
        state.pinLockout.recordSuccess()
        state.operatorName = name
        state.operatorRole = role
        state.login = LoginState()
        state.pinNotice = nil
        state.screen = .dashboard
        state.backStack = []
        state.say("Signed in as \(name) (\(role.rawValue))", .success, now: now)
        return [.recordAudit(action: .login, detail: role.rawValue), .loadEvents, .loadIntegrations]
    case .pinVerified(let name, let role, .leaveStationMode):
        guard state.stationMode, state.pinPrompt?.verifying == true else { return [] }
        guard role == .admin else { return pinRejected(&state, name: name, purpose: .leaveStationMode, now: now) }
        state.pinLockout.recordSuccess()
        return unlockStation(&state, state.pinPrompt?.then ?? .leaveStation, detail: "admin PIN of \(name)", now: now)
    case .pinRejected(let name, let purpose, let failures):
        return pinRejected(&state, name: name, purpose: purpose, failures: failures, now: now)
    case .pinLocked(let name, let purpose, let failures, let until):
        return pinLocked(&state, name: name, purpose: purpose, failures: failures, until: until, now: now)
    default:
        return []
    }
}

/// Empties the PIN field a reply was for and lets the operator type again.
func clearPINField(_ state: inout AppState, _ purpose: PINPurpose) {
    switch purpose {
    case .login:
        if state.screen == .login {
            state.login.pin = .pin("")
            state.login.verifying = false
        }
    case .leaveStationMode:
        state.pinPrompt?.pin = .pin("")
        state.pinPrompt?.verifying = false
    }
}

/// The store's lock (it outlives the console, `PINAttempts`): the prompt shows it like its own.
func pinLocked(_ state: inout AppState, name: String?, purpose: PINPurpose, failures: Int, until: Date,
               now: Date) -> [Effect] {
    let wasLocked = state.pinLockout.isLocked(now: now)
    state.pinLockout.lock(until: until, failures: failures)
    clearPINField(&state, purpose)
    state.pinNotice = nil
    guard !wasLocked else { return [] }
    let what = purpose == .login ? "signing in as \(name ?? state.login.name)" : "leaving station mode"
    return [.recordAudit(action: .pinLockout, detail: "\(failures) wrong PINs \(what)")]
}

func pinRejected(_ state: inout AppState, name: String?, purpose: PINPurpose, failures: Int? = nil,
                 now: Date) -> [Effect] {
    // The store counts wrong PINs across restarts and processes: its count is the one that locks
    // (a lock arrives as `pinLocked`); without one (an unknown name) the console counts.
    if let failures {
        state.pinLockout.adopt(failures: failures)
    } else {
        state.pinLockout.recordFailure(now: now)
    }
    let locked = state.pinLockout.isLocked(now: now)
    clearPINField(&state, purpose)
    state.pinNotice = locked ? nil : state.wrongPINNotice()
    guard locked else { return [] }
    let what = purpose == .login ? "signing in as \(name ?? state.login.name)" : "leaving station mode"
    return [.recordAudit(action: .pinLockout, detail: "\(state.pinLockout.maxFailures) wrong PINs \(what)")]
}
