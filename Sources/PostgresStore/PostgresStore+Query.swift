import BadgeCore
import Foundation
import Storage

extension PostgresStore {
    /// WHERE clause and values for a query's event and filter (search goes through the index).
    static func whereClause(_ q: AttendeeQuery) -> (sql: String, values: [SQLValue]) {
        var clauses = ["a.event_id = $1"]
        switch q.filter {
        case .all: break
        case .vip: clauses.append("a.vip = 1")
        case .checkedIn: clauses.append("a.checked_in_at IS NOT NULL")
        case .notCheckedIn: clauses.append("a.status = 'ATTENDING' AND a.checked_in_at IS NULL")
        case .notAttending: clauses.append("a.status = 'NOT_ATTENDING'")
        }
        return (clauses.joined(separator: " AND "), [.integer(q.eventId)])
    }

    /// The SQLite store's orders exactly: NOCASE is ASCII folding (`lower` under "C"), and NULL
    /// sorts first ascending, last descending; `id` breaks ties so paging is stable.
    static func orderClause(_ sort: AttendeeSort, descending: Bool) -> String {
        let dir = descending ? "DESC NULLS LAST" : "ASC NULLS FIRST"
        let idDir = descending ? "DESC" : "ASC"
        switch sort {
        case .name:
            return "lower(a.name) \(idDir), a.id \(idDir)"
        case .checkedInAt:
            return "a.checked_in_at \(dir), a.id \(idDir)"
        case .ticket:
            return "lower(a.ticket_name) \(dir), lower(a.name) \(idDir), a.id \(idDir)"
        case .company:
            return "lower(a.company) \(dir), lower(a.name) \(idDir), a.id \(idDir)"
        }
    }

    /// Ids matching the query's search and filter, from the in-memory index. When another desk
    /// committed since (the change feed's counter moved), only the rows written since are read
    /// again, not the event's 100 000: every row version carries the id of the transaction that
    /// wrote it (`xmin`), and each refresh remembers the oldest transaction still running when
    /// it read (`pg_snapshot_xmin`); the next refresh reads the rows written by that transaction
    /// or later ones — everything that committed since, whatever the commit order.
    /// A store without the feed (`listen: false`) cannot know when another desk committed, so it
    /// refreshes (those rows only) for every search.
    func searchHits(_ c: PGConnection, _ q: AttendeeQuery, terms: [String]) throws -> [Int64] {
        let version = try externalChangeCounter()
        if followsChanges, let cache = searchCache, cache.eventId == q.eventId, cache.dataVersion == version {
            return cache.matches(terms: terms, filter: q.filter)
        }
        let incremental = searchCache?.eventId == q.eventId ? searchLowWater : nil
        let r = try c.query("""
            WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296 AS low)
            SELECT s.low, a.id, a.search_text, a.vip, (a.checked_in_at IS NOT NULL)::int, (a.status = 'ATTENDING')::int
            FROM s LEFT JOIN attendees a ON a.event_id = $1
                AND ($2::bigint IS NULL OR (a.xmin::text::bigint - $2::bigint + 4294967296) % 4294967296 < 2147483648)
            """, [.integer(q.eventId), incremental.map { .integer($0) } ?? .null])
        var entries: [SearchCache.Entry] = []
        entries.reserveCapacity(r.count)
        for i in 0..<r.count where !r.isNull(i, 1) {
            entries.append(SearchCache.Entry(id: r.int64(i, 1), text: Array(r.text(i, 2).utf8), vip: r.bool(i, 3),
                                             checkedIn: r.bool(i, 4), attending: r.bool(i, 5)))
        }
        let cache: SearchCache
        if incremental != nil, let existing = searchCache {
            for entry in entries { existing.upsert(entry) }
            existing.dataVersion = version
            cache = existing
        } else {
            cache = SearchCache(eventId: q.eventId, dataVersion: version, entries: entries)
        }
        searchLowWater = r.count > 0 ? r.int64(0, 0) : nil
        searchCache = cache
        return cache.matches(terms: terms, filter: q.filter)
    }

    private static func idList(_ ids: [Int64]) -> SQLValue { .text(PGArray.literal(ids.map { $0 as Int64? })) }

