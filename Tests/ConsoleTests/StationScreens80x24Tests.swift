import Testing
import Foundation
import ScreenKit
@testable import Console

/// The login screen, the station-mode event view and the admin-PIN prompt at 80×24
/// (runs of blank rows are written `⋯ N blank rows`; see `snapshot`).
@Suite struct StationScreens80x24Tests {
    /// the login screen: name preselected by --operator, PIN masked with •, the members to pick from
    @Test func login() {
        #expect(StationScenes.snapshot("login", 80, 24) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   •••▏
        ⋯ 3 blank rows
          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 10 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// after two wrong PINs: the field is cleared and the tries left are said
    @Test func loginWrong() {
        #expect(StationScenes.snapshot("loginWrong", 80, 24) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   ▏

          ▲ Wrong PIN — 3 tries left before a 1-minute lock

          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 10 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// five wrong PINs: locked, with the seconds left (18 s after the lock)
    @Test func loginLocked() {
        #expect(StationScenes.snapshot("loginLocked", 80, 24) == """
         Badge Console — Sign in

          This database has members: sign in with your name and PIN.

          Name  bob
          PIN   locked

          ✖ 5 wrong PINs — locked, try again in 42 s

          Members
          ada       ADMIN
        ▶ bob       STAFF
          carol     ADMIN
        ⋯ 10 blank rows
         Enter Sign in  Tab Name/PIN  ^C Quit
        """)
    }

    /// station mode: STATION MODE leads the header; no R key, "ask an admin to recover"; staff keys only in the footer
    @Test func station() {
        #expect(StationScenes.snapshot("station", 80, 24) == """
         STATION MODE │ Tech S…t 2026  ▲ Sync failed · 12 s ago · API 1 540 / h  [S]ync
        ┌──────────────────────────────────────────────────────────────────────────────┐
        │ ▲ Sync failed: 503 from provider — retrying in 30… · ask an admin to recover │
        └──────────────────────────────────────────────────────────────────────────────┘
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     a•••@example.… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      a•••@example.… Bletchley P… General      Attending
           Grace Hopper     g•••@navy.mil  US Navy      Speaker +1   Attending
           Edsger Dijkstra  e•••@utexas.e… UT Austin    General      ✖ Waitlist
        ⋯ 10 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print        ? Help  q Quit
        """)
    }

    /// leaving station mode asks for an admin PIN (masked)
    @Test func prompt() {
        #expect(StationScenes.snapshot("prompt", 80, 24) == """
         STATION MODE │ Tech Summit 2026…  ● Syncing · 12 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     a•••@example.… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      a•••@example.… Bletchley P… General      Attending
           Grace Hopper     g•••@navy.mil  US Navy      Speaker +1   Attending
           Edsger Dijkstra  e•••@utexas.e… UT Austin    General      ✖ Waitlist

                ┌ Leave station mode ──────────────────────────────────────────┐
                │  Any admin's PIN leaves station mode.                        │
                │  Admin PIN: ••••▏                                            │
                │  Enter checks the PIN, Esc cancels.                          │
                └──────────────────────────────────────────────────────────────┘
        ⋯ 7 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }

    /// the prompt locked after five wrong PINs, with the seconds left
    @Test func promptLocked() {
        #expect(StationScenes.snapshot("promptLocked", 80, 24) == """
         STATION MODE │ Tech Summit 2026…  ● Syncing · 13 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     a•••@example.… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      a•••@example.… Bletchley P… General      Attending
           Grace Hopper     g•••@navy.mil  US Navy      Speaker +1   Attending
           Edsger Dijkstra  e•••@utexas.e… UT Austin    General      ✖ Waitlist

                ┌ Leave station mode ──────────────────────────────────────────┐
                │  Any admin's PIN leaves station mode.                        │
                │  Admin PIN: locked                                           │
                │  ✖ 5 wrong PINs — locked, try again in 59 s                  │
                └──────────────────────────────────────────────────────────────┘
        ⋯ 7 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }

    /// with no members defined, leaving needs no PIN and the prompt says so
    @Test func promptNoMembers() {
        #expect(StationScenes.snapshot("promptNoMembers", 80, 24) == """
         STATION MODE │ Tech Summit 2026…  ● Syncing · 12 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     a•••@example.… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      a•••@example.… Bletchley P… General      Attending
           Grace Hopper     g•••@navy.mil  US Navy      Speaker +1   Attending
           Edsger Dijkstra  e•••@utexas.e… UT Austin    General      ✖ Waitlist

                ┌ Leave station mode ──────────────────────────────────────────┐
                │  No members are defined, so no PIN is needed.                │
                │  Enter confirms, Esc stays.                                  │
                │                                                              │
                └──────────────────────────────────────────────────────────────┘
        ⋯ 7 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Unlock  Esc Cancel
        """)
    }
}
