import BadgeCore
import Foundation
import Storage

/// A table that exercises every filter, search and sort: tickets and companies that are NULL,
/// empty or differ only in case; names with accents, other scripts, equal names (the id breaks
/// the tie); provider and local check-ins, forced check-ins of cancelled people, VIPs.
enum QueryDataset {
    typealias F = ContractFixtures

    static let names = ["ada Lovelace", "Ada Byron", "ADA KING", "Émile Zola", "émile zola", "Zoë Müller", "zoe muller",
                        "Bob", "bob", "Çelik", "Same Name", "Same Name", "Same Name", "山田 太郎", "Ελένη", "_under",
                        "[bracket]", "~tilde", "123 Numbers", "", "  spaced", "Zed", "a", "B"]
    static let tickets: [String?] = ["General", nil, "VIP Pass", "general", "", "Speaker", "ÉTUDIANT", "étudiant"]
    static let companies: [String?] = [nil, "Acme", "acme", "ACME Corp", "", "Initech", "Ünïcorn", "zeta", nil]

    static var people: [ProviderAttendee] {
        names.enumerated().map { n, name in
            var p = F.person(n, status: n % 5 == 0 ? .notAttending : .attending, ticket: tickets[n % tickets.count],
                             checkedInAt: n % 6 == 1 ? F.at(Double(n) * 70) : nil)
            p.name = name
            p.company = companies[n % companies.count]
            p.barcode = n % 7 == 3 ? nil : "BC\(n)"
            return p
        }
    }

    /// Fills the event: the page, local check-ins (some at the same time as others), VIPs.
    static func fill(_ store: any BadgeStore, eventId: Int64) throws {
        _ = try store.applyPage(eventId: eventId, attendees: people, checkpoint: nil, now: F.t0)
        for n in names.indices {
            let id = try store.attendee(eventId: eventId, providerAttendeeId: "A\(n)")!.id
            if n % 4 == 2 {
                _ = try store.checkIn(attendeeId: id, action: .forceCheckIn, operatorName: "ada", station: "d",
                                      at: F.at(Double(n % 3) * 300))
            }
            if n % 3 == 0 { try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0) }
        }
    }

    static let searches = ["", "ada", "ADA king", "emile", "zoe mul", "same", "acme", "étudiant", "general", "bc1",
                           "p2@example", "nobody", "山田", "person", "o", "  "]

    /// Every query shape the console can ask (filter × search × sort × direction).
    static func queries(eventId: Int64, limit: Int = 1000) -> [AttendeeQuery] {
        var result: [AttendeeQuery] = []
        for filter in AttendeeFilter.allCases {
            for search in searches {
                for sort in AttendeeSort.allCases {
                    for descending in [false, true] {
                        result.append(AttendeeQuery(eventId: eventId, filter: filter, search: search, sort: sort,
                                                    descending: descending, limit: limit))
                    }
                }
            }
        }
        return result
    }
}
