import Testing
import Foundation
import ScreenKit
@testable import Console

/// Snapshots of the reconnect offer and the purged event view (issue #17) at 80×24 and 120×40.
@Suite struct RoughEdgeScreensTests {
    @Test func offer80x24() {
        #expect(snapshot(RO.connected(size: Size(width: 80, height: 24)), 80, 24) == """
         Integrations                                                       ada · ADMIN

          Provider    Status          Account                               Credential
        ▶ Eventbrite  ● CONNECTED     Ada Lovelace <ada@example.com>        ••••3f9a
          Luma        ○ not connected
        ⋯ 2 blank rows
          ┌ Reconnect ───────────────────────────────────────────────────────────────┐
          │ Eventbrite is connected. Reconnect its 2 disconnected events?            │
          │ ✖ Tech Summit — Day 1                                                    │
          │ ✖ Tech Summit — Day 2                                                    │
          │ [Enter] Reconnect all (VIP, check-ins kept)   [Esc] Not now              │
          └──────────────────────────────────────────────────────────────────────────┘
        ⋯ 9 blank rows
         ✔ Eventbrite connected as Ada Lovelace <ada@example.com>
         Enter Reconnect all  Esc Not now                                ? Help  q Quit
        """)
    }

    @Test func offer120x40() {
        #expect(snapshot(RO.connected(size: Size(width: 120, height: 40)), 120, 40) == """
         Integrations                                                                                               ada · ADMIN

          Provider    Status          Account                                                                       Credential
        ▶ Eventbrite  ● CONNECTED     Ada Lovelace <ada@example.com>                                                ••••3f9a
          Luma        ○ not connected
        ⋯ 2 blank rows
          ┌ Reconnect ───────────────────────────────────────────────────────────────┐
          │ Eventbrite is connected. Reconnect its 2 disconnected events?            │
          │ ✖ Tech Summit — Day 1                                                    │
          │ ✖ Tech Summit — Day 2                                                    │
          │ [Enter] Reconnect all (VIP, check-ins kept)   [Esc] Not now              │
          └──────────────────────────────────────────────────────────────────────────┘
        ⋯ 25 blank rows
         ✔ Eventbrite connected as Ada Lovelace <ada@example.com>
         Enter Reconnect all  Esc Not now                                                                        ? Help  q Quit
        """)
    }

    @Test func purged80x24() {
        #expect(snapshot(PurgedScene.eventView(size: Size(width: 80, height: 24)), 80, 24) == """
         Tech Summit 2026 · Eventbrite                            ⊘ Purged · 12 s ago
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
        ┌──────────────────────────────────────────────────────────────────────────────┐
        │ ⊘ PURGED 2026-12-03 09:20 — personal data erased                             │
        │ Names, emails, companies, barcodes, notes are gone; the statistics stay.     │
        │ No more syncing, nothing to check in. The purge export has the list.         │
        └──────────────────────────────────────────────────────────────────────────────┘
        ⋯ 15 blank rows
         / Search  f Filter  s Scan mode  Esc Back                       ? Help  q Quit
        """)
    }

    @Test func purged120x40() {
        #expect(snapshot(PurgedScene.eventView(size: Size(width: 120, height: 40)), 120, 40) == """
         Tech Summit 2026 · Eventbrite                                                             ⊘ Purged · synced 12 s ago
        ┌─────────────────┐┌────────────────────┐┌───────────────┐┌─────────┐┌ Ticket types ───────────────────────────────────┐
        │                 ││                    ││               ││         ││ Arrivals ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ 120 min       │
        │ Total Attendees ││ Checked In         ││ Not Attending ││ VIP     ││ General              ████▓░░░░░   40 000/90 000 │
        │ 100 000         ││ 41 230 / 98 796    ││ 1 204         ││ 12      ││ VIP                  ███████▓░░         230/300 │
        │                 ││ 41% of attending   ││               ││         ││ Speaker              █████░░░░░             1/2 │
        │                 ││                    ││               ││         ││                                                 │
        └─────────────────┘└────────────────────┘└───────────────┘└─────────┘└─────────────────────────────────────────────────┘
        ┌──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
        │ ⊘ PURGED 2026-12-03 09:20 — personal data erased                                                                     │
        │ Names, emails, companies, barcodes, notes are gone; the statistics stay.                                             │
        │ No more syncing, nothing to check in. The purge export has the list.                                                 │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
        ⋯ 26 blank rows
         / Search  f Filter  s Scan mode  Esc Back                                                               ? Help  q Quit
        """)
    }
}
