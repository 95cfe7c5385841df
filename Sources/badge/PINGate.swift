import Auth
import BadgeCore
import Foundation
import Storage

/// Checks a PIN against the persisted wrong-PIN count (issue #13 item 6), for the console's
/// sign-in and station prompt and for the CLI's `--operator`: while locked no PIN is checked at
/// all; a wrong one is counted in the store (and may lock, `PINBackoff`); a correct one clears it.
enum PINGate {
    enum Outcome: Equatable {
        /// The PIN was right (`match` is whatever `verify` found).
        case accepted(Member)
        /// Wrong; `attempts` is the count now (not locked yet).
        case rejected(PINAttempts)
        /// Locked (before checking, or by this wrong PIN) until `attempts.lockedUntil`.
        case locked(PINAttempts)
    }

    static let backoff = PINBackoff()

    /// `verify` returns the member whose PIN matched, or nil.
    static func check(store: any BadgeStore, subject: String, now: Date = Date(),
                      verify: () -> Member?) throws -> Outcome {
        let before = try store.pinAttempts(subject: subject)
        if before.isLocked(now: now) { return .locked(before) }
        if let member = verify() {
            if before.failures > 0 { try store.clearPINAttempts(subject: subject) }
            return .accepted(member)
        }
        let after = try store.recordPINFailure(subject: subject, at: now, backoff: backoff)
        return after.isLocked(now: now) ? .locked(after) : .rejected(after)
    }

    /// "PIN of bob locked after 5 wrong PINs: try again in 60 s".
    static func lockedMessage(_ attempts: PINAttempts, who: String, now: Date = Date()) -> String {
        "PIN of \(who) locked after \(attempts.failures) wrong PINs: \(attempts.waitPhrase(now: now))"
    }
}
