import BadgeCore
import Foundation
import Storage

extension PostgresStore {
    // MARK: Templates

    @discardableResult
    public func saveTemplate(_ template: BadgeTemplate) throws -> BadgeTemplate {
        let names = String(decoding: try JSONEncoder().encode(template.ticketNames), as: UTF8.self)
        return try write { c in
            // One Default per event: a Default under another name is refused (same name replaces).
            // Desks saving a Default take turns on the event's row, so the second sees the first's.
            if template.isDefault {
                try c.query("SELECT 1 FROM events WHERE id = $1 FOR NO KEY UPDATE", [.integer(template.eventId)])
                let other = try c.query("""
                    SELECT name FROM templates
                    WHERE event_id = $1 AND name <> $2 AND is_vip_variant = 0 AND ticket_names = '[]'
                    ORDER BY id LIMIT 1
                    """, [.integer(template.eventId), .text(template.name)])
                if other.count > 0 { throw StorageError.secondDefaultTemplate(existing: other.text(0, 0)) }
            }
            let r = try c.query("""
                INSERT INTO templates (event_id, name, ticket_names, is_vip_variant, layout)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (event_id, name) DO UPDATE SET ticket_names = excluded.ticket_names,
                    is_vip_variant = excluded.is_vip_variant, layout = excluded.layout
                RETURNING id
                """, [.integer(template.eventId), .text(template.name), .text(names), Self.bool(template.isVIPVariant),
                      .text(template.layout)])
            var saved = template
            saved.id = r.int64(0, 0)
            return saved
        }
    }

    public func templates(eventId: Int64) throws -> [BadgeTemplate] {
        let rows: [(Int64, String, String, Bool, String)] = try read { c in
            let r = try c.query("""
                SELECT id, name, ticket_names, is_vip_variant, layout FROM templates WHERE event_id = $1 ORDER BY id
                """, [.integer(eventId)])
            return (0..<r.count).map { (r.int64($0, 0), r.text($0, 1), r.text($0, 2), r.bool($0, 3), r.text($0, 4)) }
        }
        return try rows.map { id, name, names, vip, layout in
            BadgeTemplate(id: id, eventId: eventId, name: name,
                          ticketNames: try JSONDecoder().decode([String].self, from: Data(names.utf8)),
                          isVIPVariant: vip, layout: layout)
        }
    }

    @discardableResult
    public func removeTemplate(eventId: Int64, name: String) throws -> Bool {
        try write { c in
            try c.query("DELETE FROM templates WHERE event_id = $1 AND name = $2", [.integer(eventId), .text(name)]).changes > 0
        }
    }

    // MARK: Members

    public func saveMember(_ member: Member) throws {
        try write { c in
            try c.query("""
                INSERT INTO members (name, role, pin_hash) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, pin_hash = excluded.pin_hash
                """, [.text(member.name), .text(member.role.rawValue), .text(member.pinHash)])
            // A new PIN starts with a clean slate (an admin's way to lift a lockout).
            try c.query("DELETE FROM pin_attempts WHERE subject = $1", [.text(PINAttempts.subject(member: member.name))])
        }
    }

    private static func decodeMembers(_ r: PGResult) -> [Member] {
        (0..<r.count).map { Member(name: r.text($0, 0), role: Role(rawValue: r.text($0, 1)) ?? .staff, pinHash: r.text($0, 2)) }
    }

    public func members() throws -> [Member] {
        try read { c in Self.decodeMembers(try c.query("SELECT name, role, pin_hash FROM members ORDER BY name")) }
    }

    public func member(name: String) throws -> Member? {
        try read { c in
            Self.decodeMembers(try c.query("SELECT name, role, pin_hash FROM members WHERE name = $1", [.text(name)])).first
        }
    }

    @discardableResult
    public func removeMember(name: String) throws -> Bool {
        try write { c in try c.query("DELETE FROM members WHERE name = $1", [.text(name)]).changes > 0 }
    }

    // MARK: Wrong PINs (one transaction each; the row lock makes two desks guessing at once both count)

    public func pinAttempts(subject: String) throws -> PINAttempts {
        try read { c in try Self.readAttempts(c, subject: subject, lock: false) }
    }

    @discardableResult
    public func recordPINFailure(subject: String, at now: Date, backoff: PINBackoff) throws -> PINAttempts {
        let op = Self.operationID()
        return try write { c in
            let fresh = try c.query("""
                INSERT INTO applied_ops (op_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING
                """, [.text(op), .integer(DateCoding.milliseconds(now))]).changes > 0
            // Serialise desks counting the same subject: the first insert creates the row.
            try c.query("""
                INSERT INTO pin_attempts (subject, failures, last_failure_at) VALUES ($1, 0, $2)
                ON CONFLICT (subject) DO NOTHING
                """, [.text(subject), .integer(DateCoding.milliseconds(now))])
            let current = try Self.readAttempts(c, subject: subject, lock: true)
            guard fresh else { return current }  // a retry of a failure already counted
            let next = current.recordingFailure(at: now, backoff: backoff)
            try c.query("""
                UPDATE pin_attempts SET failures = $2, locked_until = $3, last_failure_at = $4 WHERE subject = $1
                """, [.text(subject), .integer(Int64(next.failures)), Self.date(next.lockedUntil),
                      .integer(DateCoding.milliseconds(now))])
            return PINAttempts(failures: next.failures, lockedUntil: DateCoding.quantised(next.lockedUntil))
        }
    }

    public func clearPINAttempts(subject: String) throws {
        try write { c in try c.query("DELETE FROM pin_attempts WHERE subject = $1", [.text(subject)]) }
    }

    private static func readAttempts(_ c: PGConnection, subject: String, lock: Bool) throws -> PINAttempts {
        let r = try c.query("SELECT failures, locked_until FROM pin_attempts WHERE subject = $1"
                            + (lock ? " FOR UPDATE" : ""), [.text(subject)])
        return r.count == 0 ? PINAttempts() : PINAttempts(failures: r.int(0, 0), lockedUntil: r.date(0, 1))
    }
}
