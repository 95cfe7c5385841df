import BadgeCore
import Foundation

extension SQLiteStore {
    // MARK: Templates

    @discardableResult
    public func saveTemplate(_ template: BadgeTemplate) throws -> BadgeTemplate {
        let names = String(decoding: try JSONEncoder().encode(template.ticketNames), as: UTF8.self)
        return try write { db in
            // One Default per event: a Default under another name is refused (same name replaces).
            if template.isDefault {
                let other = try db.cached("""
                    SELECT name FROM templates
                    WHERE event_id = ?1 AND name <> ?2 AND is_vip_variant = 0 AND ticket_names = '[]'
                    ORDER BY id LIMIT 1
                    """)
                try other.bind(1, template.eventId)
                try other.bind(2, template.name)
                if let existing = try other.firstRow({ $0.text(0) }) {
                    throw StorageError.secondDefaultTemplate(existing: existing)
                }
            }
            let s = try db.cached("""
                INSERT INTO templates (event_id, name, ticket_names, is_vip_variant, layout)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (event_id, name) DO UPDATE SET ticket_names = excluded.ticket_names,
                    is_vip_variant = excluded.is_vip_variant, layout = excluded.layout
                RETURNING id
                """)
            try s.bind(1, template.eventId)
            try s.bind(2, template.name)
            try s.bind(3, names)
            try s.bind(4, template.isVIPVariant)
            try s.bind(5, template.layout)
            var saved = template
            saved.id = try s.firstRow { $0.int64(0) } ?? 0
            return saved
        }
    }

    public func templates(eventId: Int64) throws -> [BadgeTemplate] {
        let rows: [(Int64, String, String, Bool, String)] = try locked { db in
            let s = try db.cached("""
                SELECT id, name, ticket_names, is_vip_variant, layout FROM templates WHERE event_id = ?1 ORDER BY id
                """)
            try s.bind(1, eventId)
            var rows: [(Int64, String, String, Bool, String)] = []
            try s.forEachRow { rows.append(($0.int64(0), $0.text(1), $0.text(2), $0.bool(3), $0.text(4))) }
            return rows
        }
        return try rows.map { id, name, names, vip, layout in
            let ticketNames = try JSONDecoder().decode([String].self, from: Data(names.utf8))
            return BadgeTemplate(id: id, eventId: eventId, name: name, ticketNames: ticketNames,
                                 isVIPVariant: vip, layout: layout)
        }
    }

    @discardableResult
    public func removeTemplate(eventId: Int64, name: String) throws -> Bool {
        try write { db in
            try db.run("DELETE FROM templates WHERE event_id = ?1 AND name = ?2", [.integer(eventId), .text(name)])
            return db.changes > 0
        }
    }

    // MARK: Members

    public func saveMember(_ member: Member) throws {
        try write { db in
            try db.run("""
                INSERT INTO members (name, role, pin_hash) VALUES (?1, ?2, ?3)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, pin_hash = excluded.pin_hash
                """, [.text(member.name), .text(member.role.rawValue), .text(member.pinHash)])
            // A new PIN starts with a clean slate (an admin's way to lift a lockout).
            try db.run("DELETE FROM pin_attempts WHERE subject = ?1", [.text(PINAttempts.subject(member: member.name))])
        }
    }

    private static func decodeMember(_ s: Statement) -> Member {
        Member(name: s.text(0), role: Role(rawValue: s.text(1)) ?? .staff, pinHash: s.text(2))
    }

    public func members() throws -> [Member] {
        try locked { db in
            var result: [Member] = []
            try db.cached("SELECT name, role, pin_hash FROM members ORDER BY name")
                .forEachRow { result.append(Self.decodeMember($0)) }
            return result
        }
    }

    public func member(name: String) throws -> Member? {
        try locked { db in
            let s = try db.cached("SELECT name, role, pin_hash FROM members WHERE name = ?1")
            try s.bind(1, name)
            return try s.firstRow(Self.decodeMember)
        }
    }

    @discardableResult
    public func removeMember(name: String) throws -> Bool {
        try write { db in
            try db.run("DELETE FROM members WHERE name = ?1", [.text(name)])
            return db.changes > 0
        }
    }

    // MARK: Audit log (read side, for the CLI and tests)

    /// The most recent audit entries, newest first.
    public func auditLog(limit: Int = 100) throws -> [AuditEntry] {
        try locked { db in
            let s = try db.cached("SELECT id, at, operator, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")
            try s.bind(1, limit)
            var result: [AuditEntry] = []
            try s.forEachRow {
                result.append(AuditEntry(id: $0.int64(0), at: $0.date(1) ?? Date(timeIntervalSince1970: 0),
                                         operatorName: $0.text(2), action: $0.text(3), detail: $0.text(4)))
            }
            return result
        }
    }
}
