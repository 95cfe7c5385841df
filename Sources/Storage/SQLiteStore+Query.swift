import BadgeCore
import Foundation

extension SQLiteStore {
    /// WHERE clause and values for a query's event, filter and search (shared by page and count,
    /// and mirrored by `stats`, so the numbers always agree).
    ///
    /// `driveFromSearch`: with a full-text match, write the event test as `+a.event_id` so SQLite
    /// cannot use an event index and instead looks up only the rows the FTS match returns. Right
    /// for counting (work ∝ matches, not ∝ event size: badge-bench measured a 3-letter prefix
    /// count on 100 000 rows at 25 ms → 6 ms); the page query keeps the name-index walk, which
    /// stops after one page for common prefixes.
    static func whereClause(_ q: AttendeeQuery, driveFromSearch: Bool = false) -> (sql: String, values: [SQLValue]) {
        let searching = AttendeeSearch.ftsQuery(q.search) != nil
        var clauses = [driveFromSearch && searching ? "+a.event_id = ?1" : "a.event_id = ?1"]
        var values: [SQLValue] = [.integer(q.eventId)]
        switch q.filter {
        case .all: break
        case .vip: clauses.append("a.vip = 1")
        case .checkedIn: clauses.append("a.checked_in_at IS NOT NULL")
        case .notCheckedIn: clauses.append("a.status = 'ATTENDING' AND a.checked_in_at IS NULL")
        case .notAttending: clauses.append("a.status = 'NOT_ATTENDING'")
        }
        if let match = AttendeeSearch.ftsQuery(q.search) {
            values.append(.text(match))
            clauses.append("a.id IN (SELECT rowid FROM attendee_search WHERE attendee_search MATCH ?\(values.count))")
        } else if let needle = AttendeeSearch.substringNeedle(q.search) {
            values.append(.text(needle))
            let p = "?\(values.count)"
            clauses.append("""
                (instr(a.name, \(p)) > 0 OR instr(coalesce(a.email, ''), \(p)) > 0
                 OR instr(coalesce(a.company, ''), \(p)) > 0 OR instr(coalesce(a.ticket_name, ''), \(p)) > 0
                 OR instr(coalesce(a.barcode, ''), \(p)) > 0)
                """)
        }
        return (clauses.joined(separator: " AND "), values)
    }

    /// ORDER BY matching the sort indexes; `id` is the final tiebreak so paging is stable.
    static func orderClause(_ sort: AttendeeSort, descending: Bool) -> String {
        let dir = descending ? "DESC" : "ASC"
        switch sort {
        case .name:
            return "a.name COLLATE NOCASE \(dir), a.id \(dir)"
        case .checkedInAt:
            return "a.checked_in_at \(dir), a.id \(dir)"
        case .ticket:
            return "a.ticket_name COLLATE NOCASE \(dir), a.name COLLATE NOCASE \(dir), a.id \(dir)"
        case .company:
            return "a.company COLLATE NOCASE \(dir), a.name COLLATE NOCASE \(dir), a.id \(dir)"
        }
    }

    public func attendees(_ query: AttendeeQuery) throws -> [Attendee] {
        guard query.limit > 0 else { return [] }
        let (whereSQL, values) = Self.whereClause(query)
        let limitIndex = values.count + 1
        let sql = """
            SELECT \(AttendeeRow.columns) FROM attendees a WHERE \(whereSQL)
            ORDER BY \(Self.orderClause(query.sort, descending: query.descending))
            LIMIT ?\(limitIndex) OFFSET ?\(limitIndex + 1)
            """
        return try locked { db in
            let s = try db.cached(sql)
            try s.bindAll(values + [.integer(Int64(query.limit)), .integer(Int64(max(0, query.offset)))])
            var result: [Attendee] = []
            result.reserveCapacity(min(query.limit, 1000))
            try s.forEachRow { result.append(AttendeeRow.decode($0)) }
            return result
        }
    }

    public func attendeeCount(_ query: AttendeeQuery) throws -> Int {
        let (whereSQL, values) = Self.whereClause(query, driveFromSearch: true)
        return try locked { db in
            let s = try db.cached("SELECT count(*) FROM attendees a WHERE \(whereSQL)")
            try s.bindAll(values)
            return try s.firstRow { $0.int(0) } ?? 0
        }
    }
}
