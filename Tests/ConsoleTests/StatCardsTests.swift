import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The event view's stat cards (issue #17): boxed cards from 100 columns, the compact line at
/// 80×24, every ticket type reachable with `t`, and "Checked in %" of those attending.
@Suite struct StatCardsTests {
    /// Nine ticket types: more than any panel shows at once below 200×60.
    static let manyTickets = EventStats(
        totalAttendees: 1_000, checkedIn: 450, notAttending: 100, vip: 7,
        byTicket: (1...9).map { .init(ticketName: "Type \($0)", total: 100 + $0, checkedIn: 50 + $0) },
        arrivals: [.init(start: F.at(9, 15), count: 40)])

    static func withManyTickets(_ size: Size) -> AppState {
        var s = F.eventView(size: size)
        _ = update(&s, .eventStatsLoaded(eventId: 1, manyTickets), now: F.now)
        return s
    }

    @Test func compactLineAt80x24() {
        #expect(snapshot(F.eventView(), 80, 24) == """
         Tech Summit 2026 · Eventbrite     ● Syncing · 12 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     ada@example.c… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      alan@example.… Bletchley P… General      Attending
           Grace Hopper     grace@navy.mil US Navy      Speaker +1   Attending
           Edsger Dijkstra  ewd@utexas.edu UT Austin    General      ✖ Waitlist
        ⋯ 13 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print        ? Help  q Quit
        """)
    }

    @Test func cardsAt100x30() {
        #expect(snapshot(F.eventView(size: Size(width: 100, height: 30)), 100, 30) == """
         Tech Summit 2026 · Eventbrite                  ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Tickets 1–2 of 3 · t next ──┐
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ Arrivals ▁▁▁▄▁▁█▁▁▅ 50 min  │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ General       40 000/90 000 │
        │                 ││ 41% of attending   ││               ││         ││ VIP                 230/300 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────┘
           Name                     Email                 Company           Ticket       Status       In
        ▶★ Ada Lovelace             ada@example.com       Analytical Engin… VIP          ✔ Checked in 09:12
           Alan Turing              alan@example.org      Bletchley Park    General      Attending
           Grace Hopper             grace@navy.mil        US Navy           Speaker +1   Attending
           Edsger Dijkstra          ewd@utexas.edu        UT Austin         General      ✖ Waitlist
        ⋯ 16 blank rows
         Filter: All  / to search                                                             rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  S Sync          ? Help  q Quit
        """)
    }

    @Test func cardsAt120x40() {
        #expect(snapshot(F.eventView(size: Size(width: 120, height: 40)), 120, 40) == """
         Tech Summit 2026 · Eventbrite                                      ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              ada@example.com              Analytical Engines  VIP                ✔ Checked in     09:12
           Alan Turing               alan@example.org             Bletchley Park      General            Attending
           Grace Hopper              grace@navy.mil               US Navy             Speaker +1         Attending
           Edsger Dijkstra           ewd@utexas.edu               UT Austin           General            ✖ Waitlist
        ⋯ 24 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  S Sync  s Scan mode  Esc Back       ? Help  q Quit
        """)
    }

    @Test func cardsAt200x60() {
        #expect(snapshot(Self.withManyTickets(Size(width: 200, height: 60)), 200, 60) == """
         Tech Summit 2026 · Eventbrite                                                                                                                      ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Arrivals · 120 min ──────┐┌ Ticket types ───────────────────────────────────────────────────────────────────────────────────────┐
        │                 ││                    ││               ││         ││                          ││ Type 1                █████▓░░░░          51/101  Type 8                █████▓░░░░          58/108  │
        │                 ││                    ││               ││         ││                          ││ Type 2                █████▓░░░░          52/102  Type 9                █████▓░░░░          59/109  │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█▁▁▁ ││ Type 3                █████▓░░░░          53/103                                                    │
        │ 1 000           ││ 450 / 900          ││ 100           ││ 7       ││ peak 40 / 5 min          ││ Type 4                █████▓░░░░          54/104                                                    │
        │                 ││ 50% of attending   ││               ││         ││                          ││ Type 5                █████▓░░░░          55/105                                                    │
        │                 ││                    ││               ││         ││                          ││ Type 6                █████▓░░░░          56/106                                                    │
        │                 ││                    ││               ││         ││                          ││ Type 7                █████▓░░░░          57/107                                                    │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└──────────────────────────┘└─────────────────────────────────────────────────────────────────────────────────────────────────────┘
           Name                                                  Email                                                        Company                                 Ticket             Status           In
        ▶★ Ada Lovelace                                          ada@example.com                                              Analytical Engines                      VIP                ✔ Checked in     09:12
           Alan Turing                                           alan@example.org                                             Bletchley Park                          General            Attending
           Grace Hopper                                          grace@navy.mil                                               US Navy                                 Speaker +1         Attending
           Edsger Dijkstra                                       ewd@utexas.edu                                               UT Austin                               General            ✖ Waitlist
        ⋯ 42 blank rows
         Filter: All  / to search                                                                                                                                                                 rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  S Sync  s Scan mode  Esc Back  w Walk-in                                                                            ? Help  q Quit
        """)
    }

    /// `t` pages through the ticket types and wraps to the first; none stays hidden behind
    /// "+N more" — in the cards, the tall compact lines and the 80×24 compact line.
    @Test(arguments: [(100, 30), (120, 40), (80, 40), (80, 24)])
    func tPagesThroughEveryTicketType(_ w: Int, _ h: Int) {
        var s = Self.withManyTickets(Size(width: w, height: h))
        var seen = Set<String>()
        var pages = 0
        repeat {
            let text = F.text(s)
            for n in 1...9 where text.contains("Type \(n) ") { seen.insert("Type \(n)") }
            _ = update(&s, .key(.char("t")), now: F.now)
            pages += 1
        } while s.eventView?.ticketTop != 0 && pages < 20
        #expect(seen.count == 9, "\(w)×\(h): \(seen.sorted())")
        #expect(pages > 1, "\(w)×\(h): nine types never fit at once")
    }

    @Test func pagedPanelAt100x30() {
        var s = Self.withManyTickets(Size(width: 100, height: 30))
        _ = update(&s, .key(.char("t")), now: F.now)
        #expect(snapshot(s, 100, 30).split(separator: "\n").prefix(7).joined(separator: "\n") == """
         Tech Summit 2026 · Eventbrite                  ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Tickets 3–4 of 9 · t next ──┐
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ Arrivals ▁▁▁▁▁▁█▁▁▁ 50 min  │
        │ 1 000           ││ 450 / 900          ││ 100           ││ 7       ││ Type 3               53/103 │
        │                 ││ 50% of attending   ││               ││         ││ Type 4               54/104 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────┘
           Name                     Email                 Company           Ticket       Status       In
        """)
    }

    /// 450 checked in of 900 attending is 50 % (of the 1 000 rows it would be 45 %), in the
    /// cards, the compact line and the dashboard.
    @Test func checkedInPercentIsOfAttending() {
        let stats = Self.manyTickets
        #expect(stats.attending == 900)
        #expect(stats.checkedInPercent == 50)
        let wide = F.text(Self.withManyTickets(Size(width: 120, height: 40)))
        #expect(wide.contains("450 / 900"))
        #expect(wide.contains("50% of attending"))
        let compact = F.text(Self.withManyTickets(Size(width: 80, height: 24)))
        #expect(compact.contains("Checked in 450/900 (50%)"))
        var dash = AppState(size: Size(width: 80, height: 24), operatorName: "ada")
        _ = update(&dash, .eventsLoaded([EventSummary(event: F.summit, stats: stats)]), now: F.now)
        #expect(F.text(dash).contains("450 (50%)"))
        #expect(!F.text(dash).contains("(45%)"))
    }

    /// Force check-ins of NOT_ATTENDING rows never push the percentage past 100.
    @Test func percentStaysAtMost100() {
        #expect(EventStats(totalAttendees: 10, checkedIn: 10, notAttending: 2).checkedInPercent == 100)
        #expect(EventStats(totalAttendees: 3, checkedIn: 0, notAttending: 3).checkedInPercent == 0)
    }

    /// At 100×30 the cards leave the table most of the screen.
    @Test func tableKeepsItsRowsAt100x30() {
        let layout = EventViewLayout(state: F.eventView(size: Size(width: 100, height: 30)), size: Size(width: 100, height: 30))
        #expect(layout.cards)
        #expect(layout.tableRows >= 20)
    }

    /// The figures' colours are not yellow (unreadable on light backgrounds) and are bold.
    @Test func defaultThemeFiguresReadOnLightBackgrounds() {
        for role in [Role.accent, .statusOK, .checkedIn] {
            let fg = Theme.builtinDefault[role].foreground
            #expect(fg != .indexed(3) && fg != .indexed(11), "\(role)")
        }
    }

    /// The cards' figures are bold in every built-in theme (and so under NO_COLOR too).
    @Test(arguments: ThemeLoader.builtinNames)
    func figuresAreBold(_ name: String) throws {
        let theme = try ThemeParser.parse(ThemeLoader.embeddedText(named: name) ?? "", source: name)
        for role in [Role.accent, .statusOK, .vip] {
            #expect(theme[role].attributes.contains(.bold), "\(name) \(role)")
            #expect(theme.monochrome()[role].attributes.contains(.bold), "\(name) NO_COLOR \(role)")
        }
    }
}
