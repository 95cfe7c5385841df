import BadgeCore
import Foundation

extension SQLiteStore {
    /// WHERE clause and values for a query's event, filter and search (shared by page and count,
    /// and mirrored by `stats`, so the numbers always agree).
    static func whereClause(_ q: AttendeeQuery) -> (sql: String, values: [SQLValue]) {
        var clauses = ["a.event_id = ?1"]
        var values: [SQLValue] = [.integer(q.eventId)]
        switch q.filter {
        case .all: break
        case .vip: clauses.append("a.vip = 1")
        case .checkedIn: clauses.append("a.checked_in_at IS NOT NULL")
        case .notCheckedIn: clauses.append("a.status = 'ATTENDING' AND a.checked_in_at IS NULL")
        case .notAttending: clauses.append("a.status = 'NOT_ATTENDING'")
        }
        for term in AttendeeSearch.terms(q.search) {
            values.append(.text(term))
            clauses.append("instr(a.search_text, ?\(values.count)) > 0")
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

    /// Up to this many search hits are fetched by id; more hits are dense enough that walking the
    /// name index with the text test fills a page after a few rows.
    static let hitsFetchedById = 4_000

    /// Ids matching the query's search and filter, from the in-memory index (reloaded when this
    /// event was not the one cached, or another connection committed since).
    func searchHits(_ db: Database, _ q: AttendeeQuery, terms: [String]) throws -> [Int64] {
        let version = try db.dataVersion()
        if let cache = searchCache, cache.eventId == q.eventId, cache.dataVersion == version {
            return cache.matches(terms: terms, filter: q.filter)
        }
        let cache = try SearchCache.load(db, eventId: q.eventId, dataVersion: version)
        searchCache = cache
        return cache.matches(terms: terms, filter: q.filter)
    }

    public func attendees(_ query: AttendeeQuery) throws -> [Attendee] {
        guard query.limit > 0 else { return [] }
        let terms = AttendeeSearch.terms(query.search)
        if !terms.isEmpty {
            let byId: [Attendee]? = try locked { db in
                let hits = try searchHits(db, query, terms: terms)
                guard hits.count <= Self.hitsFetchedById else { return nil }
                if hits.isEmpty { return [] }
                let s = try db.cached("""
                    SELECT \(AttendeeRow.columns) FROM attendees a
                    WHERE a.id IN (SELECT value FROM json_each(?1))
                    ORDER BY \(Self.orderClause(query.sort, descending: query.descending))
                    LIMIT ?2 OFFSET ?3
                    """)
                try s.bindAll([.text("[" + hits.map(String.init).joined(separator: ",") + "]"),
                               .integer(Int64(query.limit)), .integer(Int64(max(0, query.offset)))])
                var result: [Attendee] = []
                try s.forEachRow { result.append(AttendeeRow.decode($0)) }
                return result
            }
            if let byId { return byId }
        }
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
        let terms = AttendeeSearch.terms(query.search)
        if !terms.isEmpty {
            return try locked { db in try searchHits(db, query, terms: terms).count }
        }
        let (whereSQL, values) = Self.whereClause(query)
        return try locked { db in
            let s = try db.cached("SELECT count(*) FROM attendees a WHERE \(whereSQL)")
            try s.bindAll(values)
            return try s.firstRow { $0.int(0) } ?? 0
        }
    }

    public func attendeePosition(_ query: AttendeeQuery, attendeeId: Int64) throws -> Int? {
        let order = Self.orderClause(query.sort, descending: query.descending)
        let terms = AttendeeSearch.terms(query.search)
        if !terms.isEmpty {
            return try locked { db in
                let hits = try searchHits(db, query, terms: terms)
                guard hits.contains(attendeeId) else { return nil }
                let s = try db.cached("""
                    SELECT pos FROM (SELECT a.id AS id, row_number() OVER (ORDER BY \(order)) - 1 AS pos
                                     FROM attendees a WHERE a.id IN (SELECT value FROM json_each(?1)))
                    WHERE id = ?2
                    """)
                try s.bindAll([.text("[" + hits.map(String.init).joined(separator: ",") + "]"), .integer(attendeeId)])
                return try s.firstRow { Int($0.int(0)) }
            }
        }
        let (whereSQL, values) = Self.whereClause(query)
        return try locked { db in
            let s = try db.cached("""
                SELECT pos FROM (SELECT a.id AS id, row_number() OVER (ORDER BY \(order)) - 1 AS pos
                                 FROM attendees a WHERE \(whereSQL))
                WHERE id = ?\(values.count + 1)
                """)
            try s.bindAll(values + [.integer(attendeeId)])
            return try s.firstRow { Int($0.int(0)) }
        }
    }
}
