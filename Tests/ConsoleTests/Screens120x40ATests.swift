import Testing
import Foundation
import ScreenKit
@testable import Console

/// Every screen and alert rendered at 120×40, compared with its literal text
/// (runs of blank rows are written `⋯ N blank rows`; see `snapshot`).
@Suite struct Screens120x40ATests {
    /// events with provider, status indicator, attendees, checked in
    @Test func dashboard() {
        #expect(snapshot(F.dashboard(), 120, 40) == """
         Badge Console — Events                                                                                     ada · ADMIN

          Event                                                        Date   Provider   Status          Attendees    Checked in
        ▶ Tech Summit 2026                                             3 Dec  Eventbrite ● Syncing         100 000  41 230 (41%)
          Swift Meetup                                                 —      Luma       ▲ Import failed         —             —
        ⋯ 34 blank rows
         Enter Open  i Import  I Integrations                                                                    ? Help  q Quit
        """)
    }

    /// Import Event dialog, step 1: pick a connected integration
    @Test func importChoose() {
        #expect(snapshot(Scene.importChoose(), 120, 40) == """
         Import Event                                                                                               ada · ADMIN

          Choose an integration:

        ▶ Eventbrite  Ada Lovelace <ada@example.com>
          Luma        Ada Lovelace <ada@example.com>
        ⋯ 33 blank rows
         Enter Select  Esc Back                                                                                  ? Help  q Quit
        """)
    }

    /// Import Event dialog, step 2: the provider's events; the imported one is marked
    @Test func importList() {
        #expect(snapshot(Scene.importList(), 120, 40) == """
         Import Event                                                                                               ada · ADMIN

          Eventbrite events:
          Event                                                                           Date             Capacity
          Tech Summit 2026                                                                2026-12-03        100 000  ✓ Imported
        ▶ Winter Party                                                                    2026-12-23             80
        ⋯ 33 blank rows
         Enter Select  Esc Back                                                                                  ? Help  q Quit
        """)
    }

    /// providers with status, account label and redacted credential
    @Test func integrations() {
        #expect(snapshot(Scene.integrations(), 120, 40) == """
         Integrations                                                                                               ada · ADMIN

          Provider    Status          Account                                                                       Credential
        ▶ Eventbrite  ● CONNECTED     Ada Lovelace <ada@example.com>                                                ••••3f9a
          Luma        ○ not connected
        ⋯ 34 blank rows
         Enter/c Connect  Esc Back                                                                               ? Help  q Quit
        """)
    }

    /// the masked credential field shows one • per character
    @Test func token() {
        #expect(snapshot(Scene.integrations(typing: "lu-key-123"), 120, 40) == """
         Integrations                                                                                               ada · ADMIN

          Provider    Status          Account                                                                       Credential
          Eventbrite  ● CONNECTED     Ada Lovelace <ada@example.com>                                                ••••3f9a
        ▶ Luma        ○ not connected
        ⋯ 2 blank rows
          ┌ Connect Luma ──────────────────────────────────────────────────────┐
          │ Luma API key: ••••••••••▏                                          │
          │ Input is hidden. Enter connects, Esc cancels.                      │
          └────────────────────────────────────────────────────────────────────┘
        ⋯ 28 blank rows
         Enter Connect  Esc Cancel
        """)
    }

    /// live import progress: bar, pages, attendees, rate, elapsed, ETA
    @Test func importing() {
        #expect(snapshot(Scene.importing(), 120, 40) == """
         Import — Swift Meetup · Luma                                                                               ada · ADMIN

          ◐ Importing…

          ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 30%

          Pages       12 / 40
          Attendees   6 000 / 20 000
          Rate        200 attendees/s
          Elapsed     00:30
          ETA         01:10

          The event view opens by itself when the import finishes.
        ⋯ 26 blank rows
         Esc Back                                                                                                ? Help  q Quit
        """)
    }

    /// Import failed alert with its one-key recovery
    @Test func importFailed() {
        #expect(snapshot(Scene.importing(failed: "timed out after 3 retries"), 120, 40) == """
         Import — Swift Meetup · Luma                                                                               ada · ADMIN
        ┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
        │ ▲ Import failed: timed out after 3 retries · [R] Retry import                                                        │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘

          ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 30%

          Pages       12 / 40
          Attendees   6 000 / 20 000
          Rate        207 attendees/s
          Elapsed     00:29
          ETA         —
        ⋯ 26 blank rows
         ✖ Import failed: timed out after 3 retries
         R Retry  Esc Back                                                                                       ? Help  q Quit
        """)
    }

    /// event view: header, stat cards, table with the selection marked ▶
    @Test func event() {
        #expect(snapshot(Scene.eventView(), 120, 40) == """
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
}
