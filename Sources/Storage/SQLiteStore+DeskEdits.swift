import BadgeCore
import Foundation

/// Walk-ins, badge corrections and notes (SPEC §13): console-owned writes a sync never touches.
/// Audit details name the attendee and the field, never the values (a purge cannot reach a value
/// that is no longer in the row).
extension SQLiteStore {
    @discardableResult
    public func addWalkIn(eventId: Int64, _ walkIn: WalkIn, operatorName: String, at: Date) throws -> Attendee {
        try addWalkIn(eventId: eventId, walkIn, operatorName: operatorName, at: at, localId: UUID().uuidString.lowercased())
    }

    /// `addWalkIn` with the walk-in's local id chosen by the caller (a desk's replica queues the
    /// same id for the server).
    @discardableResult
    package func addWalkIn(eventId: Int64, _ walkIn: WalkIn, operatorName: String, at: Date,
                           localId: String) throws -> Attendee {
        if let problem = walkIn.problem(ticketNames: []) { throw StorageError.invalid(problem) }
        return try write { db in
            let s = try db.cached("SELECT purged_at FROM events WHERE id = ?1")
            try s.bind(1, eventId)
            guard let purged = try s.firstRow({ $0.date(0) }) else { throw StorageError.notFound("event \(eventId)") }
            if purged != nil { throw StorageError.invalid("event \(eventId) was purged: it takes no walk-ins") }
            var row = walkIn.row(eventId: eventId, id: localId)
            let insert = try db.cached(AttendeeRow.insertSQL)
            insert.clear()
            try AttendeeRow.bindMerged(row, updatedAt: at, to: insert)
            let next = AttendeeRow.nextParameter
            try insert.bind(next, eventId)
            try insert.bind(next + 1, row.providerAttendeeId)
            try insert.bind(next + 2, false)
            try insert.bind(next + 3, nil as String?)
            try insert.bind(next + 4, 0)
            try insert.run()
            row.id = db.lastInsertRowID
            try Self.insertAudit(db, operatorName: operatorName, action: "WALK_IN",
                                 detail: "attendee \(row.id) (\(row.providerAttendeeId)) event \(eventId)", at: at)
            searchCache?.upsert(row)
            return row
        }
    }

    @discardableResult
    public func setCorrection(attendeeId: Int64, field: BadgeField, value: String?, operatorName: String,
                              at: Date) throws -> Attendee {
        let value = BadgeCorrections.normalized(value)
        return try write { db in
            guard var row = try Self.attendee(db, id: attendeeId) else { throw StorageError.notFound("attendee \(attendeeId)") }
            row.corrections[field] = value
            let column = AttendeeRow.correctionColumns[field]!
            try db.run("UPDATE attendees SET \(column) = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4", [
                value.map { .text($0) } ?? .null, .text(AttendeeSearch.haystack(row)),
                .integer(DateCoding.milliseconds(at)), .integer(attendeeId),
            ])
            try Self.insertAudit(db, operatorName: operatorName, action: value == nil ? "CORRECTION_CLEARED" : "CORRECTION_SET",
                                 detail: "attendee \(attendeeId) (\(row.providerAttendeeId)) \(field.cliName)", at: at)
            searchCache?.upsert(row)
            return row
        }
    }

    @discardableResult
    public func setNote(attendeeId: Int64, _ text: String?, operatorName: String, at: Date) throws -> Attendee {
        let text = BadgeCorrections.normalized(text)
        return try write { db in
            guard var row = try Self.attendee(db, id: attendeeId) else { throw StorageError.notFound("attendee \(attendeeId)") }
            row.notes = text
            try db.run("UPDATE attendees SET notes = ?1, updated_at = ?2 WHERE id = ?3", [
                text.map { .text($0) } ?? .null, .integer(DateCoding.milliseconds(at)), .integer(attendeeId),
            ])
            try Self.insertAudit(db, operatorName: operatorName, action: text == nil ? "NOTE_CLEARED" : "NOTE_SET",
                                 detail: "attendee \(attendeeId) (\(row.providerAttendeeId))", at: at)
            return row
        }
    }
}
