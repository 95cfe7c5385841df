import BadgeCore
import Foundation
import Storage
import Testing

/// Issue #13 item 6: wrong PINs are counted in the database, so separate CLI processes (and a
/// restarted console) share one lockout, with back-off; a correct PIN starts the count over.
@Suite struct PINLockoutTests {
    private func seeded(_ badge: BadgeProcess) throws -> String {
        let db = badge.path("b.sqlite")
        try SeededDatabase.create(at: db)
        let admin = try badge.run(["members", "add", "ann", "--role", "admin", "--pin-stdin", "--db", db], stdin: "2468\n")
        #expect(admin.status == 0, "\(admin.stderr)")
        return db
    }

    /// A check-in as ann with `pin` (the check-in needs an operator once members exist).
    private func checkIn(_ badge: BadgeProcess, _ db: String, pin: String, attendee: String = "A1") throws -> BadgeProcess.Result {
        try badge.run(["checkin", SeededDatabase.qualifiedId, attendee, "--operator", "ann", "--db", db],
                      env: ["BADGE_PIN": pin])
    }

    @Test func fiveWrongPINsAcrossProcessesLockTheMemberAndTheRightPINIsRefusedMeanwhile() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = try seeded(badge)
        for tries in 1...4 {
            let wrong = try checkIn(badge, db, pin: "1111")
            #expect(wrong.status == 1)
            #expect(wrong.stderr == "badge: error: wrong PIN for ann (\(5 - tries) more before a lock)\n")
        }
        let fifth = try checkIn(badge, db, pin: "1111")
        #expect(fifth.status == 1)
        #expect(fifth.stderr.hasPrefix("badge: error: wrong PIN — PIN of ann locked after 5 wrong PINs: try again in "))

        // Meanwhile even the right PIN is refused, before any check, with how long to wait.
        let right = try checkIn(badge, db, pin: "2468")
        #expect(right.status == 1)
        #expect(right.stderr.hasPrefix("badge: error: PIN of ann locked after 5 wrong PINs: try again in "))
        #expect(right.stderr.hasSuffix("try again in 1 min\n") || right.stderr.hasSuffix("try again in 59 s\n"), "\(right.stderr)")
        #expect(right.stderrLines.count == 1)
        let store = try SQLiteStore.open(path: db)
        let eventId = try #require(try store.events().first?.id)
        #expect(try store.attendee(eventId: eventId, providerAttendeeId: "A1")?.checkedInAt == nil, "nothing was checked in")
    }

    @Test func afterAnExpiredLockTheNextWrongPINLocksTwiceAsLong() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = try seeded(badge)
        do {
            // Five wrong PINs an hour ago: that lock has expired, the count has not.
            let store = try SQLiteStore.open(path: db)
            for _ in 1...5 {
                try store.recordPINFailure(subject: PINAttempts.subject(member: "ann"), at: Date().addingTimeInterval(-3600),
                                           backoff: PINBackoff())
            }
        }
        let sixth = try checkIn(badge, db, pin: "1111")
        #expect(sixth.status == 1)
        #expect(sixth.stderr.hasPrefix("badge: error: wrong PIN — PIN of ann locked after 6 wrong PINs: try again in "))
        #expect(sixth.stderr.contains("in 2 min\n") || sixth.stderr.contains("in 1 min 59 s\n"), "\(sixth.stderr)")
    }

    @Test func aCorrectPINStartsTheCountOver() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = try seeded(badge)
        for _ in 1...4 { #expect(try checkIn(badge, db, pin: "1111").status == 1) }
        let ok = try checkIn(badge, db, pin: "2468")
        #expect(ok.status == 0, "\(ok.stderr)")
        // Four more wrong ones are not a lock: the count started over.
        for _ in 1...4 { _ = try checkIn(badge, db, pin: "1111") }
        let fifthAfterReset = try checkIn(badge, db, pin: "2468", attendee: "A2")
        #expect(fifthAfterReset.status == 0, "\(fifthAfterReset.stderr)")
    }

    @Test func membersAddEchoesTheNameWithoutItsEscapeSequence() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let added = try badge.run(["members", "add", "\u{1B}[2J\u{1B}]0;pwned\u{07}eve", "--role", "admin", "--pin-stdin",
                                   "--db", db], stdin: "2468\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("Added "))
        #expect(added.stdout.hasSuffix("eve (ADMIN).\n"))
        #expect(!added.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character reaches the terminal")
    }
}
