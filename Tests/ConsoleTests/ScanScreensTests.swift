import Testing
import Foundation
import ScreenKit
@testable import Console

/// Every scan verdict (SPEC §10) at 80×24, compared with its literal text.
@Suite struct ScanScreens80x24Tests {
    let size = Size(width: 80, height: 24)

    @Test func ready() {
        #expect(snapshot(ScanScene.state("ready", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ● VALID TICKET — NOT CHECKED IN YET
          Alan Turing
          General · Bletchley Park
        ⋯ 3 blank rows
          [Enter] Print badge & check in

          Before
            · Grace Hopper — not checked in
        ⋯ 8 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func checkedIn() {
        #expect(snapshot(ScanScene.state("checkedIn", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                     EXPRESS · ada

          Scan: ▏
          express: a valid scan checks in and prints at once

          ✔ CHECKED IN
          Alan Turing
          General · Bletchley Park
          Checked in 09:30
        ⋯ 2 blank rows
          Printed on Zebra_GK420d

          Before
            · Grace Hopper — not checked in
        ⋯ 7 blank rows
         ✔ Printed on Zebra_GK420d (Default)
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func alreadyCheckedIn() {
        #expect(snapshot(ScanScene.state("alreadyCheckedIn", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ⚠ ALREADY CHECKED IN
          Ada Lovelace  ★ VIP
          VIP · Analytical Engines
          First checked in 2 Dec 08:30 by bob at Door B
        ⋯ 2 blank rows
          [Enter] Reprint badge

          Before
            · Grace Hopper — not checked in
        ⋯ 8 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func notAttending() {
        #expect(snapshot(ScanScene.state("notAttending", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ✖ NOT ATTENDING
          Edsger Dijkstra
          General · UT Austin
          Status: waitlist — Enter twice forces the check-in
        ⋯ 2 blank rows
          [Enter] Force check in (asks to confirm)

          Before
            · Grace Hopper — not checked in
        ⋯ 8 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func unknownCode() {
        #expect(snapshot(ScanScene.state("unknownCode", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ✖ UNKNOWN CODE
          Code https://lu.ma/check-in/evt-zz?pk=g-nobody is not a ticket of Tech Summ…
        ⋯ 5 blank rows
          Before
            · Grace Hopper — not checked in
        ⋯ 9 blank rows
         Enter Submit / do it  F2 Express/standard  F1 Help  Esc Table
        """)
    }

    @Test func otherEvent() {
        #expect(snapshot(ScanScene.state("otherEvent", size: size), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ✖ OTHER EVENT
          Code BC77 belongs to: Swift Meetup
          Not valid for Tech Summit 2026
        ⋯ 4 blank rows
          Before
            · Grace Hopper — not checked in
        ⋯ 9 blank rows
         Enter Submit / do it  F2 Express/standard  F1 Help  Esc Table
        """)
    }

    /// The band carries the verdict's role (colour in themes, reverse in mono) across the width.
    @Test func verdictBandsUseTheirRoleFullWidth() {
        let expected: [String: Role] = ["ready": .verdictOK, "checkedIn": .verdictOK, "alreadyCheckedIn": .verdictWarn,
                                        "notAttending": .verdictError, "unknownCode": .verdictError, "otherEvent": .verdictError]
        for (name, role) in expected {
            let buf = render(ScanScene.state(name, size: size), size: size, now: F.now)
            #expect((0..<80).allSatisfy { buf[$0, 5].role == role }, "\(name)")
        }
    }
}

/// Every scan verdict at 120×40.
@Suite struct ScanScreens120x40Tests {
    let size = Size(width: 120, height: 40)

    @Test func ready() {
        #expect(snapshot(ScanScene.state("ready", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ● VALID TICKET — NOT CHECKED IN YET

          Alan Turing
          General · Bletchley Park
        ⋯ 3 blank rows
          [Enter] Print badge & check in

          Before
            · Grace Hopper — not checked in
        ⋯ 22 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func checkedIn() {
        #expect(snapshot(ScanScene.state("checkedIn", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                             EXPRESS · ada

          Scan: ▏
          express: a valid scan checks in and prints at once
        ⋯ 2 blank rows
          ✔ CHECKED IN

          Alan Turing
          General · Bletchley Park
          Checked in 09:30
        ⋯ 2 blank rows
          Printed on Zebra_GK420d

          Before
            · Grace Hopper — not checked in
        ⋯ 21 blank rows
         ✔ Printed on Zebra_GK420d (Default)
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func alreadyCheckedIn() {
        #expect(snapshot(ScanScene.state("alreadyCheckedIn", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ⚠ ALREADY CHECKED IN

          Ada Lovelace  ★ VIP
          VIP · Analytical Engines
          First checked in 2 Dec 08:30 by bob at Door B
        ⋯ 2 blank rows
          [Enter] Reprint badge

          Before
            · Grace Hopper — not checked in
        ⋯ 22 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func notAttending() {
        #expect(snapshot(ScanScene.state("notAttending", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ✖ NOT ATTENDING

          Edsger Dijkstra
          General · UT Austin
          Status: waitlist — Enter twice forces the check-in
        ⋯ 2 blank rows
          [Enter] Force check in (asks to confirm)

          Before
            · Grace Hopper — not checked in
        ⋯ 22 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func unknownCode() {
        #expect(snapshot(ScanScene.state("unknownCode", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ✖ UNKNOWN CODE

          Code https://lu.ma/check-in/evt-zz?pk=g-nobody is not a ticket of Tech Summit 2026
        ⋯ 5 blank rows
          Before
            · Grace Hopper — not checked in
        ⋯ 23 blank rows
         Enter Submit / do it  F2 Express/standard  F1 Help  Esc Table
        """)
    }

    @Test func otherEvent() {
        #expect(snapshot(ScanScene.state("otherEvent", size: size), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ✖ OTHER EVENT

          Code BC77 belongs to: Swift Meetup
          Not valid for Tech Summit 2026
        ⋯ 4 blank rows
          Before
            · Grace Hopper — not checked in
        ⋯ 23 blank rows
         Enter Submit / do it  F2 Express/standard  F1 Help  Esc Table
        """)
    }
}
