import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// Key cases of the login screen, the admin-PIN prompt and `L` (part of `keyCases`, so
/// `everyBindingKeyIsCovered` holds for the new bindings too).
let stationKeyCases: [KeyCase] = [
    // Login
    KeyCase(name: "login ↑ picks the last member when none is picked", context: .login, key: .up,
            given: { St.login() }, effects: [], then: { $0.login.name == "carol" && $0.screen == .login }),
    KeyCase(name: "login ↓ picks the next member", context: .login, key: .down,
            given: { var s = St.login(); s.login.name = "ADA"; return s }, effects: [],
            then: { $0.login.name == "bob" }),
    KeyCase(name: "login Enter on the name goes to the PIN", context: .login, key: .enter,
            given: { var s = St.login(); St.type(&s, "BOB"); return s }, effects: [],
            then: { $0.login.field == .pin && $0.login.name == "bob" && $0.pinNotice == nil }),
    KeyCase(name: "login Enter on the PIN verifies it", context: .login, key: .enter,
            given: { St.loginTyped() }, effects: [.verifyPIN(name: "bob", pin: .pin(St.pin), purpose: .login)],
            then: { $0.login.verifying && $0.screen == .login }),
    KeyCase(name: "login Tab to the PIN", context: .login, key: .tab, given: { St.login() }, effects: [],
            then: { $0.login.field == .pin }),
    KeyCase(name: "login Shift+Tab to the name", context: .login, key: .backTab, given: { St.login("bob") }, effects: [],
            then: { $0.login.field == .name }),
    KeyCase(name: "login Backspace deletes a PIN digit", context: .login, key: .backspace,
            given: { var s = St.login("bob"); St.type(&s, "1234"); return s }, effects: [],
            then: { $0.login.pin == .pin("123") }),
    KeyCase(name: "login Del deletes a name letter", context: .login, key: .delete,
            given: { var s = St.login(); St.type(&s, "bobx"); return s }, effects: [],
            then: { $0.login.name == "bob" }),
    KeyCase(name: "login ^C quits", context: .login, key: .ctrl("c"), given: { St.login() }, effects: [.quit],
            then: { _ in true }),

    // Admin PIN prompt
    KeyCase(name: "prompt Enter checks the PIN against the admins", context: .pinPrompt, key: .enter,
            given: { St.prompt(typed: St.pin) },
            effects: [.verifyPIN(name: nil, pin: .pin(St.pin), purpose: .leaveStationMode)],
            then: { $0.stationMode && $0.pinPrompt?.verifying == true }),
    KeyCase(name: "prompt Enter with no members leaves at once", context: .pinPrompt, key: .enter,
            given: { St.prompt(members: []) },
            effects: [.recordAudit(action: .leaveStationMode, detail: "no members defined")],
            then: { !$0.stationMode && $0.pinPrompt == nil }),
    KeyCase(name: "prompt Backspace", context: .pinPrompt, key: .backspace, given: { St.prompt(typed: "123") },
            effects: [], then: { $0.pinPrompt?.pin == .pin("12") }),
    KeyCase(name: "prompt Del", context: .pinPrompt, key: .delete, given: { St.prompt(typed: "123") },
            effects: [], then: { $0.pinPrompt?.pin == .pin("12") }),
    KeyCase(name: "prompt Esc stays in station mode", context: .pinPrompt, key: .escape,
            given: { St.prompt(typed: "123") }, effects: [], then: { $0.stationMode && $0.pinPrompt == nil }),

    // L
    KeyCase(name: "L enters station mode", context: .global, key: .char("L"), given: { F.eventView() },
            effects: [.recordAudit(action: .enterStationMode, detail: "")],
            then: { $0.stationMode && $0.pinPrompt == nil && $0.screen == .eventView(eventId: 1) }),
    KeyCase(name: "L in station mode asks for an admin PIN", context: .global, key: .char("L"),
            given: { St.station() }, effects: [], then: { $0.stationMode && $0.pinPrompt == PINPromptState() }),
    KeyCase(name: "L on Integrations closes the admin screen", context: .global, key: .char("L"),
            given: { var s = F.dashboard(); _ = update(&s, .key(.char("I")), now: now); return s },
            effects: [.recordAudit(action: .enterStationMode, detail: "")],
            then: { $0.stationMode && $0.screen == .dashboard && $0.backStack.isEmpty }),
]
