import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// At 80×24 (issue #17): statuses are words, not "✖ Not Atten…"; emails keep what tells two
/// people apart.
@Suite struct NarrowCellsTests {
    let now = F.now

    @Test func statusesHaveShortFormsThatFit() {
        #expect(CellText.notAttending("Not Attending", width: 10) == "Not going")
        #expect(CellText.notAttending("Not Attending", width: 14) == "Not attending")
        #expect(CellText.notAttending("not_attending", width: 14) == "Not attending")
        #expect(CellText.notAttending(nil, width: 10) == "Not going")
        #expect(CellText.notAttending("Attending", width: 14) == "Not attending", "a closed ticket is not \"Attending\"")
        #expect(CellText.notAttending("pending_approval", width: 10) == "Pending")
        #expect(CellText.notAttending("pending_approval", width: 16) == "Pending approval")
        #expect(CellText.notAttending("Cancelled", width: 10) == "Cancelled")
        #expect(CellText.notAttending("declined", width: 10) == "Declined")
        #expect(CellText.notAttending("waitlist", width: 10) == "Waitlist")
        #expect(CellText.notAttending("Refunded", width: 10) == "Refunded")
        #expect(CellText.notAttending("transferred", width: 10) == "Transfer")
        #expect(CellText.notAttending("something_quite_unusual", width: 10) == "Something")
        #expect(CellText.notAttending("extraordinarily", width: 10) == "Extraordi…")
    }

    @Test func emailsCutTheDomainFirstAndKeepTheEndOfTheLocalPart() {
        #expect(CellText.email("ada@example.com", width: 20) == "ada@example.com")
        #expect(CellText.email("maria.garcia@acme-corp.com", width: 14) == "maria…rcia@ac…")
        #expect(CellText.email("maria.garcia@globex.com", width: 14) == "maria…rcia@gl…")
        #expect(CellText.email("maria.garcia@ibm.com", width: 14) == "mar…ia@ibm.com")
        #expect(CellText.email("mg@verylongdomain.example", width: 14) == "mg@verylongdo…")
        #expect(CellText.email("maria.garcia@x.io", width: 14) == "mari…rcia@x.io")
        // Same-named people of the simulator: the digits at the end of the local part stay.
        #expect(CellText.email("aarav.reddy184@corp.example", width: 14) == "aarav…y184@co…")
        #expect(CellText.email("aarav.reddy17@mail.example", width: 14) == "aarav…dy17@ma…")
        #expect(CellText.email("aarav.reddy17@mail.example", width: 20) == "aarav.reddy17@mail.…")
        #expect(CellText.email("no-at-sign-here-at-all", width: 14) == "no-at-sign-he…")
        for w in 1...30 {
            #expect(DisplayWidth.of(CellText.email("maria.garcia@globex.com", width: w)) <= w)
        }
    }

    static let namesakes: [Attendee] = [
        F.attendee(1, "Maria Garcia", email: "maria.garcia@acme-corp.com", company: "Acme"),
        F.attendee(2, "Maria Garcia", email: "maria.garcia@globex.com", company: "Acme"),
        F.attendee(3, "Jo Pending", email: "jo@example.com", status: .notAttending, providerStatus: "pending_approval"),
        F.attendee(4, "Al Closed", email: "al@example.com", status: .notAttending, providerStatus: "Not Attending"),
        F.attendee(5, "Cy Cancel", email: "cy@example.com", status: .notAttending, providerStatus: "cancelled"),
    ]

    @Test func theTableAt80x24() {
        let s = F.eventView(rows: Self.namesakes)
        let text = F.text(s)
        #expect(text.contains("maria…rcia@ac…"))
        #expect(text.contains("maria…rcia@gl…"))
        #expect(text.contains("✖ Pending"))
        #expect(text.contains("✖ Not going"))
        #expect(text.contains("✖ Cancelled"))
        #expect(!text.contains("Atten…") && !text.contains("pending_a"))
        #expect(snapshot(s, 80, 24) == """
         Tech Summit 2026 · Eventbrite     ● Syncing · 12 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶  Maria Garcia     maria…rcia@ac… Acme         General      Attending
           Maria Garcia     maria…rcia@gl… Acme         General      Attending
           Jo Pending       jo@example.com              General      ✖ Pending
           Al Closed        al@example.com              General      ✖ Not going
           Cy Cancel        cy@example.com              General      ✖ Cancelled
        ⋯ 12 blank rows
         Filter: All  / to search                                         rows 1–5 of 5

         Enter Card  / Search  c Check in  u Undo  v VIP  p Print        ? Help  q Quit
        """)
    }

    /// Issue #17: "aarav.…@examp…" twice; the digits that tell them apart now stay.
    @Test func sameNamedPeopleDifferingInTheirDigitsStayApartAt80Columns() {
        let rows = [F.attendee(1, "Aarav Reddy", email: "aarav.reddy184@corp.example"),
                    F.attendee(2, "Aarav Reddy", email: "aarav.reddy17@mail.example")]
        let text = F.text(F.eventView(rows: rows))
        #expect(text.contains("aarav…y184@co…"))
        #expect(text.contains("aarav…dy17@ma…"))
    }

    @Test func theCardKeepsTheProvidersRawStatus() {
        var s = F.eventView(rows: Self.namesakes)
        s.eventView!.moveCursor(to: 2)
        _ = update(&s, .key(.enter), now: now)
        #expect(F.text(s).contains("NOT_ATTENDING (pending_approval)"))
    }
}
