import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The kiosk's screens (SPEC §13) at 80×24 and 120×40, compared with their literal text.
enum KioskScene {
    static func state(_ name: String, size: Size) -> AppState {
        switch name {
        case "welcome": return K.kiosk(size: size)
        case "form": return K.typed("Lovelace", "ada@exa", size: size)
        case "confirm": return K.confirm(size: size)
        case "done":
            var s = K.confirm(size: size)
            _ = update(&s, .key(.enter), now: F.now)
            var inNow = K.ada
            inNow.checkedInAt = F.now
            _ = update(&s, .checkInRecorded(attendeeId: 1, .recorded(inNow, CheckInRecord(
                attendeeId: 1, at: F.now, action: .checkIn, operatorName: "kiosk", station: "kiosk"))), now: F.now)
            _ = update(&s, .printed(attendeeId: 1, template: "Default",
                                    delivery: PrintDelivery(.printer(queue: "Zebra_GK420d"))), now: F.now)
            return s
        case "askAtDesk":
            var s = K.kiosk(size: size)
            _ = update(&s, .scanned("BC1"), now: F.now)
            _ = update(&s, .scanLookedUp(code: "BC1", .unknown), now: F.now)
            return s
        default:  // "pin": q on the welcome screen
            var s = K.kiosk(size: size)
            _ = update(&s, .key(.char("q")), now: F.now)
            return s
        }
    }
}

