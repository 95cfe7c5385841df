import Foundation

/// The wrong PINs of one subject (a member, or the station-mode admin prompt), kept in the store
/// so that neither Ctrl-C, a restart nor a loop of CLI calls resets them (issue #13 item 6).
///
/// Pure: the store persists it, `PINBackoff` decides the locks, callers pass `now`. Only a
/// correct PIN (or a new PIN set for the member) clears it; an expired lock does not, so the next
/// wrong PIN locks again, for longer.
public struct PINAttempts: Sendable, Hashable {
    /// Wrong PINs since the last correct one.
    public var failures: Int
    /// No PIN is checked before this moment (nil: not locked).
    public var lockedUntil: Date?

    public init(failures: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// The store key of a member's attempts (names are matched case-insensitively).
    public static func subject(member name: String) -> String { "member:" + name.lowercased() }
    /// The store key of the station-mode prompt, which any admin's PIN opens.
    public static let stationAdminSubject = "station-admin"

    public func isLocked(now: Date) -> Bool { lockedUntil.map { now < $0 } ?? false }

    /// Seconds left on the lock, rounded up (0 when not locked).
    public func secondsLeft(now: Date) -> Int {
        guard let lockedUntil, now < lockedUntil else { return 0 }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }

    /// The attempts after one more wrong PIN at `now`.
    public func recordingFailure(at now: Date, backoff: PINBackoff = PINBackoff()) -> PINAttempts {
        let failures = self.failures + 1
        let lock = backoff.lockDuration(afterFailures: failures)
        return PINAttempts(failures: failures, lockedUntil: lock.map { now.addingTimeInterval($0) } ?? lockedUntil)
    }

    /// "try again in 2 min 5 s" / "try again in 40 s".
    public func waitPhrase(now: Date) -> String {
        "try again in \(PINAttempts.duration(secondsLeft(now: now)))"
    }

    /// "45 s", "2 min", "2 min 5 s".
    public static func duration(_ seconds: Int) -> String {
        guard seconds >= 60 else { return "\(max(0, seconds)) s" }
        let (minutes, rest) = seconds.quotientAndRemainder(dividingBy: 60)
        return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
    }
}

/// How wrong PINs are slowed down: the `maxFailures`-th wrong PIN in a row locks for
/// `firstLock`; every further one locks again for twice as long as the one before, up to
/// `longestLock`. SPEC §7's "five wrong PINs lock the prompt for a minute" is the first step.
public struct PINBackoff: Sendable, Hashable {
    public var maxFailures: Int
    public var firstLock: TimeInterval
    public var longestLock: TimeInterval

    public init(maxFailures: Int = 5, firstLock: TimeInterval = 60, longestLock: TimeInterval = 15 * 60) {
        self.maxFailures = max(1, maxFailures)
        self.firstLock = max(1, firstLock)
        self.longestLock = max(self.firstLock, longestLock)
    }

    /// The lock that `failures` wrong PINs in a row earn (nil: none yet).
    public func lockDuration(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= maxFailures else { return nil }
        let doublings = min(failures - maxFailures, 30)
        return min(firstLock * Double(1 << doublings), longestLock)
    }
}
