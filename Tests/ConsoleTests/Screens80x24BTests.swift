import Testing
import Foundation
import ScreenKit
@testable import Console

/// Every screen and alert rendered at 80×24, compared with its literal text
/// (runs of blank rows are written `⋯ N blank rows`; see `snapshot`).
@Suite struct Screens80x24BTests {
    /// Sync failed alert banner with the reason, the retry time and [R]
    @Test func syncFailed() {
        #expect(snapshot(Scene.syncFailed(), 80, 24) == """
         Tech Summit 2026 · Eventbri…  ▲ Sync failed · 12 s ago · API 1 540 / h  [S]ync
        ┌──────────────────────────────────────────────────────────────────────────────┐
        │ ▲ Sync failed: 503 from provider — retrying in 30 s · [R] Retry now          │
        └──────────────────────────────────────────────────────────────────────────────┘
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     ada@example.c… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      alan@example.… Bletchley P… General      Attending
           Grace Hopper     grace@navy.mil US Navy      Speaker +1   Attending
           Edsger Dijkstra  ewd@utexas.edu UT Austin    General      ✖ Waitlist
        ⋯ 10 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         R Recover  Enter Card  / Search  c Check in  u Undo  v VIP      ? Help  q Quit
        """)
    }

    /// Integration disconnected alert with [R] Reconnect
    @Test func disconnected() {
        #expect(snapshot(Scene.disconnected(), 80, 24) == """
         Tech Summit 2026 · Even…  ✖ Disconnected · 12 s ago · API 1 540 / h  [no sync]
        ┌──────────────────────────────────────────────────────────────────────────────┐
        │ ✖ Integration disconnected: 401 token revoked · [R] Reconnect                │
        └──────────────────────────────────────────────────────────────────────────────┘
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     ada@example.c… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      alan@example.… Bletchley P… General      Attending
           Grace Hopper     grace@navy.mil US Navy      Speaker +1   Attending
           Edsger Dijkstra  ewd@utexas.edu UT Austin    General      ✖ Waitlist
        ⋯ 10 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         R Recover  Enter Card  / Search  c Check in  u Undo  v VIP      ? Help  q Quit
        """)
    }

    /// search as you type while a resync is in flight ([Syncing…])
    @Test func search() {
        #expect(snapshot(Scene.syncingWithSearch(), 80, 24) == """
         Tech Summit 2026 · Eventbri…  ● Syncing · 12 s ago · API 1 540 / h  [Syncing…]
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     ada@example.c… Analytical … VIP          ✔ Checked in 09:12
        ⋯ 16 blank rows
         Filter: All  Search: ad▏                                         rows 1–1 of 1

         Enter Keep  Esc Clear
        """)
    }

    /// card of a checked-in attendee, no badge printed yet: Print badge, showing when; history newest first
    @Test func card0() {
        #expect(snapshot(Scene.card(0), 80, 24) == """
         Attendee — Ada Lovelace                                            ada · ADMIN

          Ada Lovelace  ★ VIP

          Email       ada@example.com
          Company     Analytical Engines
          Job title   —
          Ticket      VIP
          Status      ATTENDING
          Checked in  ✔ 09:12 by ada at desk-1
          Barcode     BC1
          Badges      not printed

          [Enter] Print badge — checked in 09:12

          Check-in history
            2026-12-03 09:12  CHECK_IN       ada at desk-1
            2026-12-03 09:07  UNDO           bob at desk-2
            2026-12-03 09:02  CHECK_IN       bob at desk-2
        ⋯ 4 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  ? Help  q Quit
        """)
    }

    /// card of an attendee not yet checked in: Print badge & check in
    @Test func card1() {
        #expect(snapshot(Scene.card(1), 80, 24) == """
         Attendee — Alan Turing                                             ada · ADMIN

          Alan Turing

          Email       alan@example.org
          Company     Bletchley Park
          Job title   —
          Ticket      General
          Status      ATTENDING
          Checked in  not checked in
          Barcode     BC2
          Badges      not printed

          [Enter] Check in & print   [p] Print only (not checked in)

          Check-in history
            none
        ⋯ 6 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  ? Help  q Quit
        """)
    }

    /// card of a NOT_ATTENDING attendee: Force check in, raw status visible
    @Test func card3() {
        #expect(snapshot(Scene.card(3), 80, 24) == """
         Attendee — Edsger Dijkstra                                         ada · ADMIN

          Edsger Dijkstra

          Email       ewd@utexas.edu
          Company     UT Austin
          Job title   —
          Ticket      General
          Status      NOT_ATTENDING (waitlist)
          Checked in  not checked in
          Barcode     BC4
          Badges      not printed

          [Enter] Force check in (asks to confirm)   [p] Print only (not checked in)

          Check-in history
            none
        ⋯ 6 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  ? Help  q Quit
        """)
    }

    /// help generated from the key table, the current screen's keys first
    @Test func help() {
        #expect(snapshot(Scene.help(), 80, 24) == """
         Help — keys                                                        ada · ADMIN

         Event view
           ↑/k       Previous attendee
           ↓/j       Next attendee
           PgUp      One page up
           PgDn      One page down
           Home      First attendee
           End       Last attendee
           R         Retry / reconnect when an alert offers it  (admin)
           C         Confirm the cancellations a resync held back  (admin)
           Enter     Open the attendee card
           /         Search name, email, company, ticket, barcode as you type
           c         Check in the selected attendee
           u         Undo the last check-in of the row
           v         Toggle VIP on the row
           p         Print / reprint the badge
           f         Cycle filters: all / VIP / checked in / not checked in / not
                     attending
           t         Next ticket types in the stat cards (from the first again after
                     the last)
         ↓ more below — ↓/j, PgDn, End scroll

         Esc Close                                                               q Quit
        """)
    }

    /// quitting while an import runs asks y/n
    @Test func quit() {
        #expect(snapshot(Scene.confirmQuit(), 80, 24) == """
         Import — Swift Meetup · Luma                                       ada · ADMIN

          ◐ Importing…

          ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 30%

          Pages       12 / 40
          Attendees   6 000 / 20 000
          Rate        200 attendees/s
          Elapsed     00:30
          ETA        ┌ Quit? ────────────────────────────────────────────┐
                     │  A job is running (import or sync). Quit anyway?  │
          The event v│  [y] Quit   [n] Stay                              │
                     └───────────────────────────────────────────────────┘
        ⋯ 9 blank rows
         y Quit  n Stay
        """)
    }
}