@Suite struct KioskScreens80x24Tests {
    @Test func welcome() {
        #expect(snapshot(KioskScene.state("welcome", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 3 blank rows
                                  Welcome to Tech Summit 2026
        ⋯ 2 blank rows
                           Scan the barcode or QR code on your ticket

                                             — or —

                  press Enter to find your registration by last name and email
        ⋯ 9 blank rows
               Your details are shown only to you, and cleared when you are done.

         Enter Find me by last name and email  q Staff: close
        """)
    }

    @Test func form() {
        #expect(snapshot(KioskScene.state("form", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 3 blank rows
                                     Find your registration
        ⋯ 2 blank rows
                  Last name   Lovelace

                  Email       ada@exa▏
        ⋯ 2 blank rows
                               Both must match your registration.
                        Tab: next field · Enter: find · Esc: start over
        ⋯ 7 blank rows
                              Starting over in 20 s without a key

         Enter Next / find  Tab Other field  Esc Start over
        """)
    }

    @Test func confirm() {
        #expect(snapshot(KioskScene.state("confirm", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 3 blank rows
                                          Is this you?

                  ┌──────────────────────────────────────────────────────────┐
                  │ Ada Lovelace                                             │
                  │ Ticket    VIP                                            │
                  │ Company   Analytical Engines                             │
                  │ Email     a•••@example.com                               │
                  └──────────────────────────────────────────────────────────┘

                               [Enter] Print my badge & check in

                                   [Esc] Not me — start over
        ⋯ 5 blank rows
                              Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func done() {
        #expect(snapshot(KioskScene.state("done", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 4 blank rows
                              ✔ You are checked in — welcome, Ada!
        ⋯ 2 blank rows
                  ┌──────────────────────────────────────────────────────────┐
                  │ Ada Lovelace                                             │
                  │ Ticket    VIP                                            │
                  │ Company   Analytical Engines                             │
                  │ Email     a•••@example.com                               │
                  └──────────────────────────────────────────────────────────┘

                                    Printed on Zebra_GK420d
        ⋯ 5 blank rows
                              Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func askAtDesk() {
        #expect(snapshot(KioskScene.state("askAtDesk", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 4 blank rows
                             ▲ We could not find your registration
        ⋯ 3 blank rows
                       Please ask at the desk — our staff will help you.
        ⋯ 2 blank rows
                                       [Enter] Start over
        ⋯ 8 blank rows
                              Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func pin() {
        #expect(snapshot(KioskScene.state("pin", size: Size(width: 80, height: 24)), 80, 24) == """
         Self check-in — Tech Summit 2026                                         KIOSK
        ⋯ 3 blank rows
                                  Welcome to Tech Summit 2026
        ⋯ 2 blank rows
                           Scan the barcode or QR code on your ticket

                ┌ Close the kiosk ─────────────────────────────────────────────┐
                │  Staff only: any admin's PIN closes the kiosk.               │
                │  Admin PIN: ▏                                                │
                │  Enter checks the PIN, Esc cancels.                          │
                └──────────────────────────────────────────────────────────────┘
        ⋯ 7 blank rows
               Your details are shown only to you, and cleared when you are done.

         Enter Unlock  Esc Cancel
        """)
    }
}

@Suite struct KioskScreens120x40Tests {
    @Test func welcome() {
        #expect(snapshot(KioskScene.state("welcome", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 11 blank rows
                                                      Welcome to Tech Summit 2026
        ⋯ 2 blank rows
                                               Scan the barcode or QR code on your ticket

                                                                 — or —

                                      press Enter to find your registration by last name and email
        ⋯ 17 blank rows
                                   Your details are shown only to you, and cleared when you are done.

         Enter Find me by last name and email  q Staff: close
        """)
    }

    @Test func form() {
        #expect(snapshot(KioskScene.state("form", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 11 blank rows
                                                         Find your registration
        ⋯ 2 blank rows
                                      Last name   Lovelace

                                      Email       ada@exa▏
        ⋯ 2 blank rows
                                                   Both must match your registration.
                                            Tab: next field · Enter: find · Esc: start over
        ⋯ 15 blank rows
                                                  Starting over in 20 s without a key

         Enter Next / find  Tab Other field  Esc Start over
        """)
    }

    @Test func confirm() {
        #expect(snapshot(KioskScene.state("confirm", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 11 blank rows
                                                              Is this you?

                                      ┌──────────────────────────────────────────────────────────┐
                                      │ Ada Lovelace                                             │
                                      │ Ticket    VIP                                            │
                                      │ Company   Analytical Engines                             │
                                      │ Email     a•••@example.com                               │
                                      └──────────────────────────────────────────────────────────┘

                                                   [Enter] Print my badge & check in

                                                       [Esc] Not me — start over
        ⋯ 13 blank rows
                                                  Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func done() {
        #expect(snapshot(KioskScene.state("done", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 12 blank rows
                                                  ✔ You are checked in — welcome, Ada!
        ⋯ 2 blank rows
                                      ┌──────────────────────────────────────────────────────────┐
                                      │ Ada Lovelace                                             │
                                      │ Ticket    VIP                                            │
                                      │ Company   Analytical Engines                             │
                                      │ Email     a•••@example.com                               │
                                      └──────────────────────────────────────────────────────────┘

                                                        Printed on Zebra_GK420d
        ⋯ 13 blank rows
                                                  Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func askAtDesk() {
        #expect(snapshot(KioskScene.state("askAtDesk", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 12 blank rows
                                                 ▲ We could not find your registration
        ⋯ 3 blank rows
                                           Please ask at the desk — our staff will help you.
        ⋯ 2 blank rows
                                                           [Enter] Start over
        ⋯ 16 blank rows
                                                  Starting over in 20 s without a key

         Enter OK  Esc Start over
        """)
    }

    @Test func pin() {
        #expect(snapshot(KioskScene.state("pin", size: Size(width: 120, height: 40)), 120, 40) == """
         Self check-in — Tech Summit 2026                                                                                 KIOSK
        ⋯ 11 blank rows
                                                      Welcome to Tech Summit 2026
        ⋯ 2 blank rows
                                               Scan the barcode or QR code on your ticket

                                    ┌ Close the kiosk ─────────────────────────────────────────────┐
                                    │  Staff only: any admin's PIN closes the kiosk.               │
                                    │  Admin PIN: ▏                                                │
                                    │  Enter checks the PIN, Esc cancels.                          │
                                    └──────────────────────────────────────────────────────────────┘
        ⋯ 15 blank rows
                                   Your details are shown only to you, and cleared when you are done.

         Enter Unlock  Esc Cancel
        """)
    }
}
