import BadgeCore
import Foundation

/// The SQL of a desk's replica (`DeskReplica`): its outbox, its mirrored events and the upserts
/// that keep it current. Only a replica file gets these tables.
extension SQLiteStore {
    func prepareReplica() throws {
        try locked { db in
            try db.execute("""
                CREATE TABLE IF NOT EXISTS outbox (
                    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                    op_id       TEXT    NOT NULL UNIQUE,
                    kind        TEXT    NOT NULL,
                    event_id    INTEGER NOT NULL,
                    attendee    TEXT    NOT NULL,
                    door_time   INTEGER NOT NULL,
                    operator    TEXT    NOT NULL,
                    desk        TEXT    NOT NULL,
                    payload     TEXT    NOT NULL,
                    state       TEXT    NOT NULL DEFAULT 'QUEUED',
                    result      TEXT,
                    replayed_at INTEGER
                );
                CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, door_time, seq);
                CREATE TABLE IF NOT EXISTS replica_events (
                    event_id     INTEGER PRIMARY KEY,
                    refreshed_at INTEGER,
                    low_water    INTEGER
                );
                CREATE TABLE IF NOT EXISTS replica_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                DROP TRIGGER IF EXISTS checkins_no_update;
                DROP TRIGGER IF EXISTS checkins_no_delete;
                """)
        }
    }

    // MARK: Outbox

    func outboxInsert(_ op: DeskOperation) throws -> DeskOperation {
        let payload = String(decoding: try JSONEncoder.sorted.encode(op.payload), as: UTF8.self)
        return try write { db in
            let s = try db.cached("""
                INSERT INTO outbox (op_id, kind, event_id, attendee, door_time, operator, desk, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (op_id) DO NOTHING
                """)
            try s.bind(1, op.opId)
            try s.bind(2, op.kind.rawValue)
            try s.bind(3, op.eventId)
            try s.bind(4, op.attendeeKey)
            try s.bind(5, op.doorTime)
            try s.bind(6, op.operatorName)
            try s.bind(7, op.desk)
            try s.bind(8, payload)
            try s.run()
            var saved = op
            saved.seq = try db.prepare("SELECT seq FROM outbox WHERE op_id = ?1").bound([.text(op.opId)])
                .firstRow { $0.int64(0) } ?? 0
            return saved
        }
    }

    private static let outboxColumns = "seq, op_id, kind, event_id, attendee, door_time, operator, desk, payload"

    private static func decodeOp(_ s: Statement) -> DeskOperation {
        let payload = (try? JSONDecoder().decode([String: String].self, from: Data(s.text(8).utf8))) ?? [:]
        return DeskOperation(seq: s.int64(0), opId: s.text(1), kind: DeskOperation.Kind(rawValue: s.text(2)) ?? .audit,
                             eventId: s.int64(3), attendeeKey: s.text(4),
                             doorTime: s.date(5) ?? Date(timeIntervalSince1970: 0), operatorName: s.text(6),
                             desk: s.text(7), payload: payload)
    }

    func outboxQueued() throws -> [DeskOperation] {
        try locked { db in
            var ops: [DeskOperation] = []
            try db.prepare("SELECT \(Self.outboxColumns) FROM outbox WHERE state = 'QUEUED' ORDER BY door_time, seq")
                .forEachRow { ops.append(Self.decodeOp($0)) }
            return ops
        }
    }

    func outboxCount(state: String) throws -> Int {
        try locked { db in
            try db.cached("SELECT count(*) FROM outbox WHERE state = ?1").bound([.text(state)]).firstRow { $0.int(0) } ?? 0
        }
    }

    func outboxMark(opId: String, state: String, result: String, at: Date) throws {
        try write { db in
            try db.run("UPDATE outbox SET state = ?1, result = ?2, replayed_at = ?3 WHERE op_id = ?4",
                       [.text(state), .text(result), .integer(DateCoding.milliseconds(at)), .text(opId)])
        }
    }

    func outboxDelete(opId: String) throws {
        try write { db in try db.run("DELETE FROM outbox WHERE op_id = ?1", [.text(opId)]) }
    }

    func outboxLastCheckIn(eventId: Int64, attendeeKey: String) throws -> String? {
        try locked { db in
            try db.prepare("""
                SELECT op_id, kind FROM outbox WHERE state = 'QUEUED' AND event_id = ?1 AND attendee = ?2
                AND kind IN ('CHECK_IN', 'FORCE_CHECK_IN', 'UNDO') ORDER BY door_time DESC, seq DESC LIMIT 1
                """).bound([.integer(eventId), .text(attendeeKey)]).firstRow { $0.text(1) == "UNDO" ? nil : $0.text(0) } ?? nil
        }
    }

