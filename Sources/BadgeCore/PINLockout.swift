import Foundation

/// Station-mode PIN attempts (SPEC §7): five wrong PINs lock the prompt for a minute. Pure; the
/// console keeps one in its state and passes `now`.
public struct PINLockout: Sendable, Hashable {
    public var maxFailures: Int
    public var lockDuration: TimeInterval
    public private(set) var failures: Int = 0
    public private(set) var lockedUntil: Date?

    public init(maxFailures: Int = 5, lockDuration: TimeInterval = 60) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    public func isLocked(now: Date) -> Bool {
        if let lockedUntil { return now < lockedUntil }
        return false
    }

    /// Seconds left on the lock (0 when not locked), rounded up.
    public func secondsLeft(now: Date) -> Int {
        guard let lockedUntil, now < lockedUntil else { return 0 }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }

    public mutating func recordFailure(now: Date) {
        if let lockedUntil, now >= lockedUntil {
            self.lockedUntil = nil
            failures = 0
        }
        failures += 1
        if failures >= maxFailures {
            lockedUntil = now.addingTimeInterval(lockDuration)
        }
    }

    /// Takes over a lock decided elsewhere (the store's persisted count, `PINAttempts`).
    public mutating func lock(until: Date, failures: Int) {
        self.failures = max(failures, self.failures)
        lockedUntil = max(until, lockedUntil ?? until)
    }

    /// Takes over the count of wrong PINs the store holds (it counts every desk's and process's
    /// wrong PINs, `PINAttempts`), so "N tries left" says what the store will decide.
    public mutating func adopt(failures: Int) {
        self.failures = max(0, failures)
    }

    public mutating func recordSuccess() {
        failures = 0
        lockedUntil = nil
    }
}
