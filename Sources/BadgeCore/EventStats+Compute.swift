import Foundation

extension EventStats {
    /// Statistics from rows in memory: the reference definition the store's SQL aggregates must
    /// agree with (SPEC §5: "consistent with the table at every moment").
    ///
    /// - `checkedIn` counts rows with a current check-in (local or provider), whatever their status
    ///   (a force check-in of a NOT_ATTENDING row counts).
    /// - `byTicket` is ordered by total descending, then name; rows without a ticket are "" (as in the store).
    /// - `arrivals` are 5-minute buckets of check-in times, ascending, empty buckets omitted.
    public static func compute(from attendees: [Attendee]) -> EventStats {
        var stats = EventStats()
        var tickets: [String: (total: Int, checked: Int)] = [:]
        var buckets: [Int64: Int] = [:]
        for a in attendees {
            stats.totalAttendees += 1
            if a.status == .notAttending { stats.notAttending += 1 }
            if a.vip { stats.vip += 1 }
            let ticket = a.ticketName ?? ""
            var t = tickets[ticket] ?? (0, 0)
            t.total += 1
            if let at = a.checkedInAt {
                stats.checkedIn += 1
                t.checked += 1
                buckets[bucketStart(at), default: 0] += 1
            }
            tickets[ticket] = t
        }
        stats.byTicket = tickets.map { TicketStat(ticketName: $0.key, total: $0.value.total, checkedIn: $0.value.checked) }
            .sorted { ($0.total, $1.ticketName) > ($1.total, $0.ticketName) }
        stats.arrivals = buckets.keys.sorted().map {
            ArrivalBucket(start: Date(timeIntervalSince1970: TimeInterval($0)), count: buckets[$0]!)
        }
        return stats
    }

    /// Start (epoch seconds) of the 5-minute bucket holding `date`.
    public static func bucketStart(_ date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let size = Int64(bucketSeconds)
        return (seconds >= 0 ? seconds / size : (seconds - size + 1) / size) * size
    }

    /// Rows expected at the door: every row but the NOT_ATTENDING ones.
    public var attending: Int { max(0, totalAttendees - notAttending) }

    /// Checked-in percentage of those attending (issue #17: not of the total), rounded down and
    /// at most 100 (force check-ins of NOT_ATTENDING rows count in `checkedIn`); 0 when no one
    /// is attending.
    public var checkedInPercent: Int {
        attending == 0 ? 0 : min(100, checkedIn * 100 / attending)
    }

    /// Arrival counts for the last `count` buckets ending at `now`, oldest first, zero-filled:
    /// the series the sparkline draws.
    public func arrivalSeries(endingAt now: Date, count: Int) -> [Int] {
        let size = Int64(EventStats.bucketSeconds)
        let last = EventStats.bucketStart(now)
        let map = Dictionary(arrivals.map { (Int64($0.start.timeIntervalSince1970), $0.count) }, uniquingKeysWith: +)
        return (0..<count).map { i in map[last - Int64(count - 1 - i) * size] ?? 0 }
    }
}
