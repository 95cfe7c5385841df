import BadgeCore
import Foundation
import Storage

/// Keeps a desk's replica of its open events current from the server (SPEC §11.1), on a
/// connection of its own so the desk's check-ins never wait behind it.
///
/// The first copy of an event (and the copy after a replay) is whole: one read snapshot
/// (REPEATABLE READ) written into the replica in one transaction. After that only what changed:
/// rows whose `xmin` is not older than the oldest transaction that was still running at the last
/// refresh (`pg_snapshot_xmin`), as the shared store's search index does — a transaction that
/// commits late is still seen.
final class ReplicaMirror {
    private let url: String
    private let applicationName: String
    private var connection: PGConnection?
    let replica: DeskReplica
    /// Columns both sides have, per table (PostgreSQL's order).
    private var columnsCache: [String: [String]] = [:]

    init(url: String, desk: String, replica: DeskReplica) {
        self.url = url
        applicationName = "badge \(desk) (replica)"
        self.replica = replica
    }

    private func connected() throws -> PGConnection {
        if let connection, connection.isHealthy { return connection }
        connection = nil
        let fresh = try PGConnection(url: url, applicationName: applicationName)
        connection = fresh
        return fresh
    }

    func disconnect() { connection = nil }

    /// Brings the replica's copy of `eventId` up to date (whole when `whole` or never copied).
    func refresh(eventId: Int64, whole: Bool) throws {
        let c = try connected()
        let low = try replica.lowWater(eventId: eventId)
        try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let newLow = try c.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296").int64(0, 0)
            if whole || low == nil {
                try copyWhole(c, eventId: eventId, lowWater: newLow)
            } else if let low {
                try copyChanges(c, eventId: eventId, since: low, lowWater: newLow)
            }
            try c.execute("COMMIT")
        } catch {
            if c.isHealthy { try? c.execute("ROLLBACK") }
            throw error
        }
    }

    private static let changed = "(%@.xmin::text::bigint - $2::bigint + 4294967296) % 4294967296 < 2147483648"

    private func copyWhole(_ c: PGConnection, eventId: Int64, lowWater: Int64) throws {
        let id: [SQLValue] = [.integer(eventId)]
        // Column lists first: the replica's lock is held while `fill` runs.
        let eventColumns = try columns(c, "events")
        let attendeeColumns = try columns(c, "attendees")
        let checkinColumns = try columns(c, "checkins")
        let printColumns = try columns(c, "prints")
        let templateColumns = try columns(c, "templates")
        let memberColumns = try columns(c, "members")
        let eventRows = try eventRows(c, eventId)
        try replica.replaceEvent(eventId, lowWater: lowWater, at: Date()) { insert in
            try insert(CopyTable("events"), eventColumns, eventRows)
            var after: Int64 = 0
            while true {
                let rows = try select(c, "attendees", attendeeColumns, alias: "a",
                                      where: "a.event_id = $1 AND a.id > $2 ORDER BY a.id LIMIT 5000",
                                      id + [.integer(after)])
                try insert(CopyTable("attendees"), attendeeColumns, rows)
                guard rows.count == 5000, case .integer(let last)? = rows.last?.first else { break }
                after = last
            }
            try insert(CopyTable("checkins"), checkinColumns, try select(c, "checkins", checkinColumns, alias: "x", where: """
                x.action <> 'SUPERSEDED' AND x.attendee_id IN (SELECT id FROM attendees WHERE event_id = $1) ORDER BY x.id
                """, id))
            try insert(CopyTable("prints"), printColumns, try select(c, "prints", printColumns, alias: "x", where: """
                x.attendee_id IN (SELECT id FROM attendees WHERE event_id = $1) ORDER BY x.id
                """, id))
            try insert(CopyTable("templates"), templateColumns,
                       try select(c, "templates", templateColumns, alias: "x", where: "x.event_id = $1", id))
            try insert(CopyTable("members"), memberColumns, try select(c, "members", memberColumns, alias: "x", where: "true", []))
        }
    }

    private func copyChanges(_ c: PGConnection, eventId: Int64, since low: Int64, lowWater: Int64) throws {
        let params: [SQLValue] = [.integer(eventId), .integer(low)]
        func changed(_ alias: String) -> String { Self.changed.replacingOccurrences(of: "%@", with: alias) }
        let attendeeColumns = try columns(c, "attendees")
        let attendees = try select(c, "attendees", attendeeColumns, alias: "a",
                                   where: "a.event_id = $1 AND \(changed("a"))", params)
        let checkinColumns = try columns(c, "checkins")
        let checkins = try select(c, "checkins", checkinColumns + ["action"], alias: "x", where: """
            \(changed("x")) AND x.attendee_id IN (SELECT id FROM attendees WHERE event_id = $1)
            """, params)
        let live = checkins.filter { $0.last != .text("SUPERSEDED") }.map { Array($0.dropLast()) }
        let superseded = checkins.filter { $0.last == .text("SUPERSEDED") }.compactMap { row -> Int64? in
            if case .integer(let id)? = row.first { return id }
            return nil
        }
        let printColumns = try columns(c, "prints")
        let prints = try select(c, "prints", printColumns, alias: "x", where: """
            \(changed("x")) AND x.attendee_id IN (SELECT id FROM attendees WHERE event_id = $1)
            """, params)
        let templateColumns = try columns(c, "templates")
        let memberColumns = try columns(c, "members")
        try replica.apply(eventId: eventId, lowWater: lowWater, at: Date(), upserts: [
            (CopyTable("events"), try columns(c, "events"), try eventRows(c, eventId)),
            (CopyTable("attendees"), attendeeColumns, attendees),
            (CopyTable("checkins"), checkinColumns, live),
            (CopyTable("prints"), printColumns, prints),
            (CopyTable("templates"), templateColumns,
             try select(c, "templates", templateColumns, alias: "x", where: "x.event_id = $1", [.integer(eventId)])),
            (CopyTable("members"), memberColumns, try select(c, "members", memberColumns, alias: "x", where: "true", [])),
        ], deletions: [("checkins", superseded)])
    }

    /// The event's row, without its integration (the replica keeps no credentials).
    private func eventRows(_ c: PGConnection, _ eventId: Int64) throws -> [[SQLValue]] {
        let cols = try columns(c, "events")
        let rows = try select(c, "events", cols, alias: "x", where: "x.id = $1", [.integer(eventId)])
        guard let index = cols.firstIndex(of: "integration_id") else { return rows }
        return rows.map { row in
            var row = row
            row[index] = .null
            return row
        }
    }

    private func select(_ c: PGConnection, _ table: String, _ columns: [String], alias: String, where filter: String,
                        _ params: [SQLValue]) throws -> [[SQLValue]] {
        let list = columns.map { "\(alias).\(CopyTable.quoted($0))" }.joined(separator: ", ")
        let r = try c.query("SELECT \(list) FROM \(CopyTable.quoted(table)) \(alias) WHERE \(filter)", params)
        return (0..<r.count).map { row in (0..<columns.count).map { r.value(row, $0) } }
    }

    /// The columns of `table` the server and the replica both have, in the server's order.
    private func columns(_ c: PGConnection, _ table: String) throws -> [String] {
        if let known = columnsCache[table] { return known }
        let r = try c.query("""
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)])
        let local = Set(try replica.columns(of: CopyTable(table)))
        let both = (0..<r.count).map { r.text($0, 0) }.filter(local.contains)
        columnsCache[table] = both
        return both
    }
}
