import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Key cases of the self check-in kiosk (part of `keyCases`, so `everyBindingKeyIsCovered`
/// holds for its bindings too).
let kioskKeyCases: [KeyCase] = [
    KeyCase(name: "kiosk Enter opens the last name and email form", context: .kioskWelcome, key: .enter,
            given: { K.kiosk() }, effects: [], then: { $0.kiosk?.phase == .form && $0.kiosk?.field == .lastName }),
    KeyCase(name: "kiosk q asks for an admin PIN", context: .kioskWelcome, key: .char("q"), given: { K.kiosk() },
            effects: [], then: { $0.pinPrompt?.then == .leaveKiosk }),
    KeyCase(name: "kiosk Esc asks for an admin PIN", context: .kioskWelcome, key: .escape, given: { K.kiosk() },
            effects: [], then: { $0.pinPrompt?.then == .leaveKiosk }),
    KeyCase(name: "kiosk ^C asks for an admin PIN", context: .kioskWelcome, key: .ctrl("c"), given: { K.kiosk() },
            effects: [], then: { $0.pinPrompt?.then == .leaveKiosk }),
    KeyCase(name: "kiosk form Enter looks both fields up", context: .kioskForm, key: .enter,
            given: { K.typed("Lovelace", "ada@example.com") },
            effects: [.kioskLookup(eventId: 1, lastName: "Lovelace", email: "ada@example.com")],
            then: { $0.kiosk?.phase == .lookingUp }),
    KeyCase(name: "kiosk form Tab switches field", context: .kioskForm, key: .tab,
            given: { K.typed("Lovelace", "") }, effects: [], then: { $0.kiosk?.field == .lastName }),
    KeyCase(name: "kiosk form Shift+Tab switches field", context: .kioskForm, key: .backTab,
            given: { K.typed("Lovelace", "") }, effects: [], then: { $0.kiosk?.field == .lastName }),
    KeyCase(name: "kiosk form Backspace deletes", context: .kioskForm, key: .backspace,
            given: { K.typed("Lovelace", "ada") }, effects: [], then: { $0.kiosk?.email == "ad" }),
    KeyCase(name: "kiosk form Del deletes", context: .kioskForm, key: .delete,
            given: { K.typed("Lovelace", "ada") }, effects: [], then: { $0.kiosk?.email == "ad" }),
    KeyCase(name: "kiosk form ^U clears the field", context: .kioskForm, key: .ctrl("u"),
            given: { K.typed("Lovelace", "ada") }, effects: [],
            then: { $0.kiosk?.email == "" && $0.kiosk?.lastName == "Lovelace" }),
    KeyCase(name: "kiosk form Esc starts over", context: .kioskForm, key: .escape,
            given: { K.typed("Lovelace", "ada") }, effects: [], then: { $0.kiosk?.isAtRest == true }),
    KeyCase(name: "kiosk form ^C asks for an admin PIN", context: .kioskForm, key: .ctrl("c"),
            given: { K.typed("Lovelace", "ada") }, effects: [], then: { $0.pinPrompt?.then == .leaveKiosk }),
    KeyCase(name: "kiosk Enter on the confirm screen checks in", context: .kioskResult, key: .enter,
            given: { K.confirm() }, effects: [.checkIn(attendeeId: 1, .checkIn)],
            then: { $0.printAfterCheckIn.contains(1) }),
    KeyCase(name: "kiosk Esc on a result starts over", context: .kioskResult, key: .escape,
            given: { K.confirm() }, effects: [], then: { $0.kiosk?.isAtRest == true }),
    KeyCase(name: "kiosk ^C on a result asks for an admin PIN", context: .kioskResult, key: .ctrl("c"),
            given: { K.confirm() }, effects: [], then: { $0.pinPrompt?.then == .leaveKiosk }),
]

/// Key cases of the "Reconnect its N events?" offer (issue #17).
let reconnectOfferKeyCases: [KeyCase] = [
    KeyCase(name: "offer Enter reconnects every disconnected event", context: .reconnectOffer, key: .enter,
            given: { RO.connected() },
            effects: [.reconnect(eventId: 1), .recordAudit(action: .reconnect, detail: "eventbrite:x1"),
                      .reconnect(eventId: 2), .recordAudit(action: .reconnect, detail: "eventbrite:x2")],
            then: { $0.integrationsScreen.reconnectOffer == nil }),
    KeyCase(name: "offer Esc: not now", context: .reconnectOffer, key: .escape, given: { RO.connected() },
            effects: [], then: { $0.integrationsScreen.reconnectOffer == nil && $0.screen == .integrations }),
]
