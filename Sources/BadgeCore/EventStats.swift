import Foundation

/// Statistics of an event (SPEC §5), the shape of `badge stats --json` and the stat cards.
public struct EventStats: Sendable, Hashable {
    public struct TicketStat: Sendable, Hashable {
        public var ticketName: String
        public var total: Int
        public var checkedIn: Int
        public init(ticketName: String, total: Int, checkedIn: Int) {
            self.ticketName = ticketName
            self.total = total
            self.checkedIn = checkedIn
        }
    }

    /// Arrivals (check-ins) in one 5-minute bucket starting at `start`.
    public struct ArrivalBucket: Sendable, Hashable {
        public var start: Date
        public var count: Int
        public init(start: Date, count: Int) {
            self.start = start
            self.count = count
        }
    }

    /// All rows of the event (attending and not attending).
    public var totalAttendees: Int
    public var checkedIn: Int
    public var notAttending: Int
    public var vip: Int
    public var byTicket: [TicketStat]
    public var arrivals: [ArrivalBucket]

    public init(totalAttendees: Int = 0, checkedIn: Int = 0, notAttending: Int = 0, vip: Int = 0,
                byTicket: [TicketStat] = [], arrivals: [ArrivalBucket] = []) {
        self.totalAttendees = totalAttendees
        self.checkedIn = checkedIn
        self.notAttending = notAttending
        self.vip = vip
        self.byTicket = byTicket
        self.arrivals = arrivals
    }

    /// Arrival buckets are 5 minutes wide.
    public static let bucketSeconds: TimeInterval = 300
}
