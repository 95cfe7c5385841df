import BadgeCore
import Foundation
import Storage

/// Walk-ins, badge corrections and notes on the shared store (SPEC §13), as in
/// `SQLiteStore+DeskEdits`. Each body can be re-run after a lost connection: the walk-in's id is
/// chosen before the transaction (a re-run finds the row it already inserted) and the audit entry
/// carries the operation id.
extension PostgresStore {
    @discardableResult
    public func addWalkIn(eventId: Int64, _ walkIn: WalkIn, operatorName: String, at: Date) throws -> Attendee {
        if let problem = walkIn.problem(ticketNames: []) { throw StorageError.invalid(problem) }
        let op = Self.operationID()
        let fresh = walkIn.row(eventId: eventId)
        return try write { c in
            let e = try c.query("SELECT purged_at FROM events WHERE id = $1 FOR SHARE", [.integer(eventId)])
            guard e.count > 0 else { throw StorageError.notFound("event \(eventId)") }
            if e.date(0, 0) != nil { throw StorageError.invalid("event \(eventId) was purged: it takes no walk-ins") }
            let existing = try c.query("""
                SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.event_id = $1 AND a.provider_attendee_id = $2
                """, [.integer(eventId), .text(fresh.providerAttendeeId)])
            if existing.count > 0 { return PGAttendeeRow.decode(existing, 0) }
            var row = fresh
            let r = try c.query(PGAttendeeRow.insertSQL, PGAttendeeRow.mergedArrays([row], updatedAt: at) + [
                .integer(eventId), .text(PGArray.literal([row.providerAttendeeId as String?])),
                .text(PGArray.literal([0 as Int64?])), .text(PGArray.literal([nil as String?])),
                .text(PGArray.literal([0 as Int64?])),
            ])
            row.id = r.int64(0, 0)
            try insertAudit(c, operatorName: operatorName, action: "WALK_IN",
                            detail: "attendee \(row.id) (\(row.providerAttendeeId)) event \(eventId)", at: at, op: op)
            searchCache?.upsert(row)
            return row
        }
    }

    @discardableResult
    public func setCorrection(attendeeId: Int64, field: BadgeField, value: String?, operatorName: String,
                              at: Date) throws -> Attendee {
        let value = BadgeCorrections.normalized(value)
        let op = Self.operationID()
        return try write { c in
            guard var row = try Self.attendee(c, id: attendeeId, forUpdate: true) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            row.corrections[field] = value
            let column = AttendeeRow.correctionColumns[field]!
            try c.query("""
                UPDATE attendees SET \(column) = $1, search_text = $2, updated_at = $3, corrected_changed_at = $3,
                    corrected_changed_desk = $5 WHERE id = $4
                """, [
                value.map { .text($0) } ?? .null, .text(AttendeeSearch.haystack(row)),
                .integer(DateCoding.milliseconds(at)), .integer(attendeeId), .text(options.desk),
            ])
            try insertAudit(c, operatorName: operatorName, action: value == nil ? "CORRECTION_CLEARED" : "CORRECTION_SET",
                            detail: "attendee \(attendeeId) (\(row.providerAttendeeId)) \(field.cliName)", at: at, op: op)
            searchCache?.upsert(row)
            return row
        }
    }

    @discardableResult
    public func setNote(attendeeId: Int64, _ text: String?, operatorName: String, at: Date) throws -> Attendee {
        let text = BadgeCorrections.normalized(text)
        let op = Self.operationID()
        return try write { c in
            guard var row = try Self.attendee(c, id: attendeeId, forUpdate: true) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            row.notes = text
            try c.query("""
                UPDATE attendees SET notes = $1, updated_at = $2, note_changed_at = $2, note_changed_desk = $4 WHERE id = $3
                """, [
                text.map { .text($0) } ?? .null, .integer(DateCoding.milliseconds(at)), .integer(attendeeId), .text(options.desk),
            ])
            try insertAudit(c, operatorName: operatorName, action: text == nil ? "NOTE_CLEARED" : "NOTE_SET",
                            detail: "attendee \(attendeeId) (\(row.providerAttendeeId))", at: at, op: op)
            return row
        }
    }
}
