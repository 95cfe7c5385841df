import Foundation
import Testing
import BadgeCore

@Suite struct PermissionTests {
    @Test func staffMayDoExactlyTheStaffActions() {
        let staff: Set<OperatorAction> = [.checkIn, .undoCheckIn, .forceCheckIn, .toggleVIP, .manualSync, .printBadge, .viewAttendees,
                                          .registerWalkIn, .correctBadge, .editNote]
        for action in OperatorAction.allCases {
            #expect(Role.staff.allows(action) == staff.contains(action), "\(action)")
            #expect(Role.admin.allows(action))
        }
        #expect(Role.staff.refusal(for: .importEvent) == "importing an event needs an admin (signed in as staff)")
        #expect(Role.staff.refusal(for: .checkIn) == nil)
    }

    @Test func fiveWrongPINsLockForAMinute() {
        var lock = PINLockout()
        let t = Date(timeIntervalSince1970: 1000)
        for i in 0..<4 { lock.recordFailure(now: t.addingTimeInterval(Double(i))) }
        #expect(!lock.isLocked(now: t.addingTimeInterval(4)))
        lock.recordFailure(now: t.addingTimeInterval(4))
        #expect(lock.isLocked(now: t.addingTimeInterval(5)))
        #expect(lock.secondsLeft(now: t.addingTimeInterval(5)) == 59)
        #expect(!lock.isLocked(now: t.addingTimeInterval(64)))
        // After the lock expires the count starts again.
        lock.recordFailure(now: t.addingTimeInterval(65))
        #expect(!lock.isLocked(now: t.addingTimeInterval(65)))
        #expect(lock.failures == 1)
    }

    @Test func aGoodPINResetsTheCount() {
        var lock = PINLockout()
        let t = Date(timeIntervalSince1970: 0)
        for _ in 0..<4 { lock.recordFailure(now: t) }
        lock.recordSuccess()
        lock.recordFailure(now: t)
        #expect(!lock.isLocked(now: t))
    }
}
