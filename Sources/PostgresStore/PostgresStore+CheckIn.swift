import BadgeCore
import Foundation
import Storage

extension PostgresStore {
    /// SPEC §5 and §11 "Exactly once": the attendee's row is locked (`FOR UPDATE`) and re-read in
    /// the transaction, so when several desks check one person in at once the first commit wins
    /// and every other desk gets `alreadyCheckedIn` with who and when (`checkInHistory` says where).
    /// The operation id rides on the check-in row: a retry after a lost reply finds it.
    public func checkIn(attendeeId: Int64, action: CheckInAction, operatorName: String, station: String,
                        at: Date) throws -> CheckInOutcome
    {
        try checkIn(attendeeId: attendeeId, action: action, operatorName: operatorName, station: station, at: at,
                    opId: Self.operationID())
    }

    /// `checkIn` with the operation id chosen by the caller (an offline desk queues the same id
    /// when the reply is lost, so its replay finds this check-in).
    public func checkIn(attendeeId: Int64, action: CheckInAction, operatorName: String, station: String,
                        at: Date, opId op: String) throws -> CheckInOutcome
    {
        let at = DateCoding.quantised(at)
        return try write { c in
            guard var attendee = try Self.attendee(c, id: attendeeId, forUpdate: true) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            let mine = try c.query("SELECT \(Self.checkInColumns) FROM checkins WHERE op_id = $1", [.text(op)])
            if mine.count > 0 { return .recorded(attendee, Self.decodeCheckIn(mine, 0)) }
            switch action {
            case .checkIn, .forceCheckIn:
                if let checkedAt = attendee.checkedInAt {
                    return .alreadyCheckedIn(at: checkedAt, by: try Self.checkedInBy(c, attendee))
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
            try c.query("""
                UPDATE attendees SET checked_in_at = $1, check_in_source = $2, last_local_action_at = $3 WHERE id = $4
                """, [Self.date(attendee.checkedInAt), Self.text(attendee.checkInSource?.rawValue),
                      Self.date(at), .integer(attendeeId)])
            let r = try c.query("""
                INSERT INTO checkins (attendee_id, at, action, operator, station, op_id) VALUES ($1, $2, $3, $4, $5, $6)
                RETURNING id
                """, [.integer(attendeeId), Self.date(at), .text(action.rawValue), .text(operatorName), .text(station),
                      .text(op)])
            let record = CheckInRecord(id: r.int64(0, 0), attendeeId: attendeeId, at: at, action: action,
                                       operatorName: operatorName, station: station)
            try insertAudit(c, operatorName: operatorName, action: action.rawValue,
                            detail: "attendee \(attendeeId) (\(attendee.providerAttendeeId)) at \(station)", at: at, op: op)
            searchCache?.upsert(attendee)
            return .recorded(attendee, record)
        }
    }

    private static let checkInColumns = "id, attendee_id, at, action, operator, station"

    private static func decodeCheckIn(_ r: PGResult, _ i: Int) -> CheckInRecord {
        CheckInRecord(id: r.int64(i, 0), attendeeId: r.int64(i, 1), at: r.date(i, 2) ?? Date(timeIntervalSince1970: 0),
                      action: CheckInAction(rawValue: r.text(i, 3)) ?? .checkIn, operatorName: r.text(i, 4),
                      station: r.text(i, 5))
    }

    /// "PROVIDER" for a provider check-in, else the operator of the latest CHECK_IN/FORCE_CHECK_IN.
    private static func checkedInBy(_ c: PGConnection, _ attendee: Attendee) throws -> String {
        if attendee.checkInSource == .provider { return "PROVIDER" }
        let r = try c.query("""
            SELECT operator FROM checkins WHERE attendee_id = $1 AND action IN ('CHECK_IN', 'FORCE_CHECK_IN')
            ORDER BY id DESC LIMIT 1
            """, [.integer(attendee.id)])
        return r.count == 0 ? "unknown" : r.text(0, 0)
    }

    public func checkInHistory(attendeeId: Int64) throws -> [CheckInRecord] {
        try read { c in
            let r = try c.query("SELECT \(Self.checkInColumns) FROM checkins WHERE attendee_id = $1 AND action <> 'SUPERSEDED' ORDER BY id",
                                [.integer(attendeeId)])
            return (0..<r.count).map { Self.decodeCheckIn(r, $0) }
        }
    }

    // MARK: Print log

    @discardableResult
    public func recordPrint(_ record: PrintRecord) throws -> PrintRecord {
        try recordPrint(record, opId: Self.operationID())
    }

    /// `recordPrint` with the caller's operation id (see `checkIn(…opId:)`).
    @discardableResult
    public func recordPrint(_ record: PrintRecord, opId op: String) throws -> PrintRecord {
        try write { c in
            let mine = try c.query("SELECT id FROM prints WHERE op_id = $1", [.text(op)])
            var saved = record
            saved.at = DateCoding.quantised(record.at)
            if mine.count > 0 {
                saved.id = mine.int64(0, 0)
                return saved
            }
            let u = try c.query("UPDATE attendees SET print_count = print_count + 1 WHERE id = $1",
                                [.integer(record.attendeeId)])
            guard u.changes > 0 else { throw StorageError.notFound("attendee \(record.attendeeId)") }
            let r = try c.query("""
                INSERT INTO prints (attendee_id, at, template_name, output, operator, desk, op_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """, [.integer(record.attendeeId), Self.date(record.at), .text(record.templateName), .text(record.output),
                      .text(record.operatorName), .text(options.desk), .text(op)])
            saved.id = r.int64(0, 0)
            try insertAudit(c, operatorName: record.operatorName, action: "PRINT",
                            detail: "attendee \(record.attendeeId) template \(record.templateName)", at: record.at, op: op)
            return saved
        }
    }

    public func prints(attendeeId: Int64) throws -> [PrintRecord] {
        try read { c in
            let r = try c.query("""
                SELECT id, at, template_name, output, operator FROM prints WHERE attendee_id = $1 ORDER BY id
                """, [.integer(attendeeId)])
            return (0..<r.count).map {
                PrintRecord(id: r.int64($0, 0), attendeeId: attendeeId, at: r.date($0, 1) ?? Date(timeIntervalSince1970: 0),
                            templateName: r.text($0, 2), output: r.text($0, 3), operatorName: r.text($0, 4))
            }
        }
    }
}
