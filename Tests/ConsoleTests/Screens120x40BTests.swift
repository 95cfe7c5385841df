import Testing
import Foundation
import ScreenKit
@testable import Console

/// Every screen and alert rendered at 120×40, compared with its literal text
/// (runs of blank rows are written `⋯ N blank rows`; see `snapshot`).
@Suite struct Screens120x40BTests {
    /// Sync failed alert banner with the reason, the retry time and [R]
    @Test func syncFailed() {
        #expect(snapshot(Scene.syncFailed(), 120, 40) == """
         Tech Summit 2026 · Eventbrite                                  ▲ Sync failed · synced 12 s ago · API 1 540 / h  [S]ync
        ┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
        │ ▲ Sync failed: 503 from provider — retrying in 30 s · [R] Retry now                                                  │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
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
        ⋯ 21 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         R Recover  Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  S Sync  s Scan mode      ? Help  q Quit
        """)
    }

    /// Integration disconnected alert with [R] Reconnect
    @Test func disconnected() {
        #expect(snapshot(Scene.disconnected(), 120, 40) == """
         Tech Summit 2026 · Eventbrite                              ✖ Disconnected · synced 12 s ago · API 1 540 / h  [no sync]
        ┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
        │ ✖ Integration disconnected: 401 token revoked · [R] Reconnect                                                        │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
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
        ⋯ 21 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         R Recover  Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  s Scan mode  Esc Back    ? Help  q Quit
        """)
    }

    /// search as you type while a resync is in flight ([Syncing…])
    @Test func search() {
        #expect(snapshot(Scene.syncingWithSearch(), 120, 40) == """
         Tech Summit 2026 · Eventbrite                                  ● Syncing · synced 12 s ago · API 1 540 / h  [Syncing…]
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              ada@example.com              Analytical Engines  VIP                ✔ Checked in     09:12
        ⋯ 27 blank rows
         Filter: All  Search: ad▏                                                                                 rows 1–1 of 1

         Enter Keep  Esc Clear
        """)
    }

    /// card of a checked-in attendee, no badge printed yet: Print badge, showing when; history newest first
    @Test func card0() {
        #expect(snapshot(Scene.card(0), 120, 40) == """
         Attendee — Ada Lovelace                                                                                    ada · ADMIN

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
        ⋯ 20 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  e Correct  n Note                       ? Help  q Quit
        """)
    }

    /// card of an attendee not yet checked in: Print badge & check in
    @Test func card1() {
        #expect(snapshot(Scene.card(1), 120, 40) == """
         Attendee — Alan Turing                                                                                     ada · ADMIN

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
        ⋯ 22 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  e Correct  n Note                       ? Help  q Quit
        """)
    }

    /// card of a NOT_ATTENDING attendee: Force check in, raw status visible
    @Test func card3() {
        #expect(snapshot(Scene.card(3), 120, 40) == """
         Attendee — Edsger Dijkstra                                                                                 ada · ADMIN

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
        ⋯ 22 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  e Correct  n Note                       ? Help  q Quit
        """)
    }

    /// help generated from the key table, the current screen's keys first
    @Test func help() {
        #expect(snapshot(Scene.help(), 120, 40) == """
         Help — keys                                                                                                ada · ADMIN

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
           f         Cycle filters: all / VIP / checked in / not checked in / not attending
           t         Next ticket types in the stat cards (from the first again after the last)
           S         Full resync now (ignored while one runs)
           s         The scanning line: everything typed is a code, verdicts full width
           Esc       Back to the dashboard
           D         Dismiss the list of people another desk checked in first (after an outage)
           w         Register a walk-in (name, email, company, ticket): checked in and printed at once

         Everywhere
           ?         This help
           q         Quit (asks first while an import or resync runs)
           L         Station mode: staff actions only (leaving asks for an admin PIN)

         Dashboard
           ↑/k       Previous event
           ↓/j       Next event
           Enter     Open the event (import progress while PENDING)
           i         Import an event from a provider  (admin)
           I         Connect Eventbrite or Luma  (admin)

         ↓ more below — ↓/j, PgDn, End scroll

         Esc Close                                                                                                       q Quit
        """)
    }

    /// quitting while an import runs asks y/n
    @Test func quit() {
        #expect(snapshot(Scene.confirmQuit(), 120, 40) == """
         Import — Swift Meetup · Luma                                                                               ada · ADMIN

          ◐ Importing…

          ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 30%

          Pages       12 / 40
          Attendees   6 000 / 20 000
          Rate        200 attendees/s
          Elapsed     00:30
          ETA         01:10

          The event view opens by itself when the import finishes.
        ⋯ 5 blank rows
                                         ┌ Quit? ────────────────────────────────────────────┐
                                         │  A job is running (import or sync). Quit anyway?  │
                                         │  [y] Quit   [n] Stay                              │
                                         └───────────────────────────────────────────────────┘
        ⋯ 17 blank rows
         y Quit  n Stay
        """)
    }
}
