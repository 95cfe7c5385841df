import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Shared test data: a fixed clock, events, attendees and a ready event view.
enum F {
    /// 2026-12-03 09:30:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_290_200)
    static func at(_ hh: Int, _ mm: Int) -> Date {
        now.addingTimeInterval(TimeInterval((hh - 9) * 3600 + (mm - 30) * 60))
    }

    static let summit = Event(id: 1, provider: .eventbrite, externalId: "51660376577", name: "Tech Summit 2026",
                              startsAt: at(9, 0), syncStatus: .active, accessCode: "ABC123",
                              lastSyncedAt: now.addingTimeInterval(-12), createdAt: at(8, 0))
    static let meetup = Event(id: 2, provider: .luma, externalId: "evt-9x", name: "Swift Meetup",
                              syncStatus: .pending, accessCode: "XYZ789", createdAt: at(8, 0))

    static let stats = EventStats(totalAttendees: 100_000, checkedIn: 41_230, notAttending: 1_204, vip: 12,
                                  byTicket: [.init(ticketName: "General", total: 90_000, checkedIn: 40_000),
                                             .init(ticketName: "VIP", total: 300, checkedIn: 230),
                                             .init(ticketName: "Speaker", total: 2, checkedIn: 1)],
                                  arrivals: [.init(start: at(9, 0), count: 10), .init(start: at(9, 15), count: 40),
                                             .init(start: at(9, 30), count: 20)])

    static func attendee(_ id: Int64, _ name: String, email: String? = nil, company: String? = nil,
                         ticket: String? = "General", vip: Bool = false, checkedInAt: Date? = nil,
                         status: AttendeeStatus = .attending, providerStatus: String? = nil,
                         extra: Int = 0) -> Attendee {
        Attendee(id: id, eventId: 1, providerAttendeeId: "p\(id)", name: name, email: email, company: company,
                 ticketName: ticket, extraTickets: extra, barcode: "BC\(id)", status: status,
                 providerStatus: providerStatus, vip: vip, checkedInAt: checkedInAt,
                 checkInSource: checkedInAt == nil ? nil : .local)
    }

    static let rows: [Attendee] = [
        attendee(1, "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines", ticket: "VIP",
                 vip: true, checkedInAt: at(9, 12)),
        attendee(2, "Alan Turing", email: "alan@example.org", company: "Bletchley Park"),
        attendee(3, "Grace Hopper", email: "grace@navy.mil", company: "US Navy", ticket: "Speaker", extra: 1),
        attendee(4, "Edsger Dijkstra", email: "ewd@utexas.edu", company: "UT Austin", status: .notAttending,
                 providerStatus: "waitlist"),
    ]

    static func integration(_ p: Provider = .eventbrite, _ status: IntegrationStatus = .connected) -> IntegrationSummary {
        IntegrationSummary(provider: p, status: status, accountLabel: "Ada Lovelace <ada@example.com>",
                           redactedCredential: "••••3f9a", baseURL: "https://www.eventbriteapi.com/v3")
    }

    /// A dashboard with both events loaded.
    static func dashboard(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = AppState(size: size, operatorName: "ada")
        _ = update(&s, .eventsLoaded([EventSummary(event: summit, stats: stats), EventSummary(event: meetup)]), now: now)
        return s
    }

    /// The event view of `summit` with `rows` loaded (total `total`), stats and a rate budget.
    static func eventView(size: Size = Size(width: 80, height: 24), rows: [Attendee] = rows, total: Int? = nil) -> AppState {
        var s = dashboard(size: size)
        _ = update(&s, .key(.enter), now: now)
        let q = s.eventView!.pendingQuery!
        _ = update(&s, .attendeePageLoaded(query: q, rows: rows, total: total ?? rows.count), now: now)
        _ = update(&s, .eventStatsLoaded(eventId: 1, stats), now: now)
        _ = update(&s, .rateBudgetChanged(.eventbrite, RateBudget(remaining: 1540, limit: 1600, window: 3600)), now: now)
        return s
    }

    /// `count` synthetic rows starting at absolute index `offset`.
    static func page(offset: Int, count: Int) -> [Attendee] {
        (offset..<(offset + count)).map { attendee(Int64($0 + 1), "Person \($0 + 1)") }
    }

    static func text(_ s: AppState, _ size: Size? = nil) -> String {
        render(s, size: size ?? s.size, now: now).text
    }
}

/// A readable, exact snapshot of a frame: trailing spaces trimmed, and each run of two or more
/// blank rows written as one line `⋯ N blank rows`.
func snapshot(_ buf: ScreenBuffer) -> String {
    var out: [String] = []
    var blanks = 0
    func flush() {
        if blanks == 1 { out.append("") } else if blanks > 1 { out.append("⋯ \(blanks) blank rows") }
        blanks = 0
    }
    for line in buf.text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.isEmpty { blanks += 1; continue }
        flush()
        out.append(String(line))
    }
    flush()
    return out.joined(separator: "\n")
}

func snapshot(_ state: AppState, _ w: Int, _ h: Int) -> String {
    snapshot(render(state, size: Size(width: w, height: h), now: F.now))
}
