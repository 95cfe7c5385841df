import BadgeCore
import Foundation

extension SQLiteStore {
    /// SPEC §5 statistics as SQL aggregates over the same predicates as the table filters
    /// (`whereClause`), read in one transaction so the numbers are from one snapshot.
    public func stats(eventId: Int64) throws -> EventStats {
        try locked { db in
            try db.execute("BEGIN")  // deferred: a read snapshot, no write lock
            defer { try? db.execute("COMMIT") }
            var stats = EventStats()
            // Each count is an index range (status, check-in, partial VIP index): no table scan.
            let totals = try db.cached("""
                SELECT (SELECT count(*) FROM attendees WHERE event_id = ?1),
                       (SELECT count(*) FROM attendees WHERE event_id = ?1 AND checked_in_at IS NOT NULL),
                       (SELECT count(*) FROM attendees WHERE event_id = ?1 AND status = 'NOT_ATTENDING'),
                       (SELECT count(*) FROM attendees WHERE event_id = ?1 AND vip = 1)
                """)
            try totals.bind(1, eventId)
            _ = try totals.firstRow {
                stats.totalAttendees = $0.int(0)
                stats.checkedIn = $0.int(1)
                stats.notAttending = $0.int(2)
                stats.vip = $0.int(3)
            }
            let tickets = try db.cached("""
                SELECT coalesce(ticket_name, '') AS ticket, count(*) AS total,
                       sum(checked_in_at IS NOT NULL)
                FROM attendees WHERE event_id = ?1
                GROUP BY ticket ORDER BY total DESC, ticket
                """)
            try tickets.bind(1, eventId)
            try tickets.forEachRow {
                stats.byTicket.append(.init(ticketName: $0.text(0), total: $0.int(1), checkedIn: $0.int(2)))
            }
            let bucket = Int64(EventStats.bucketSeconds * 1000)
            let arrivals = try db.cached("""
                SELECT checked_in_at - ((checked_in_at % ?2) + ?2) % ?2 AS bucket, count(*)
                FROM attendees WHERE event_id = ?1 AND checked_in_at IS NOT NULL
                GROUP BY bucket ORDER BY bucket
                """)
            try arrivals.bind(1, eventId)
            try arrivals.bind(2, bucket)
            try arrivals.forEachRow {
                stats.arrivals.append(.init(start: DateCoding.date($0.int64(0)), count: $0.int(1)))
            }
            return stats
        }
    }
}