    public func attendees(_ query: AttendeeQuery) throws -> [Attendee] {
        guard query.limit > 0 else { return [] }
        let order = Self.orderClause(query.sort, descending: query.descending)
        let terms = AttendeeSearch.terms(query.search)
        return try read { c in
            if !terms.isEmpty {
                let hits = try searchHits(c, query, terms: terms)
                if hits.isEmpty { return [] }
                let r = try c.query("""
                    SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.id = ANY($1::bigint[])
                    ORDER BY \(order) LIMIT $2 OFFSET $3
                    """, [Self.idList(hits), .integer(Int64(query.limit)), .integer(Int64(max(0, query.offset)))])
                return PGAttendeeRow.decodeAll(r)
            }
            let (whereSQL, values) = Self.whereClause(query)
            let r = try c.query("""
                SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE \(whereSQL)
                ORDER BY \(order) LIMIT $2 OFFSET $3
                """, values + [.integer(Int64(query.limit)), .integer(Int64(max(0, query.offset)))])
            return PGAttendeeRow.decodeAll(r)
        }
    }

    public func attendeeCount(_ query: AttendeeQuery) throws -> Int {
        let terms = AttendeeSearch.terms(query.search)
        return try read { c in
            if !terms.isEmpty { return try searchHits(c, query, terms: terms).count }
            let (whereSQL, values) = Self.whereClause(query)
            return try c.query("SELECT count(*) FROM attendees a WHERE \(whereSQL)", values).int(0, 0)
        }
    }

    public func attendeePosition(_ query: AttendeeQuery, attendeeId: Int64) throws -> Int? {
        let order = Self.orderClause(query.sort, descending: query.descending)
        let terms = AttendeeSearch.terms(query.search)
        return try read { c in
            let r: PGResult
            if !terms.isEmpty {
                let hits = try searchHits(c, query, terms: terms)
                guard hits.contains(attendeeId) else { return nil }
                r = try c.query("""
                    SELECT pos FROM (SELECT a.id AS id, row_number() OVER (ORDER BY \(order)) - 1 AS pos
                                     FROM attendees a WHERE a.id = ANY($1::bigint[])) p
                    WHERE id = $2
                    """, [Self.idList(hits), .integer(attendeeId)])
            } else {
                let (whereSQL, values) = Self.whereClause(query)
                r = try c.query("""
                    SELECT pos FROM (SELECT a.id AS id, row_number() OVER (ORDER BY \(order)) - 1 AS pos
                                     FROM attendees a WHERE \(whereSQL)) p
                    WHERE id = $2
                    """, values + [.integer(attendeeId)])
            }
            return r.count == 0 ? nil : r.int(0, 0)
        }
    }

    // MARK: Statistics

    /// SPEC §5 statistics as aggregates over the table filters' predicates, from one snapshot
    /// (REPEATABLE READ), so the numbers agree with each other.
    public func stats(eventId: Int64) throws -> EventStats {
        try read { c in
            try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? c.execute("COMMIT") }
            var stats = EventStats()
            let totals = try c.query("""
                SELECT count(*), count(checked_in_at), count(*) FILTER (WHERE status = 'NOT_ATTENDING'),
                       count(*) FILTER (WHERE vip = 1)
                FROM attendees WHERE event_id = $1
                """, [.integer(eventId)])
            stats.totalAttendees = totals.int(0, 0)
            stats.checkedIn = totals.int(0, 1)
            stats.notAttending = totals.int(0, 2)
            stats.vip = totals.int(0, 3)
            let tickets = try c.query("""
                SELECT coalesce(ticket_name, '') AS ticket, count(*) AS total, count(checked_in_at)
                FROM attendees WHERE event_id = $1
                GROUP BY ticket ORDER BY total DESC, ticket
                """, [.integer(eventId)])
            for i in 0..<tickets.count {
                stats.byTicket.append(.init(ticketName: tickets.text(i, 0), total: tickets.int(i, 1),
                                            checkedIn: tickets.int(i, 2)))
            }
            let bucket = Int64(EventStats.bucketSeconds * 1000)
            let arrivals = try c.query("""
                SELECT checked_in_at - ((checked_in_at % $2) + $2) % $2 AS bucket, count(*)
                FROM attendees WHERE event_id = $1 AND checked_in_at IS NOT NULL
                GROUP BY bucket ORDER BY bucket
                """, [.integer(eventId), .integer(bucket)])
            for i in 0..<arrivals.count {
                stats.arrivals.append(.init(start: DateCoding.date(arrivals.int64(i, 0)), count: arrivals.int(i, 1)))
            }
            return stats
        }
    }
}
