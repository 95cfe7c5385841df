import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

/// Issue #13 item 6: wrong PINs are persisted per subject, with back-off.
@Suite struct PINAttemptsTests {
    let t0 = StoreFixtures.t0
    let ann = PINAttempts.subject(member: "Ann")

    @Test func aLockSurvivesANewConnection() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        do {
            let store = try SQLiteStore.open(path: path)
            for i in 1...4 {
                let attempts = try store.recordPINFailure(subject: ann, at: t0, backoff: PINBackoff())
                #expect(attempts.failures == i && !attempts.isLocked(now: t0))
            }
            let fifth = try store.recordPINFailure(subject: ann, at: t0, backoff: PINBackoff())
            #expect(fifth.isLocked(now: t0) && fifth.secondsLeft(now: t0) == 60)
        }
        // A restart (Ctrl-C, a new process): a new connection reads the same lock.
        let reopened = try SQLiteStore.open(path: path)
        let attempts = try reopened.pinAttempts(subject: PINAttempts.subject(member: "ann"))
        #expect(attempts.failures == 5)
        #expect(attempts.isLocked(now: t0.addingTimeInterval(59)))
        #expect(!attempts.isLocked(now: t0.addingTimeInterval(60)))
        #expect(try reopened.pinAttempts(subject: PINAttempts.stationAdminSubject) == PINAttempts(), "per subject")
    }

    @Test func backOffDoublesUpToTheCapAndACorrectPINClears() throws {
        let store = try SQLiteStore.inMemory()
        var at = t0
        var locks: [Int] = []
        for _ in 1...12 {
            let attempts = try store.recordPINFailure(subject: ann, at: at, backoff: PINBackoff())
            locks.append(attempts.secondsLeft(now: at))
            at = at.addingTimeInterval(3600)  // each lock has expired before the next wrong PIN
        }
        #expect(locks == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900, 900, 900])
        try store.clearPINAttempts(subject: ann)
        #expect(try store.pinAttempts(subject: ann) == PINAttempts())
    }

    @Test func settingANewPINLiftsTheMembersLock() throws {
        let store = try SQLiteStore.inMemory()
        for _ in 1...5 { try store.recordPINFailure(subject: ann, at: t0, backoff: PINBackoff()) }
        #expect(try store.pinAttempts(subject: ann).isLocked(now: t0))
        try store.saveMember(Member(name: "Ann", role: .admin, pinHash: "$6$new"))
        #expect(try store.pinAttempts(subject: ann) == PINAttempts())
    }

    @Test func waitPhraseSaysMinutesAndSeconds() {
        #expect(PINAttempts(failures: 5, lockedUntil: t0.addingTimeInterval(45)).waitPhrase(now: t0) == "try again in 45 s")
        #expect(PINAttempts(failures: 6, lockedUntil: t0.addingTimeInterval(120)).waitPhrase(now: t0) == "try again in 2 min")
        #expect(PINAttempts(failures: 6, lockedUntil: t0.addingTimeInterval(125)).waitPhrase(now: t0) == "try again in 2 min 5 s")
    }
}
