import BadgeCore
import Foundation
import Storage

/// What replaying one queued desk write did (SPEC §11.1).
public enum ReplayOutcome: Sendable, Equatable {
    /// Written as it was made at the desk.
    case applied
    /// This operation id was applied before (a replay after a lost reply): nothing written again.
    case alreadyApplied
    /// It met another desk's write; `loserDesk` says which of the two lost.
    case conflict(OfflineConflict)
    /// Nothing to apply, with why (e.g. the attendee is not on the server).
    case skipped(String)
}

/// Replaying a desk's outbox after an outage (SPEC §11.1), one operation per transaction.
///
/// Each body re-reads what it decides on with the attendee's row locked, so several desks
/// replaying at once, or a desk replaying while others check in, end with one check-in per
/// person: the earliest at the door. Every operation records its id (on the check-in, the print,
/// the audit line or the conflict), so a replay that is cut off and sent again applies once.
extension PostgresStore {
    public func replay(_ op: DeskOperation) throws -> ReplayOutcome {
        let door = DateCoding.quantised(op.doorTime)
        return try write { c in
            if let known = try Self.conflict(c, op: op.opId) { return .conflict(known) }
            switch op.kind {
            case .walkIn: return try replayWalkIn(c, op, door: door)
            case .audit:
                if try Self.auditExists(c, op: op.opId) { return .alreadyApplied }
                try insertAudit(c, operatorName: op.operatorName, action: op.payload["action"] ?? "OFFLINE",
                                detail: op.payload["detail"] ?? "", at: door, op: op.opId)
                return .applied
            default: break
            }
            guard let attendee = try Self.attendee(c, eventId: op.eventId, key: op.attendeeKey, forUpdate: true) else {
                if try Self.auditExists(c, op: op.opId) { return .alreadyApplied }
                let why = "attendee \(op.attendeeKey) is not in event \(op.eventId) on the server"
                try insertAudit(c, operatorName: op.operatorName, action: "OFFLINE_SKIPPED",
                                detail: "\(op.kind.rawValue) at \(op.desk): \(why)", at: door, op: op.opId)
                return .skipped(why)
            }
            switch op.kind {
            case .checkIn, .forceCheckIn: return try replayCheckIn(c, op, attendee, door: door)
            case .undo: return try replayUndo(c, op, attendee, door: door)
            case .print: return try replayPrint(c, op, attendee, door: door)
            case .vip, .note, .correction: return try replayLastWriterWins(c, op, attendee, door: door)
            case .walkIn, .audit: return .applied  // handled above
            }
        }
    }

    // MARK: Check-ins: first at the door wins

    private func replayCheckIn(_ c: PGConnection, _ op: DeskOperation, _ attendee: Attendee,
                               door: Date) throws -> ReplayOutcome {
        if try c.query("SELECT 1 FROM checkins WHERE op_id = $1", [.text(op.opId)]).count > 0 { return .alreadyApplied }
        let action: CheckInAction = op.kind == .forceCheckIn ? .forceCheckIn : .checkIn
        guard let theirsAt = attendee.checkedInAt else {
            try insertCheckIn(c, attendee, action: action, op: op, door: door)
            return .applied
        }
        let current = try Self.currentCheckIn(c, attendee)
        let theirDesk = current?.station ?? providerName(c, attendee)
        if theirDesk == op.desk, current?.op == nil || theirsAt <= door {
            // This desk's own earlier check-in (made before the outage, or queued twice): nothing to add.
            try insertAudit(c, operatorName: op.operatorName, action: "OFFLINE_DUPLICATE",
                            detail: "attendee \(attendee.id) (\(attendee.providerAttendeeId)) already checked in here",
                            at: door, op: op.opId)
            return .alreadyApplied
        }
        if theirsAt <= door {
            // The other desk was first at the door: this desk's check-in is the one that lost.
            let conflict = OfflineConflict(eventId: op.eventId, attendeeId: attendee.id, attendeeName: attendee.badgeName,
                                           kind: op.kind, winnerDesk: theirDesk, winnerAt: theirsAt, loserDesk: op.desk,
                                           loserAt: door, recordedAt: Date())
            return .conflict(try insertConflict(c, conflict, op: op, audit: "CHECK_IN_CONFLICT"))
        }
        // This desk was first at the door: the later check-in gives way to it.
        if let current, current.source == .local {
            try c.query("UPDATE checkins SET action = 'SUPERSEDED' WHERE id = $1", [.integer(current.id)])
        }
        try insertCheckIn(c, attendee, action: action, op: op, door: door)
        let conflict = OfflineConflict(eventId: op.eventId, attendeeId: attendee.id, attendeeName: attendee.badgeName,
                                       kind: op.kind, winnerDesk: op.desk, winnerAt: door, loserDesk: theirDesk,
                                       loserAt: theirsAt, recordedAt: Date())
        return .conflict(try insertConflict(c, conflict, op: op, audit: "CHECK_IN_SUPERSEDED"))
    }

