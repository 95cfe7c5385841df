import BadgeCore
import Foundation

/// Wrong PINs, persisted (`PINAttempts`; migration 5). Each call is one transaction, so two
/// processes guessing at once both count.
extension SQLiteStore {
    public func pinAttempts(subject: String) throws -> PINAttempts {
        try locked { db in try Self.readAttempts(db, subject: subject) }
    }

    @discardableResult
    public func recordPINFailure(subject: String, at now: Date, backoff: PINBackoff) throws -> PINAttempts {
        try write { db in
            let next = try Self.readAttempts(db, subject: subject).recordingFailure(at: now, backoff: backoff)
            let s = try db.cached("""
                INSERT INTO pin_attempts (subject, failures, locked_until, last_failure_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures,
                    locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at
                """)
            try s.bind(1, subject)
            try s.bind(2, next.failures)
            try s.bind(3, next.lockedUntil)
            try s.bind(4, now)
            try s.run()
            return PINAttempts(failures: next.failures, lockedUntil: DateCoding.quantised(next.lockedUntil))
        }
    }

    public func clearPINAttempts(subject: String) throws {
        try write { db in try db.run("DELETE FROM pin_attempts WHERE subject = ?1", [.text(subject)]) }
    }

    private static func readAttempts(_ db: Database, subject: String) throws -> PINAttempts {
        let s = try db.cached("SELECT failures, locked_until FROM pin_attempts WHERE subject = ?1")
        try s.bind(1, subject)
        return try s.firstRow { PINAttempts(failures: $0.int(0), lockedUntil: $0.date(1)) } ?? PINAttempts()
    }
}
