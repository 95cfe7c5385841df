import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// Signing in at start (SPEC §7): who the console runs as, the exact effects, wrong PINs and the lock.
@Suite struct LoginTests {
    @Test func withoutMembersTheConsoleRunsAsAdminWithNoLogin() {
        let s = AppState.start(members: [], operatorName: "desk-1")
        #expect(!s.requiresLogin)
        #expect(s.screen == .dashboard && s.operatorName == "desk-1" && s.operatorRole == .admin)
        #expect(s.startEffects == [.loadEvents, .loadIntegrations])
        #expect(AppState.start(members: []).operatorName == "admin")
    }

    @Test func withMembersTheConsoleOpensOnTheLoginScreen() {
        let s = St.login()
        #expect(s.requiresLogin && s.screen == .login && s.startEffects.isEmpty)
        #expect(s.login == LoginState(name: "", field: .name))
        #expect(s.effectiveRole == .staff, "nothing is allowed before signing in")
        #expect(KeyBindings.contexts(for: s) == [.login], "no command keys on the login screen")
        var typed = s
        #expect(update(&typed, .key(.char("q")), now: now).isEmpty, "q is a letter of the name here")
        #expect(typed.login.name == "q" && typed.screen == .login)
    }

    @Test func operatorFlagPreselectsTheNameAndFocusesThePIN() {
        #expect(St.login("BOB").login == LoginState(name: "bob", field: .pin))
        let unknown = St.login("zed")
        #expect(unknown.login == LoginState(name: "zed", field: .pin))
        var s = unknown
        St.type(&s, St.pin)
        #expect(update(&s, .key(.enter), now: now) == [], "an unknown name is refused without a PIN check")
        #expect(s.pinNotice == "No member named zed" && s.login.field == .name)
        #expect(s.pinLockout.failures == 0)
    }

    @Test func typingGoesToTheFocusedFieldAndThePINTakesOnlyDigits() {
        var s = St.login()
        St.type(&s, "bo")
        _ = update(&s, .key(.tab), now: now)
        St.type(&s, "12a3-4 56789012345")
        #expect(s.login.name == "bo")
        #expect(s.login.pin == .pin("123456789012"), "digits only, at most 12")
    }

    @Test func successfulLoginSignsInWithTheStoredRoleAndAuditsIt() {
        var s = St.loginTyped()
        #expect(update(&s, .key(.enter), now: now) == [.verifyPIN(name: "bob", pin: .pin(St.pin), purpose: .login)])
        #expect(update(&s, .key(.enter), now: now) == [], "Enter is ignored while the PIN is checked")
        #expect(F.text(s).contains("Checking the PIN…"))
        let effects = update(&s, .pinVerified(name: "bob", role: .staff, purpose: .login), now: now)
        #expect(effects == [.recordAudit(action: .login, detail: "STAFF"), .loadEvents, .loadIntegrations])
        #expect(s.screen == .dashboard && s.backStack.isEmpty)
        #expect(s.operatorName == "bob" && s.operatorRole == .staff && s.effectiveRole == .staff)
        #expect(s.login == LoginState(), "the PIN is gone from the state")
        #expect(s.toast?.text == "Signed in as bob (STAFF)")
        #expect(F.text(s).contains("bob · STAFF"))
    }

    @Test func wrongPINClearsTheFieldAndCountsDown() {
        var s = St.loginTyped()
        _ = update(&s, .key(.enter), now: now)
        #expect(update(&s, .pinRejected(name: "bob", purpose: .login), now: now) == [])
        #expect(s.screen == .login && s.login.pin == .pin("") && !s.login.verifying && s.login.field == .pin)
        #expect(s.pinNotice == "Wrong PIN — 4 tries left before a 1-minute lock")
        #expect(F.text(s).contains("▲ Wrong PIN — 4 tries left before a 1-minute lock"))
        St.type(&s, "12")
        #expect(update(&s, .key(.enter), now: now) == [], "a PIN is 4 to 12 digits")
        #expect(s.pinNotice == "A PIN is 4 to 12 digits")
    }

    @Test func fiveWrongPINsLockTheLoginForSixtySecondsThenItUnlocks() {
        var s = St.login("bob")
        #expect(St.rejectLogin(&s, times: 4).isEmpty)
        #expect(s.pinNotice == "Wrong PIN — 1 try left before a 1-minute lock")
        let fifth = St.rejectLogin(&s, times: 1)
        #expect(fifth == [.recordAudit(action: .pinLockout, detail: "5 wrong PINs signing in as bob")])
        #expect(s.pinLockout.isLocked(now: now))

        // Locked: typing and Enter do nothing, the countdown shows the seconds left.
        let later = now.addingTimeInterval(59.5)
        St.type(&s, St.pin, at: later)
        #expect(s.login.pin == .pin(""))
        #expect(update(&s, .key(.enter), now: later) == [])
        #expect(render(s, size: s.size, now: now).text.contains("✖ 5 wrong PINs — locked, try again in 60 s"))
        #expect(render(s, size: s.size, now: later).text.contains("try again in 1 s"))

        // After the minute: the PIN is checked again, and the count starts over.
        let after = now.addingTimeInterval(60)
        #expect(!render(s, size: s.size, now: after).text.contains("locked"))
        St.type(&s, St.pin, at: after)
        #expect(update(&s, .key(.enter), now: after) == [.verifyPIN(name: "bob", pin: .pin(St.pin), purpose: .login)])
        #expect(update(&s, .pinRejected(name: "bob", purpose: .login), now: after) == [])
        #expect(s.pinNotice == "Wrong PIN — 4 tries left before a 1-minute lock")
        #expect(!s.pinLockout.isLocked(now: after))
    }

    @Test func aGoodPINResetsTheCount() {
        var s = St.login("ada")
        _ = St.rejectLogin(&s, times: 3)
        St.type(&s, St.pin)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .pinVerified(name: "ada", role: .admin, purpose: .login), now: now)
        #expect(s.pinLockout.failures == 0 && s.operatorRole == .admin)
    }

    @Test func stalePINRepliesChangeNothing() {
        var s = St.loginTyped()
        let before = s
        #expect(update(&s, .pinVerified(name: "ada", role: .admin, purpose: .login), now: now) == [],
                "no verification was asked")
        #expect(update(&s, .pinVerified(name: "ada", role: .admin, purpose: .leaveStationMode), now: now) == [])
        #expect(s == before)
    }

    @Test func scansAreIgnoredOnTheLoginScreen() {
        var s = St.login("bob")
        let before = s
        #expect(update(&s, .scanned("51660376577001"), now: now) == [])
        #expect(s == before)
    }

    @Test func arrowsPickAMemberAndTheListMarksIt() {
        var s = St.login()
        _ = update(&s, .key(.down), now: now)
        #expect(s.login.name == "ada")
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.down), now: now)
        #expect(s.login.name == "carol", "stops at the last member")
        #expect(render(s, size: s.size, now: now).lines[12].hasPrefix("▶ carol     ADMIN  "))
    }
}