    private func insertCheckIn(_ c: PGConnection, _ attendee: Attendee, action: CheckInAction, op: DeskOperation,
                               door: Date) throws {
        try c.query("""
            UPDATE attendees SET checked_in_at = $1, check_in_source = 'LOCAL', last_local_action_at = $1 WHERE id = $2
            """, [Self.date(door), .integer(attendee.id)])
        try c.query("""
            INSERT INTO checkins (attendee_id, at, action, operator, station, op_id) VALUES ($1, $2, $3, $4, $5, $6)
            """, [.integer(attendee.id), Self.date(door), .text(action.rawValue), .text(op.operatorName), .text(op.desk),
                  .text(op.opId)])
        var note = ""
        if action == .checkIn && attendee.status == .notAttending { note = " (cancelled on the provider meanwhile)" }
        try insertAudit(c, operatorName: op.operatorName, action: action.rawValue,
                        detail: "attendee \(attendee.id) (\(attendee.providerAttendeeId)) at \(op.desk), replayed\(note)",
                        at: door, op: op.opId)
        searchCache = nil
    }

    /// An undo takes back the check-in it was made for: one made offline (`undoes`) only if that
    /// check-in is still the current one, one made before the outage only if nobody checked the
    /// person in again after the undo's door time.
    private func replayUndo(_ c: PGConnection, _ op: DeskOperation, _ attendee: Attendee,
                            door: Date) throws -> ReplayOutcome {
        if try c.query("SELECT 1 FROM checkins WHERE op_id = $1", [.text(op.opId)]).count > 0 { return .alreadyApplied }
        guard let theirsAt = attendee.checkedInAt else {
            try insertAudit(c, operatorName: op.operatorName, action: "OFFLINE_UNDO_MOOT",
                            detail: "attendee \(attendee.id) (\(attendee.providerAttendeeId)) was not checked in",
                            at: door, op: op.opId)
            return .alreadyApplied
        }
        let current = try Self.currentCheckIn(c, attendee)
        let target = op.payload["undoes"]
        let matches = target.map { $0 == current?.op } ?? (theirsAt <= door)
        guard matches else {
            let conflict = OfflineConflict(eventId: op.eventId, attendeeId: attendee.id, attendeeName: attendee.badgeName,
                                           kind: .undo, winnerDesk: current?.station ?? providerName(c, attendee),
                                           winnerAt: theirsAt, loserDesk: op.desk, loserAt: door, recordedAt: Date())
            return .conflict(try insertConflict(c, conflict, op: op, audit: "UNDO_CONFLICT"))
        }
        try c.query("""
            UPDATE attendees SET checked_in_at = NULL, check_in_source = NULL, last_local_action_at = $1 WHERE id = $2
            """, [Self.date(door), .integer(attendee.id)])
        try c.query("""
            INSERT INTO checkins (attendee_id, at, action, operator, station, op_id) VALUES ($1, $2, 'UNDO', $3, $4, $5)
            """, [.integer(attendee.id), Self.date(door), .text(op.operatorName), .text(op.desk), .text(op.opId)])
        try insertAudit(c, operatorName: op.operatorName, action: "UNDO",
                        detail: "attendee \(attendee.id) (\(attendee.providerAttendeeId)) at \(op.desk), replayed",
                        at: door, op: op.opId)
        searchCache = nil
        return .applied
    }

