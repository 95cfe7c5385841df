import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// A PIN never leaves the masked field (SPEC §8): not on any rendered cell, not in the
/// description of a state or an effect, not in a `dump`.
@Suite struct PINRedactionTests {
    /// Every state, effect and frame of a login and a station-mode unlock, with wrong PINs on the way.
    func journey() -> (states: [AppState], effects: [Effect]) {
        var states: [AppState] = []
        var effects: [Effect] = []
        var s = St.login("bob")
        func step(_ action: Action, at: Date = now) {
            effects += update(&s, action, now: at)
            states.append(s)
        }
        for c in St.pin { step(.key(.char(c))) }
        step(.key(.enter))
        step(.pinRejected(name: "bob", purpose: .login))
        for c in St.pin { step(.key(.char(c))) }
        step(.key(.enter))
        step(.pinVerified(name: "bob", role: .staff, purpose: .login))
        step(.eventsLoaded([EventSummary(event: F.summit, stats: F.stats)]))
        step(.key(.char("L")))
        step(.key(.char("L")))
        for c in St.pin { step(.key(.char(c))) }
        step(.key(.backspace))
        step(.key(.char(St.pin.last!)))
        step(.key(.enter))
        step(.pinVerified(name: "carol", role: .admin, purpose: .leaveStationMode))
        return (states, effects)
    }

    func leaks(_ text: String) -> [String] {
        let data = withoutAddresses(text)
        return St.pinFragments.filter { data.contains($0) }
    }

    /// `dump` of a Foundation `TimeZone` prints the process's heap addresses (`0x00007f…`,
    /// `pointerValue: 1397…`, `at $7f…`): they change every run and are not data the console holds,
    /// so they are dropped before looking for PIN digits (they made this test fail at random).
    func withoutAddresses(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("pointerValue:") }
            .map { line in
                line.replacing(/0x[0-9a-fA-F]+|\$[0-9a-fA-F]{6,}/, with: "<addr>")
            }
            .joined(separator: "\n")
    }

    @Test func addressesAreTheOnlyThingIgnored() {
        #expect(withoutAddresses("header: 0x00007f0e84297470\n  - pointerValue: 139701142970\nat $7f0e42975ff8") == "header: <addr>\nat <addr>")
        #expect(!leaks("name: \"8642\"").isEmpty, "PIN digits in plain data still count")
        #expect(!leaks("count: 29753").isEmpty)
    }

    @Test func noPINDigitsInAnyFrameAtAnySize() {
        let (states, _) = journey()
        #expect(states.count > 30)
        for s in states {
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                let buf = render(s, size: size, now: now)
                let text = buf.lines.joined(separator: "\n")
                #expect(leaks(text).isEmpty, "frame shows \(leaks(text))")
                // The PIN fields show one • per digit typed, nothing else.
                if let p = s.pinPrompt, !p.pin.value.isEmpty {
                    #expect(text.contains("Admin PIN: " + String(repeating: "•", count: p.pin.value.count) + "▏"))
                }
                if s.screen == .login, !s.login.pin.value.isEmpty {
                    #expect(text.contains("PIN   " + String(repeating: "•", count: s.login.pin.value.count) + "▏"))
                }
            }
        }
    }

    @Test func noPINDigitsInStateOrEffectDescriptions() {
        let (states, effects) = journey()
        #expect(effects.contains(.verifyPIN(name: "bob", pin: .pin(St.pin), purpose: .login)), "the PIN did travel")
        #expect(effects.contains(.verifyPIN(name: nil, pin: .pin(St.pin), purpose: .leaveStationMode)))
        for s in states {
            var dumped = ""
            dump(s, to: &dumped)
            for text in [String(describing: s), String(reflecting: s), dumped] {
                #expect(leaks(text).isEmpty, "state description shows \(leaks(text))")
            }
        }
        for e in effects {
            var dumped = ""
            dump(e, to: &dumped)
            for text in [String(describing: e), String(reflecting: e), dumped] {
                #expect(leaks(text).isEmpty, "effect description shows \(leaks(text))")
            }
        }
    }

    @Test func aPINIsFullyRedactedWhileATokenKeepsItsHint() {
        #expect(Secret.pin("123456789012").description == "••••")
        #expect(String(reflecting: Secret.pin("12345678")) == "••••")
        #expect(Secret("tok-12345678").description == "••••5678", "tokens keep the redacted form of SPEC §8")
        #expect(Secret.pin("1234") != Secret("1234"), "a PIN is not a token")
    }
}
