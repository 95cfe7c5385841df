import Foundation
import Testing
import BadgeCore

@Suite struct EventStatsTests {
    let base = Date(timeIntervalSince1970: 1_700_000_000)  // a multiple of 300? 1_700_000_000 % 300 == 200

    func row(_ id: Int, ticket: String?, checkedAt: Date? = nil, vip: Bool = false,
             status: AttendeeStatus = .attending) -> Attendee {
        Attendee(eventId: 1, providerAttendeeId: "\(id)", name: "P\(id)", ticketName: ticket, status: status,
                 vip: vip, checkedInAt: checkedAt)
    }

    @Test func countsTotalsCheckedInNotAttendingAndVIP() {
        let rows = [
            row(1, ticket: "GA", checkedAt: base), row(2, ticket: "GA"), row(3, ticket: "VIP", vip: true),
            row(4, ticket: "GA", status: .notAttending), row(5, ticket: nil, checkedAt: base, vip: true),
        ]
        let s = EventStats.compute(from: rows)
        #expect(s.totalAttendees == 5)
        #expect(s.checkedIn == 2)
        #expect(s.notAttending == 1)
        #expect(s.vip == 2)
        #expect(s.attending == 4)
        #expect(s.checkedInPercent == 50) // 2 of the 4 attending, not 2 of all 5 rows
        #expect(s.byTicket == [
            .init(ticketName: "GA", total: 3, checkedIn: 1),
            .init(ticketName: "", total: 1, checkedIn: 1),
            .init(ticketName: "VIP", total: 1, checkedIn: 0),
        ])
    }

    @Test func arrivalsAreFiveMinuteBuckets() {
        let bucket = Date(timeIntervalSince1970: TimeInterval(EventStats.bucketStart(base)))
        #expect(EventStats.bucketStart(base) % 300 == 0)
        #expect(bucket <= base && base.timeIntervalSince(bucket) < 300)
        let rows = [
            row(1, ticket: "GA", checkedAt: bucket), row(2, ticket: "GA", checkedAt: bucket.addingTimeInterval(299)),
            row(3, ticket: "GA", checkedAt: bucket.addingTimeInterval(300)), row(4, ticket: "GA"),
        ]
        let s = EventStats.compute(from: rows)
        #expect(s.arrivals == [.init(start: bucket, count: 2), .init(start: bucket.addingTimeInterval(300), count: 1)])
        #expect(s.arrivalSeries(endingAt: bucket.addingTimeInterval(600), count: 4) == [0, 2, 1, 0])
    }

    @Test func emptyEventHasZeroPercent() {
        #expect(EventStats.compute(from: []).checkedInPercent == 0)
    }
}
