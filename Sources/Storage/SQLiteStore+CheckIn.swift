import BadgeCore
import Foundation

extension SQLiteStore {
    /// SPEC §5. Runs in one durable BEGIN IMMEDIATE transaction that re-reads the attendee after
    /// taking the write lock, so two desks checking in one attendee at once give one record.
    public func checkIn(attendeeId: Int64, action: CheckInAction, operatorName: String, station: String,
                        at: Date) throws -> CheckInOutcome
    {
        let at = DateCoding.quantised(at)
        return try write { db in
            guard var attendee = try Self.attendee(db, id: attendeeId) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            switch action {
            case .checkIn, .forceCheckIn:
                if let checkedAt = attendee.checkedInAt {
                    return .alreadyCheckedIn(at: checkedAt, by: try Self.checkedInBy(db, attendee))
                }
                if action == .checkIn && attendee.status == .notAttending { return .notAttending }
                attendee.checkedInAt = at
                attendee.checkInSource = .local
            case .undo:
                guard attendee.checkedInAt != nil else { return .nothingToUndo }
                attendee.checkedInAt = nil
                attendee.checkInSource = nil
            }
            attendee.lastLocalActionAt = at
            let s = try db.cached("""
                UPDATE attendees SET checked_in_at = ?1, check_in_source = ?2, last_local_action_at = ?3
                WHERE id = ?4
                """)
            try s.bind(1, attendee.checkedInAt)
            try s.bind(2, attendee.checkInSource?.rawValue)
            try s.bind(3, at)
            try s.bind(4, attendeeId)
            try s.run()
            let insert = try db.cached("""
                INSERT INTO checkins (attendee_id, at, action, operator, station) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try insert.bind(1, attendeeId)
            try insert.bind(2, at)
            try insert.bind(3, action.rawValue)
            try insert.bind(4, operatorName)
            try insert.bind(5, station)
            try insert.run()
            let record = CheckInRecord(id: db.lastInsertRowID, attendeeId: attendeeId, at: at, action: action,
                                       operatorName: operatorName, station: station)
            try Self.insertAudit(db, operatorName: operatorName, action: action.rawValue,
                                 detail: "attendee \(attendeeId) (\(attendee.providerAttendeeId)) at \(station)", at: at)
            searchCache?.upsert(attendee)
            return .recorded(attendee, record)
        }
    }

    /// Who made the current check-in: "PROVIDER" for a provider check-in, else the operator of
    /// the latest CHECK_IN/FORCE_CHECK_IN record.
    private static func checkedInBy(_ db: Database, _ attendee: Attendee) throws -> String {
        if attendee.checkInSource == .provider { return "PROVIDER" }
        let s = try db.cached("""
            SELECT operator FROM checkins WHERE attendee_id = ?1 AND action IN ('CHECK_IN', 'FORCE_CHECK_IN')
            ORDER BY id DESC LIMIT 1
            """)
        try s.bind(1, attendee.id)
        return try s.firstRow { $0.text(0) } ?? "unknown"
    }

    public func checkInHistory(attendeeId: Int64) throws -> [CheckInRecord] {
        try locked { db in
            let s = try db.cached("""
                SELECT id, at, action, operator, station FROM checkins WHERE attendee_id = ?1 ORDER BY id
                """)
            try s.bind(1, attendeeId)
            var result: [CheckInRecord] = []
            try s.forEachRow {
                result.append(CheckInRecord(id: $0.int64(0), attendeeId: attendeeId,
                                            at: $0.date(1) ?? Date(timeIntervalSince1970: 0),
                                            action: CheckInAction(rawValue: $0.text(2)) ?? .checkIn,
                                            operatorName: $0.text(3), station: $0.text(4)))
            }
            return result
        }
    }

    // MARK: Print log

    @discardableResult
    public func recordPrint(_ record: PrintRecord) throws -> PrintRecord {
        try write { db in
            try db.run("UPDATE attendees SET print_count = print_count + 1 WHERE id = ?1", [.integer(record.attendeeId)])
            guard db.changes > 0 else { throw StorageError.notFound("attendee \(record.attendeeId)") }
            let s = try db.cached("""
                INSERT INTO prints (attendee_id, at, template_name, output, operator) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try s.bind(1, record.attendeeId)
            try s.bind(2, record.at)
            try s.bind(3, record.templateName)
            try s.bind(4, record.output)
            try s.bind(5, record.operatorName)
            try s.run()
            var saved = record
            saved.id = db.lastInsertRowID
            saved.at = DateCoding.quantised(record.at)
            try Self.insertAudit(db, operatorName: record.operatorName, action: "PRINT",
                                 detail: "attendee \(record.attendeeId) template \(record.templateName)", at: record.at)
            return saved
        }
    }

    public func prints(attendeeId: Int64) throws -> [PrintRecord] {
        try locked { db in
            let s = try db.cached("""
                SELECT id, at, template_name, output, operator FROM prints WHERE attendee_id = ?1 ORDER BY id
                """)
            try s.bind(1, attendeeId)
            var result: [PrintRecord] = []
            try s.forEachRow {
                result.append(PrintRecord(id: $0.int64(0), attendeeId: attendeeId,
                                          at: $0.date(1) ?? Date(timeIntervalSince1970: 0),
                                          templateName: $0.text(2), output: $0.text(3), operatorName: $0.text(4)))
            }
            return result
        }
    }
}
