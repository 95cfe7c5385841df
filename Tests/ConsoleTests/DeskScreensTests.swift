import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// SPEC §13 on screen: badge corrections and notes on the card, the note on every scan verdict,
/// the walk-in and correction forms — at 80×24 and 120×40, compared with their literal text.
@Suite struct DeskScreensTests {

    @Test func cardShowsTheCorrectionBesideTheProvidersValueAndTheNoteUnderTheNameAt80x24() {
        #expect(snapshot(DeskScene.card(Size(width: 80, height: 24)), 80, 24) == """
         Attendee — Alan M. Turing                                          ada · ADMIN

          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts

          Name        Alan M. Turing (provider: Alan Turing)
          Email       alan@example.org
          Company     GCHQ (provider: Bletchley Park)
          Job title   —
          Pronouns    he/him
          Ticket      General
          Status      ATTENDING
          Checked in  not checked in
          Barcode     BC2
          Badges      not printed

          [Enter] Check in & print   [p] Print only (not checked in)

          Check-in history
            none
        ⋯ 3 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  ? Help  q Quit
        """)
    }

    @Test func everyVerdictShowsTheNoteUnderTheNameAt80x24() {
        #expect(snapshot(DeskScene.verdict(Size(width: 80, height: 24)), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ● VALID TICKET — NOT CHECKED IN YET
          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts
          General · GCHQ
        ⋯ 2 blank rows
          [Enter] Print badge & check in
        ⋯ 11 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func theWalkInFormSaysWhyItRefusedAt80x24() {
        #expect(snapshot(DeskScene.walkInForm(Size(width: 80, height: 24)), 80, 24) == """
         Tech Summit 2026 · Eventbrite     ● Syncing · 12 s ago · API 1 540 / h  [S]ync
         Total 100 000 │ Checked in 41 230/98 796 (41%) │ Not attending 1 204 │ VIP 12
         Arrivals ▁▁▁▁▁▁▁▁▁▄▁▁█▁▁▅ last 80 min │ General 40 000/90 000 · +2 more (t)
           Name             Email          Company      Ticket       Status       In
        ▶★ Ada Lovelace     ada@example.c… Analytical … VIP          ✔ Checked in 09:12
           Alan Turing      alan@example.… Bletchley P… General      Attending
           Grace Hopper     grace@navy.mil US Navy      Speaker +1   Attending
          ┌ Walk-in ─────────────────────────────────────────────────────────────────┐
          │  Name*      Kim Lee                                                      │
          │  Email      kim at example▏                                              │
          │  Company                                                                 │
          │  Ticket     ◀ General ▶                                                  │
          │                                                                          │
          │  ⚠ 'kim at example' is not an email address                              │
          │  Enter save · Tab next field · ←/→ ticket · Esc cancel                   │
          └──────────────────────────────────────────────────────────────────────────┘
        ⋯ 5 blank rows
         Filter: All  / to search                                         rows 1–4 of 4

         Enter Save  Tab/↓ Next  Esc Cancel
        """)
    }

    @Test func theCorrectionFormShowsTheProvidersValuesAt80x24() {
        #expect(snapshot(DeskScene.correctionForm(Size(width: 80, height: 24)), 80, 24) == """
         Attendee — Alan M. Turing                                          ada · ADMIN

          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts

          Name        Alan M. Turing (provider: Alan Turing)
          Email       alan@example.org
          ┌ Correct the badge ───────────────────────────────────────────────────────┐
          │  Name       Alan M. Turing▏               provider: Alan Turing          │
          │  Company    GCHQ                          provider: Bletchley Park       │
          │  Job title                                provider: —                    │
          │  Pronouns   he/him                        desk only                      │
          │                                                                          │
          │  An empty field removes the correction (the provider's value prints).    │
          │  Enter save · Tab next field · Esc cancel                                │
          └──────────────────────────────────────────────────────────────────────────┘
          [Enter] Check in & print   [p] Print only (not checked in)

          Check-in history
            none
        ⋯ 3 blank rows
         Enter Save  Tab/↓ Next  Esc Cancel
        """)
    }

    @Test func cardShowsTheCorrectionBesideTheProvidersValueAndTheNoteUnderTheNameAt120x40() {
        #expect(snapshot(DeskScene.card(Size(width: 120, height: 40)), 120, 40) == """
         Attendee — Alan M. Turing                                                                                  ada · ADMIN

          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts

          Name        Alan M. Turing (provider: Alan Turing)
          Email       alan@example.org
          Company     GCHQ (provider: Bletchley Park)
          Job title   —
          Pronouns    he/him
          Ticket      General
          Status      ATTENDING
          Checked in  not checked in
          Barcode     BC2
          Badges      not printed

          [Enter] Check in & print   [p] Print only (not checked in)

          Check-in history
            none
        ⋯ 19 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  e Correct  n Note                       ? Help  q Quit
        """)
    }

    @Test func everyVerdictShowsTheNoteUnderTheNameAt120x40() {
        #expect(snapshot(DeskScene.verdict(Size(width: 120, height: 40)), 120, 40) == """
         Scan mode — Tech Summit 2026                                                                            STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter
        ⋯ 2 blank rows
          ● VALID TICKET — NOT CHECKED IN YET

          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts
          General · GCHQ
        ⋯ 2 blank rows
          [Enter] Print badge & check in
        ⋯ 25 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func theWalkInFormSaysWhyItRefusedAt120x40() {
        #expect(snapshot(DeskScene.walkInForm(Size(width: 120, height: 40)), 120, 40) == """
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
        ⋯ 2 blank rows
                              ┌ Walk-in ─────────────────────────────────────────────────────────────────┐
                              │  Name*      Kim Lee                                                      │
                              │  Email      kim at example▏                                              │
                              │  Company                                                                 │
                              │  Ticket     ◀ General ▶                                                  │
                              │                                                                          │
                              │  ⚠ 'kim at example' is not an email address                              │
                              │  Enter save · Tab next field · ←/→ ticket · Esc cancel                   │
                              └──────────────────────────────────────────────────────────────────────────┘
        ⋯ 13 blank rows
         Filter: All  / to search                                                                                 rows 1–4 of 4

         Enter Save  Tab/↓ Next  Esc Cancel
        """)
    }

    @Test func theTableShowsTheCorrectedNameAndCompany() {
        let text = F.text(DeskScene.card(Size(width: 120, height: 40)).with { $0.screen = .eventView(eventId: 1) })
        #expect(text.contains("Alan M. Turing"))
        #expect(text.contains("GCHQ"))
        #expect(!text.contains("Bletchley Park"))
    }

    @Test func notesAndCorrectionsFromOperatorsAreSanitisedBeforeDrawing() {
        var a = DeskScene.corrected
        a.notes = "line one\u{1B}[2Jline two\u{7}"
        a.corrections.name = "Eve\u{202E}lin"
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.enter), now: F.now)
        _ = update(&s, .cardLoaded(a, history: [], prints: []), now: F.now)
        let text = F.text(s)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}") && !text.contains("\u{202E}"))
        #expect(text.contains("✎ NOTE: line one"))
        var scan = F.eventView()
        _ = update(&scan, .key(.char("s")), now: F.now)
        scan.scan?.verdict = .alreadyCheckedIn(a, nil)
        let verdict = F.text(scan)
        #expect(verdict.contains("✎ NOTE: line one") && !verdict.contains("\u{1B}"))
    }

    @Test func aLongNoteWrapsToTwoLinesOnTheCard() {
        var a = DeskScene.corrected
        a.notes = String(repeating: "very long note ", count: 12) + "END"
        var s = DeskScene.card(Size(width: 80, height: 24))
        _ = update(&s, .cardLoaded(a, history: [], prints: []), now: F.now)
        let lines = F.text(s).split(separator: "\n").map(String.init)
        let i = try! #require(lines.firstIndex { $0.contains("✎ NOTE: very long note") })
        #expect(DisplayWidth.of(lines[i]) <= 78)
        #expect(lines[i + 1].hasPrefix("          ") && lines[i + 1].contains("long note"))
        #expect(lines[i + 1].hasSuffix("…"), "the rest is cut, not spilled over the fields")
    }

    /// A registered walk-in: their card opens, the check-in is asked for, the badge prints once
    /// the check-in is durable (as the card's "Print badge & check in").
    @Test func aRegisteredWalkInIsCheckedInThenPrinted() {
        var s = F.eventView()
        _ = update(&s, .key(.char("w")), now: F.now)
        for c in "Kim Lee" { _ = update(&s, .key(.char(c)), now: F.now) }
        let submitted = update(&s, .key(.enter), now: F.now)
        #expect(submitted == [.addWalkIn(eventId: 1, WalkIn(name: "Kim Lee", ticketName: "General"))])
        let row = WalkIn(name: "Kim Lee", ticketName: "General").row(eventId: 1, id: "k1").with { $0.id = 99 }
        let effects = update(&s, .walkInRegistered(row), now: F.now)
        #expect(effects == [.checkIn(attendeeId: 99, .checkIn), .loadCard(attendeeId: 99)])
        #expect(s.screen == .attendeeCard(attendeeId: 99))
        #expect(s.printAfterCheckIn == [99])
        let checked = row.with { $0.checkedInAt = F.now; $0.checkInSource = .local }
        let record = CheckInRecord(attendeeId: 99, at: F.now, action: .checkIn, operatorName: "ada", station: "desk-1")
        let after = update(&s, .checkInRecorded(attendeeId: 99, .recorded(checked, record)), now: F.now)
        #expect(after.contains(.printBadge(attendeeId: 99)))
        #expect(F.text(s).contains("Kim Lee  · walk-in"))
    }

    /// A burst ended by Tab or Enter (a paste, a fast typist, a scanner) fills the field and moves
    /// on; it never saves the form, never searches, never looks a code up.
    @Test func aBurstInTheFormTypesIntoTheFieldAndMovesOn() {
        var s = F.eventView()
        _ = update(&s, .key(.char("w")), now: F.now)
        #expect(update(&s, .scanned("Wanda Walkin"), now: F.now) == [])
        #expect(update(&s, .typed("wanda@"), now: F.now) == [])
        #expect(update(&s, .scanned("example.net"), now: F.now) == [])
        #expect(s.form?.fields.map(\.value) == ["Wanda Walkin", "wanda@example.net", "", "General"])
        #expect(s.form?.focus == 2)
        #expect(s.screen == .eventView(eventId: 1) && s.scan == nil && s.eventView?.search == "")
    }

    @Test func savingACorrectionOrNoteSendsItAndShowsTheStoredRow() {
        var s = DeskScene.card(Size(width: 80, height: 24))
        _ = update(&s, .key(.char("e")), now: F.now)
        _ = update(&s, .key(.ctrl("u")), now: F.now)  // clear the name correction
        let effects = update(&s, .key(.enter), now: F.now)
        #expect(effects == [.setCorrections(attendeeId: 2, BadgeCorrections(company: "GCHQ", pronouns: "he/him"))])
        _ = update(&s, .key(.char("n")), now: F.now)
        for _ in 0..<80 { _ = update(&s, .key(.backspace), now: F.now) }
        for c in "Gate B" { _ = update(&s, .key(.char(c)), now: F.now) }
        #expect(update(&s, .key(.enter), now: F.now) == [.setNote(attendeeId: 2, "Gate B")])
        let stored = DeskScene.corrected.with { $0.notes = "Gate B"; $0.corrections.name = nil }
        _ = update(&s, .attendeeEdited(stored), now: F.now)
        #expect(s.card?.attendee == stored)
        #expect(F.text(s).contains("✎ NOTE: Gate B"))
    }
}

extension AppState {
    func with(_ change: (inout AppState) -> Void) -> AppState {
        var copy = self
        change(&copy)
        return copy
    }
}

extension Attendee {
    func with(_ change: (inout Attendee) -> Void) -> Attendee {
        var copy = self
        change(&copy)
        return copy
    }
}