    // MARK: Prints, walk-ins

    private func replayPrint(_ c: PGConnection, _ op: DeskOperation, _ attendee: Attendee,
                             door: Date) throws -> ReplayOutcome {
        if try c.query("SELECT 1 FROM prints WHERE op_id = $1", [.text(op.opId)]).count > 0 { return .alreadyApplied }
        try c.query("UPDATE attendees SET print_count = print_count + 1 WHERE id = $1", [.integer(attendee.id)])
        try c.query("""
            INSERT INTO prints (attendee_id, at, template_name, output, operator, desk, op_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [.integer(attendee.id), Self.date(door), .text(op.payload["template"] ?? "Default"),
                  .text(op.payload["output"] ?? "offline"), .text(op.operatorName), .text(op.desk), .text(op.opId)])
        try insertAudit(c, operatorName: op.operatorName, action: "PRINT",
                        detail: "attendee \(attendee.id) template \(op.payload["template"] ?? "Default"), replayed",
                        at: door, op: op.opId)
        searchCache = nil
        return .applied
    }

    private func replayWalkIn(_ c: PGConnection, _ op: DeskOperation, door: Date) throws -> ReplayOutcome {
        if try Self.attendee(c, eventId: op.eventId, key: op.attendeeKey, forUpdate: false) != nil { return .alreadyApplied }
        let walkIn = WalkIn(name: op.payload["name"] ?? "", email: op.payload["email"], company: op.payload["company"],
                            ticketName: op.payload["ticket"])
        let e = try c.query("SELECT purged_at FROM events WHERE id = $1 FOR SHARE", [.integer(op.eventId)])
        guard e.count > 0, e.date(0, 0) == nil else { return .skipped("event \(op.eventId) is gone or purged") }
        let key = op.attendeeKey.hasPrefix(Attendee.walkInPrefix)
            ? String(op.attendeeKey.dropFirst(Attendee.walkInPrefix.count)) : op.attendeeKey
        let row = walkIn.row(eventId: op.eventId, id: key)
        let r = try c.query(PGAttendeeRow.insertSQL, PGAttendeeRow.mergedArrays([row], updatedAt: door) + [
            .integer(op.eventId), .text(PGArray.literal([row.providerAttendeeId as String?])),
            .text(PGArray.literal([0 as Int64?])), .text(PGArray.literal([nil as String?])),
            .text(PGArray.literal([0 as Int64?])),
        ])
        try insertAudit(c, operatorName: op.operatorName, action: "WALK_IN",
                        detail: "attendee \(r.int64(0, 0)) (\(row.providerAttendeeId)) event \(op.eventId), replayed",
                        at: door, op: op.opId)
        searchCache = nil
        return .applied
    }

    // MARK: VIP, corrections, notes: last writer wins

    private func replayLastWriterWins(_ c: PGConnection, _ op: DeskOperation, _ attendee: Attendee,
                                      door: Date) throws -> ReplayOutcome {
        if try Self.auditExists(c, op: op.opId) { return .alreadyApplied }
        let column: String
        let stampColumn: String
        let theirs: String?
        let mine: String?
        var field: BadgeField?
        switch op.kind {
        case .vip:
            (column, stampColumn) = ("vip", "vip_changed_at")
            theirs = attendee.vip ? "1" : "0"
            mine = op.payload["vip"] == "1" ? "1" : "0"
        case .note:
            (column, stampColumn) = ("notes", "note_changed_at")
            theirs = attendee.notes
            mine = BadgeCorrections.normalized(op.payload["note"])
        default:
            guard let f = op.payload["field"].flatMap(BadgeField.init(cliName:)),
                  let name = AttendeeRow.correctionColumns[f] else { return .skipped("unknown badge field") }
            field = f
            (column, stampColumn) = (name, "corrected_changed_at")
            theirs = attendee.corrections[f]
            mine = BadgeCorrections.normalized(op.payload["value"])
        }
        let deskColumn = stampColumn.replacingOccurrences(of: "_at", with: "_desk")
        let stamp = try c.query("SELECT \(stampColumn), \(deskColumn) FROM attendees WHERE id = $1", [.integer(attendee.id)])
        let changedAt = stamp.date(0, 0)
        let lastDesk = stamp.optionalText(0, 1) ?? "another desk"
        let label = op.kind == .vip ? "VIP" : (field.map { "\($0.cliName)" } ?? "note")
        if let changedAt, changedAt > door, theirs != mine {
            // Another desk changed it later at the door: theirs stands, both values in the audit log.
            let conflict = OfflineConflict(eventId: op.eventId, attendeeId: attendee.id, attendeeName: attendee.badgeName,
                                           kind: op.kind, winnerDesk: lastDesk, winnerAt: changedAt, winnerValue: theirs,
                                           loserDesk: op.desk, loserAt: door, loserValue: mine, recordedAt: Date())
            return .conflict(try insertConflict(c, conflict, op: op, audit: "\(op.kind.rawValue)_CONFLICT"))
        }
        var row = attendee
        switch op.kind {
        case .vip: row.vip = mine == "1"
        case .note: row.notes = mine
        default: if let field { row.corrections[field] = mine }
        }
        let value: SQLValue = op.kind == .vip ? Self.bool(mine == "1") : (mine.map { .text($0) } ?? .null)
        try c.query("""
            UPDATE attendees SET \(column) = $1, \(stampColumn) = $2, \(deskColumn) = $5, search_text = $3, updated_at = $2
            WHERE id = $4
            """, [value, Self.date(door), .text(AttendeeSearch.haystack(row)), .integer(attendee.id), .text(op.desk)])
        try insertAudit(c, operatorName: op.operatorName, action: "\(op.kind.rawValue)_SET",
                        detail: "attendee \(attendee.id) (\(attendee.providerAttendeeId)) \(label): "
                            + "\(theirs ?? "—") → \(mine ?? "—") at \(op.desk), replayed",
                        at: door, op: op.opId)
        searchCache = nil
        return .applied
    }

    // MARK: Conflicts

    /// The conflicts this desk lost (not yet dismissed), oldest first.
    public func offlineConflicts(desk: String, includeAcknowledged: Bool = false) throws -> [OfflineConflict] {
        try read { c in
            let r = try c.query("""
                SELECT \(Self.conflictColumns) FROM offline_conflicts WHERE loser_desk = $1
                \(includeAcknowledged ? "" : "AND acknowledged_at IS NULL") ORDER BY id
                """, [.text(desk)])
            return (0..<r.count).map { Self.decodeConflict(r, $0) }
        }
    }

    /// Dismisses this desk's conflicts (the operator read the list).
    public func acknowledgeConflicts(desk: String, at: Date) throws {
        try write { c in
            try c.query("UPDATE offline_conflicts SET acknowledged_at = $1 WHERE loser_desk = $2 AND acknowledged_at IS NULL",
                        [Self.date(at), .text(desk)])
        }
    }

    private func insertConflict(_ c: PGConnection, _ conflict: OfflineConflict, op: DeskOperation,
                                audit: String) throws -> OfflineConflict {
        let r = try c.query("""
            INSERT INTO offline_conflicts (event_id, attendee_id, attendee_name, kind, winner_desk, winner_at, winner_value,
                loser_desk, loser_at, loser_value, recorded_at, op_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """, [.integer(conflict.eventId), conflict.attendeeId.map { .integer($0) } ?? .null, .text(conflict.attendeeName),
                  .text(conflict.kind.rawValue), .text(conflict.winnerDesk), Self.date(conflict.winnerAt),
                  Self.text(conflict.winnerValue), .text(conflict.loserDesk), Self.date(conflict.loserAt),
                  Self.text(conflict.loserValue), Self.date(conflict.recordedAt), .text(op.opId)])
        var saved = conflict
        saved.id = r.int64(0, 0)
        func when(_ d: Date?) -> String { d.map(ISO8601.formatWithMilliseconds) ?? "—" }
        var detail = "attendee \(conflict.attendeeId ?? 0) (\(op.attendeeKey)): \(conflict.winnerDesk) at "
            + "\(when(conflict.winnerAt)) wins over \(conflict.loserDesk) at \(when(conflict.loserAt))"
        if conflict.winnerValue != nil || conflict.loserValue != nil {
            detail += "; kept \(conflict.winnerValue ?? "—"), dropped \(conflict.loserValue ?? "—")"
        }
        try insertAudit(c, operatorName: op.operatorName, action: audit, detail: detail, at: op.doorTime,
                        op: op.opId + "/conflict")
        return saved
    }

    private static let conflictColumns = """
        id, event_id, attendee_id, attendee_name, kind, winner_desk, winner_at, winner_value, loser_desk, loser_at,
        loser_value, recorded_at, acknowledged_at
        """

    private static func decodeConflict(_ r: PGResult, _ i: Int) -> OfflineConflict {
        OfflineConflict(id: r.int64(i, 0), eventId: r.int64(i, 1), attendeeId: r.optionalText(i, 2).flatMap(Int64.init),
                        attendeeName: r.text(i, 3), kind: DeskOperation.Kind(rawValue: r.text(i, 4)) ?? .checkIn,
                        winnerDesk: r.text(i, 5), winnerAt: r.date(i, 6), winnerValue: r.optionalText(i, 7),
                        loserDesk: r.text(i, 8), loserAt: r.date(i, 9) ?? Date(timeIntervalSince1970: 0),
                        loserValue: r.optionalText(i, 10), recordedAt: r.date(i, 11) ?? Date(timeIntervalSince1970: 0),
                        acknowledged: r.date(i, 12) != nil)
    }

    private static func conflict(_ c: PGConnection, op: String) throws -> OfflineConflict? {
        let r = try c.query("SELECT \(conflictColumns) FROM offline_conflicts WHERE op_id = $1", [.text(op)])
        return r.count == 0 ? nil : decodeConflict(r, 0)
    }

    // MARK: Lookups

    private static func auditExists(_ c: PGConnection, op: String) throws -> Bool {
        try c.query("SELECT 1 FROM audit_log WHERE op_id = $1", [.text(op)]).count > 0
    }

    static func attendee(_ c: PGConnection, eventId: Int64, key: String, forUpdate: Bool) throws -> Attendee? {
        let r = try c.query("""
            SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.event_id = $1 AND a.provider_attendee_id = $2
            """ + (forUpdate ? " FOR UPDATE" : ""), [.integer(eventId), .text(key)])
        return r.count == 0 ? nil : PGAttendeeRow.decode(r, 0)
    }

    /// The log entry of the attendee's current check-in (nil when it came from the provider).
    private static func currentCheckIn(_ c: PGConnection, _ attendee: Attendee)
        throws -> (id: Int64, station: String, op: String?, source: CheckInSource)?
    {
        guard attendee.checkedInAt != nil, attendee.checkInSource != .provider else { return nil }
        let r = try c.query("""
            SELECT id, station, op_id FROM checkins WHERE attendee_id = $1 AND action IN ('CHECK_IN', 'FORCE_CHECK_IN')
            ORDER BY id DESC LIMIT 1
            """, [.integer(attendee.id)])
        return r.count == 0 ? nil : (r.int64(0, 0), r.text(0, 1), r.optionalText(0, 2), .local)
    }

    /// "on Eventbrite" for a check-in the provider made.
    private func providerName(_ c: PGConnection, _ attendee: Attendee) -> String {
        let r = try? c.query("SELECT provider FROM events WHERE id = $1", [.integer(attendee.eventId)])
        guard let r, r.count > 0, let provider = Provider(rawValue: r.text(0, 0).lowercased()) else { return "the provider" }
        return "on \(provider.displayName)"
    }
}
