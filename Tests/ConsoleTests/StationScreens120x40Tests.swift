import Testing
import Foundation
import ScreenKit
@testable import Console

/// The login screen, the station-mode event view and the admin-PIN prompt at 120×40
/// (runs of blank rows are written `⋯ N blank rows`; see `snapshot`).
@Suite struct StationScreens120x40Tests {
    /// the login screen: name preselected by --operator, PIN masked with •, the members to pick from
    @Test func login() {
        #expect(StationScenes.snapshot("login", 120, 40) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   •••▏
        ⋯ 3 blank rows
          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 26 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// after two wrong PINs: the field is cleared and the tries left are said
    @Test func loginWrong() {
        #expect(StationScenes.snapshot("loginWrong", 120, 40) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   ▏

          ▲ Wrong PIN — 3 tries left before a 1-minute lock

          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 26 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// five wrong PINs: locked, with the seconds left (18 s after the lock)
    @Test func loginLocked() {
        #expect(StationScenes.snapshot("loginLocked", 120, 40) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   locked

          ✖ 5 wrong PINs — locked, try again in 42 s

          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 26 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// station mode: STATION MODE leads the header; no R key, "ask an admin to recover"; staff keys only in the footer
    @Test func station() {
        #expect(StationScenes.snapshot("station", 120, 40) == """
         STATION MODE │ Tech Summit 2026 · Eventbrite                   ▲ Sync failed · synced 12 s ago · API 1 540 / h  [S]ync
        ┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
        │ ▲ Sync failed: 503 from provider — retrying in 30 s · ask an admin to recover                                        │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              a•••@example.com             Analytical Engines  VIP                ✔ Checked in     09:12
           Alan Turing               a•••@example.org             Bletchley Park      General            Attending
           Grace Hopper              g•••@navy.mil                US Navy             Speaker +1         Attending
           Edsger Dijkstra           e•••@utexas.edu              UT Austin           General            ✖ Waitlist
        ⋯ 21 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print  f Filter  S Sync  s Scan mode  Esc Back       ? Help  q Quit
        """)
    }

    /// leaving station mode asks for an admin PIN (masked)
    @Test func prompt() {
        #expect(StationScenes.snapshot("prompt", 120, 40) == """
         STATION MODE │ Tech Summit 2026 · Eventbrite                       ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              a•••@example.com             Analytical Engines  VIP                ✔ Checked in     09:12
           Alan Turing               a•••@example.org             Bletchley Park      General            Attending
           Grace Hopper              g•••@navy.mil                US Navy             Speaker +1         Attending
           Edsger Dijkstra           e•••@utexas.edu              UT Austin           General            ✖ Waitlist
        ⋯ 4 blank rows
                                    ┌ Leave station mode ──────────────────────────────────────────┐
                                    │  Any admin's PIN leaves station mode.                        │
                                    │  Admin PIN: ••••▏                                            │
                                    │  Enter checks the PIN, Esc cancels.                          │
                                    └──────────────────────────────────────────────────────────────┘
        ⋯ 15 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }

    /// the prompt locked after five wrong PINs, with the seconds left
    @Test func promptLocked() {
        #expect(StationScenes.snapshot("promptLocked", 120, 40) == """
         STATION MODE │ Tech Summit 2026 · Eventbrite                       ● Syncing · synced 13 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              a•••@example.com             Analytical Engines  VIP                ✔ Checked in     09:12
           Alan Turing               a•••@example.org             Bletchley Park      General            Attending
           Grace Hopper              g•••@navy.mil                US Navy             Speaker +1         Attending
           Edsger Dijkstra           e•••@utexas.edu              UT Austin           General            ✖ Waitlist
        ⋯ 4 blank rows
                                    ┌ Leave station mode ──────────────────────────────────────────┐
                                    │  Any admin's PIN leaves station mode.                        │
                                    │  Admin PIN: locked                                           │
                                    │  ✖ 5 wrong PINs — locked, try again in 59 s                  │
                                    └──────────────────────────────────────────────────────────────┘
        ⋯ 15 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }

    /// with no members defined, leaving needs no PIN and the prompt says so
    @Test func promptNoMembers() {
        #expect(StationScenes.snapshot("promptNoMembers", 120, 40) == """
         STATION MODE │ Tech Summit 2026 · Eventbrite                       ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
           Name                      Email                        Company             Ticket             Status           In
        ▶★ Ada Lovelace              a•••@example.com             Analytical Engines  VIP                ✔ Checked in     09:12
           Alan Turing               a•••@example.org             Bletchley Park      General            Attending
           Grace Hopper              g•••@navy.mil                US Navy             Speaker +1         Attending
           Edsger Dijkstra           e•••@utexas.edu              UT Austin           General            ✖ Waitlist
        ⋯ 4 blank rows
                                    ┌ Leave station mode ──────────────────────────────────────────┐
                                    │  No members are defined, so no PIN is needed.                │
                                    │  Enter confirms, Esc stays.                                  │
                                    │                                                              │
                                    └──────────────────────────────────────────────────────────────┘
        ⋯ 15 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }
}