    func replicaStatus() throws -> ReplicaStatus {
        try locked { db in
            var counts: [String: Int] = [:]
            try db.prepare("SELECT state, count(*) FROM outbox GROUP BY state").forEachRow { counts[$0.text(0)] = $0.int(1) }
            var problems: [(op: DeskOperation, state: String, result: String)] = []
            try db.prepare("""
                SELECT \(Self.outboxColumns), state, result FROM outbox WHERE state IN ('CONFLICT', 'SKIPPED')
                ORDER BY seq DESC LIMIT 20
                """).forEachRow { problems.append((Self.decodeOp($0), $0.text(9), $0.optionalText(10) ?? "")) }
            var meta: [String: String] = [:]
            try db.prepare("SELECT key, value FROM replica_meta").forEachRow { meta[$0.text(0)] = $0.text(1) }
            var events: [Int64: Date?] = [:]
            try db.prepare("SELECT event_id, refreshed_at FROM replica_events").forEachRow { events[$0.int64(0)] = $0.date(1) }
            return ReplicaStatus(queued: counts["QUEUED"] ?? 0, applied: (counts["APPLIED"] ?? 0) + (counts["DUPLICATE"] ?? 0),
                                 conflicts: counts["CONFLICT"] ?? 0, skipped: counts["SKIPPED"] ?? 0, events: events,
                                 lastReplayAt: meta["last_replay_at"].flatMap(Int64.init).map(DateCoding.date),
                                 lastReplay: meta["last_replay"], problems: problems)
        }
    }

    func replicaSetMeta(_ values: [String: String]) throws {
        try write { db in
            for (key, value) in values {
                try db.run("INSERT INTO replica_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           [.text(key), .text(value)])
            }
        }
    }

    // MARK: Mirrored events

    func replicaEvents() throws -> [Int64: Date?] {
        try locked { db in
            var events: [Int64: Date?] = [:]
            try db.prepare("SELECT event_id, refreshed_at FROM replica_events").forEachRow { events[$0.int64(0)] = $0.date(1) }
            return events
        }
    }

    func replicaAddEvent(_ eventId: Int64) throws {
        try write { db in
            try db.run("INSERT INTO replica_events (event_id) VALUES (?1) ON CONFLICT DO NOTHING", [.integer(eventId)])
        }
    }

    func replicaLowWater(eventId: Int64) throws -> Int64? {
        try locked { db in
            try db.prepare("SELECT low_water FROM replica_events WHERE event_id = ?1").bound([.integer(eventId)])
                .firstRow { $0.optionalInt64(0) } ?? nil
        }
    }

    private static func upsert(_ db: Database, _ table: CopyTable, columns: [String], rows: [[SQLValue]]) throws {
        let list = columns.map(CopyTable.quoted).joined(separator: ", ")
        let marks = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let updates = columns.filter { $0 != table.key }.map { "\(CopyTable.quoted($0)) = excluded.\(CopyTable.quoted($0))" }
        let conflict = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
        let s = try db.cached("""
            INSERT INTO \(CopyTable.quoted(table.name)) (\(list)) VALUES (\(marks))
            ON CONFLICT (\(CopyTable.quoted(table.key))) \(conflict)
            """)
        for row in rows {
            s.clear()
            try s.bindAll(row)
            try s.run()
        }
    }

    func replicaReplaceEvent(_ eventId: Int64, lowWater: Int64?, at: Date,
                             fill: (_ insert: (CopyTable, [String], [[SQLValue]]) throws -> Void) throws -> Void) throws {
        try write(durable: false) { db in
            let id: [SQLValue] = [.integer(eventId)]
            try db.run("DELETE FROM checkins WHERE attendee_id IN (SELECT id FROM attendees WHERE event_id = ?1)", id)
            try db.run("DELETE FROM prints WHERE attendee_id IN (SELECT id FROM attendees WHERE event_id = ?1)", id)
            try db.run("DELETE FROM import_checkpoints WHERE event_id = ?1", id)
            try db.run("DELETE FROM attendees WHERE event_id = ?1", id)
            try db.run("DELETE FROM templates WHERE event_id = ?1", id)
            try fill { table, columns, rows in
                guard !rows.isEmpty else { return }
                try Self.upsert(db, table, columns: columns, rows: rows)
            }
            try db.run("""
                INSERT INTO replica_events (event_id, refreshed_at, low_water) VALUES (?1, ?2, ?3)
                ON CONFLICT (event_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, low_water = excluded.low_water
                """, [.integer(eventId), .integer(DateCoding.milliseconds(at)), lowWater.map { .integer($0) } ?? .null])
            searchCache = nil
        }
        settleAfterBulkWrite()
    }

    /// One incremental refresh in one transaction: upserts, deletions by id, the new low water.
    func replicaApply(eventId: Int64, lowWater: Int64?, at: Date, upserts: [(CopyTable, [String], [[SQLValue]])],
                      deletions: [(table: String, ids: [Int64])]) throws {
        try write(durable: false) { db in
            for (table, columns, rows) in upserts where !rows.isEmpty {
                try Self.upsert(db, table, columns: columns, rows: rows)
            }
            for (table, ids) in deletions {
                let s = try db.cached("DELETE FROM \(CopyTable.quoted(table)) WHERE id = ?1")
                for id in ids {
                    s.clear()
                    try s.bindAll([.integer(id)])
                    try s.run()
                }
            }
            try db.run("""
                INSERT INTO replica_events (event_id, refreshed_at, low_water) VALUES (?1, ?2, ?3)
                ON CONFLICT (event_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, low_water = excluded.low_water
                """, [.integer(eventId), .integer(DateCoding.milliseconds(at)), lowWater.map { .integer($0) } ?? .null])
            searchCache = nil
        }
    }
}

extension JSONEncoder {
    /// Keys in order: the same payload always encodes to the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension Statement {
    /// The statement with `values` bound (for one-line queries).
    func bound(_ values: [SQLValue]) throws -> Statement {
        try bindAll(values)
        return self
    }
}
