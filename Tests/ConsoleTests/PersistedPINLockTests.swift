import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// Issue #13 item 6: a lock the store decided (it outlives the console) shows like the console's own.
@Suite struct PersistedPINLockTests {
    @Test func aStoreLockAtTheFirstTryLocksThePromptWithTheTimeLeft() {
        // A fresh console (restarted after Ctrl-C): no wrong PIN in memory, but the store says locked.
        var s = St.loginTyped()
        #expect(update(&s, .key(.enter), now: now) == [.verifyPIN(name: "bob", pin: .pin(St.pin), purpose: .login)])
        let effects = update(&s, .pinLocked(name: "bob", purpose: .login, failures: 6, until: now.addingTimeInterval(120)),
                             now: now)
        #expect(effects == [.recordAudit(action: .pinLockout, detail: "6 wrong PINs signing in as bob")])
        #expect(s.pinLockout.isLocked(now: now.addingTimeInterval(119)))
        #expect(!s.pinLockout.isLocked(now: now.addingTimeInterval(120)))
        #expect(s.login.pin == .pin("") && !s.login.verifying)
        #expect(render(s, size: s.size, now: now).text.contains("✖ 6 wrong PINs — locked, try again in 120 s"))

        // Locked: typing and Enter do nothing; a second report of the same lock is not audited again.
        St.type(&s, St.pin, at: now.addingTimeInterval(10))
        #expect(s.login.pin == .pin(""))
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(10)) == [])
        #expect(update(&s, .pinLocked(name: "bob", purpose: .login, failures: 6, until: now.addingTimeInterval(120)),
                       now: now.addingTimeInterval(10)) == [])
    }

    @Test func theStationPromptShowsAStoreLockToo() {
        var s = St.login("ada")
        St.type(&s, St.pin)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .pinVerified(name: "ada", role: .admin, purpose: .login), now: now)
        s.stationMode = true
        s.pinPrompt = PINPromptState(pin: .pin(St.pin), verifying: true)
        let effects = update(&s, .pinLocked(name: nil, purpose: .leaveStationMode, failures: 5, until: now.addingTimeInterval(60)),
                             now: now)
        #expect(effects == [.recordAudit(action: .pinLockout, detail: "5 wrong PINs leaving station mode")])
        #expect(s.stationMode && s.pinPrompt?.pin == .pin("") && s.pinPrompt?.verifying == false)
        #expect(s.pinLockout.isLocked(now: now.addingTimeInterval(59)))
    }
}

/// Issue #18 (noticed): "N tries left" comes from the store's count, which every process shares,
/// not from a count this console kept since it started.
@Suite struct PINTriesLeftFromStoreTests {
    @Test func triesLeftFollowTheStoresCount() {
        var s = AppState.start(members: [MemberSummary(name: "ann", role: .admin)], operatorName: nil, timeZone: .gmt)
        _ = update(&s, .pinRejected(name: "ann", purpose: .login, failures: 3), now: F.now)
        #expect(s.pinNotice == "Wrong PIN — 2 tries left before a 1-minute lock")
        _ = update(&s, .pinRejected(name: "ann", purpose: .login, failures: 1), now: F.now)
        #expect(s.pinNotice == "Wrong PIN — 4 tries left before a 1-minute lock", "a count cleared elsewhere")
        #expect(!s.pinLockout.isLocked(now: F.now))
    }
}
