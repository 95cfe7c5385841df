import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// SPEC §12 "Preview": the attendee card shows the badge as it will print, drawn by the
/// composition root from the label raster into the box the card asks for.
@Suite struct BadgePreviewCardTests {
    /// What `Printing.TerminalPreview` draws for Alan's 62 × 100 mm label badge in 18 × 16 cells.
    static let picture = [
        "██████████████▀███",
        "██████████████████",
        "     ▄ ▄          ",
        "    ██▄█▄█████    ",
        "    ▀ ▀▀ ▀▀  ▀    ",
        "     █ ▄  █▄▄     ",
        "                  ",
        "                  ",
        "     ▄█▄▄▄▄█▄     ",
        "     ███████▀     ",
        "     ███████      ",
        "     ███████      ",
        "                  ",
        "  ▀▀▀▀▀ ▀▀▀▀▀▀▀▀  ",
        "                  ",
    ]

    static func card(_ size: Size, preview: Bool = true) -> (AppState, [Effect]) {
        var s = DeskScene.card(size)
        let effects = update(&s, .cardLoaded(DeskScene.corrected, history: [], prints: []), now: F.now)
        if preview, let box = BadgePreview.cardBox(for: size) {
            _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: DeskScene.corrected.id, columns: box.columns,
                                                            rows: box.rows, lines: picture, caption: "Label · 62×100 mm")),
                       now: F.now)
        }
        return (s, effects)
    }

    @Test func aLoadedCardAsksForThePreviewInTheBoxItHas() {
        let id = DeskScene.corrected.id
        #expect(Self.card(Size(width: 80, height: 24), preview: false).1 == [.loadBadgePreview(attendeeId: id, columns: 18, rows: 16)])
        #expect(Self.card(Size(width: 120, height: 40), preview: false).1 == [.loadBadgePreview(attendeeId: id, columns: 30, rows: 32)])
        // No room below 80 × 20 (the card then asks for nothing).
        #expect(BadgePreview.cardBox(for: Size(width: 79, height: 30)) == nil)
        #expect(BadgePreview.cardBox(for: Size(width: 100, height: 19)) == nil)
    }

    @Test func aPreviewForSomeoneElseIsIgnoredAndAResizeAsksAgain() {
        var (s, _) = Self.card(Size(width: 80, height: 24), preview: false)
        _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: 4242, columns: 18, rows: 16, lines: ["█"], caption: "")),
                   now: F.now)
        #expect(s.card?.preview == nil)
        (s, _) = Self.card(Size(width: 80, height: 24))
        #expect(s.card?.preview?.lines == Self.picture)
        #expect(update(&s, .resized(Size(width: 80, height: 24)), now: F.now).filter(isPreview).isEmpty)
        #expect(update(&s, .resized(Size(width: 120, height: 40)), now: F.now).filter(isPreview)
                == [.loadBadgePreview(attendeeId: DeskScene.corrected.id, columns: 30, rows: 32)])
        // Reloading the card (a correction saved elsewhere) keeps the picture until the new one comes.
        _ = update(&s, .cardLoaded(DeskScene.corrected, history: [], prints: []), now: F.now)
        #expect(s.card?.preview?.lines == Self.picture)
    }

    func isPreview(_ e: Effect) -> Bool { if case .loadBadgePreview = e { return true } else { return false } }

    @Test func cardWithPreviewAt80x24() {
        #expect(snapshot(Self.card(Size(width: 80, height: 24)).0, 80, 24) == """
         Attendee — Alan M. Turing                                          ada · ADMIN

          Alan M. Turing                                           ┌ Badge ───────────┐
          ✎ NOTE: Speaker — bring to the green room before 10:00;  │██████████████▀███│
                  allergic to nuts                                 │██████████████████│
                                                                   │     ▄ ▄          │
          Name        Alan M. Turing (provider: Alan Turing)       │    ██▄█▄█████    │
          Email       alan@example.org                             │    ▀ ▀▀ ▀▀  ▀    │
          Company     GCHQ (provider: Bletchley Park)              │     █ ▄  █▄▄     │
          Job title   —                                            │                  │
          Pronouns    he/him                                       │                  │
          Ticket      General                                      │     ▄█▄▄▄▄█▄     │
          Status      ATTENDING                                    │     ███████▀     │
          Checked in  not checked in                               │     ███████      │
          Barcode     BC2                                          │     ███████      │
          Badges      not printed                                  │                  │
                                                                   │  ▀▀▀▀▀ ▀▀▀▀▀▀▀▀  │
          [Enter] Check in & print   [p] Print only (not checked … │                  │
                                                                   │Label · 62×100 mm │
          Check-in history                                         └──────────────────┘
            none
        ⋯ 2 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  ? Help  q Quit
        """)
    }

    @Test func cardWithPreviewAt120x40() {
        #expect(snapshot(Self.card(Size(width: 120, height: 40)).0, 120, 40) == """
         Attendee — Alan M. Turing                                                                                  ada · ADMIN

          Alan M. Turing                                                                                   ┌ Badge ───────────┐
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts                         │██████████████▀███│
                                                                                                           │██████████████████│
          Name        Alan M. Turing (provider: Alan Turing)                                               │     ▄ ▄          │
          Email       alan@example.org                                                                     │    ██▄█▄█████    │
          Company     GCHQ (provider: Bletchley Park)                                                      │    ▀ ▀▀ ▀▀  ▀    │
          Job title   —                                                                                    │     █ ▄  █▄▄     │
          Pronouns    he/him                                                                               │                  │
          Ticket      General                                                                              │                  │
          Status      ATTENDING                                                                            │     ▄█▄▄▄▄█▄     │
          Checked in  not checked in                                                                       │     ███████▀     │
          Barcode     BC2                                                                                  │     ███████      │
          Badges      not printed                                                                          │     ███████      │
                                                                                                           │                  │
          [Enter] Check in & print   [p] Print only (not checked in)                                       │  ▀▀▀▀▀ ▀▀▀▀▀▀▀▀  │
                                                                                                           │                  │
          Check-in history                                                                                 │Label · 62×100 mm │
            none                                                                                           └──────────────────┘
        ⋯ 19 blank rows
         Enter Do it  c Check in  u Undo  v VIP  p Print only  Esc Back  e Correct  n Note                       ? Help  q Quit
        """)
    }

    @Test func thePictureIsTextNotColourSoMonoShowsIt() {
        let (s, _) = Self.card(Size(width: 80, height: 24))
        let buf = render(s, size: Size(width: 80, height: 24), now: F.now)
        // Every picture cell is drawn in the plain foreground role: ink is the glyph itself.
        for row in 3..<18 {
            for x in 60..<78 where buf[x, row].grapheme != " " {
                #expect(buf[x, row].role == .normal, "row \(row) col \(x)")
            }
        }
    }

    @Test func untrustedCaptionsAreSanitised() {
        var (s, _) = Self.card(Size(width: 80, height: 24))
        _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: DeskScene.corrected.id, columns: 18, rows: 16,
                                                        lines: Self.picture, caption: "VIP\u{1B}[2J\u{7}")), now: F.now)
        let text = snapshot(s, 80, 24)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
    }
}

/// The scan verdict shows the scanned person's badge too, under the verdict band.
@Suite struct BadgePreviewScanTests {
    static let picture = ["██████████", "  ▄▄▄▄▄   ", "          ", "   ████   ", "   ████   ", "          ", " ▀▀▀▀▀▀▀▀ "]

    static func verdict(_ size: Size, loaded: Bool = true) -> AppState {
        var s = DeskScene.verdict(size)
        if loaded, let box = BadgePreview.scanBox(for: size) {
            _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: DeskScene.corrected.id, columns: box.columns,
                                                            rows: box.rows, lines: picture, caption: "Label")), now: F.now)
        }
        return s
    }

    @Test func verdictWithPreviewAt80x24() {
        #expect(snapshot(Self.verdict(Size(width: 80, height: 24)), 80, 24) == """
         Scan mode — Tech Summit 2026                                    STANDARD · ada

          Scan: ▏
          standard: a valid scan waits for Enter

          ● VALID TICKET — NOT CHECKED IN YET
          Alan M. Turing
          ✎ NOTE: Speaker — bring to the green room before 10:00; allergic to nuts
          General · GCHQ
        ⋯ 2 blank rows
          [Enter] Print badge & check in                                 ┌ Badge ─────┐
                                                                         │ ██████████ │
                                                                         │   ▄▄▄▄▄    │
                                                                         │            │
                                                                         │    ████    │
                                                                         │    ████    │
                                                                         │            │
                                                                         │  ▀▀▀▀▀▀▀▀  │
                                                                         │Label       │
                                                                         └────────────┘
        ⋯ 2 blank rows
         Enter Submit / do it  F2 Express/standard  F4 Print  F1 Help  Esc Table
        """)
    }

    @Test func verdictWithPreviewAt120x40() {
        let size = Size(width: 120, height: 40)
        let rows = render(Self.verdict(size), size: size, now: F.now).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try! #require(rows.firstIndex { $0.contains("┌ Badge ") })
        #expect(top == 13)  // under the 7-row verdict band
        // The frame hugs the picture, one column in from the right edge.
        #expect(rows[top + 1].hasSuffix("│ ██████████ │"))
        #expect(rows[top + 1].count == 119)
    }

    @Test func aNewVerdictForSomeoneElseDropsThePicture() {
        var s = Self.verdict(Size(width: 80, height: 24))
        #expect(s.scan?.preview != nil)
        s.scan?.pendingCode = "BC1"
        let effects = update(&s, .scanLookedUp(code: "BC1", .found(F.rows[0], lastCheckIn: nil)), now: F.now)
        #expect(s.scan?.preview == nil)
        #expect(effects == [.loadBadgePreview(attendeeId: F.rows[0].id, columns: 14, rows: 7)])
        // A late picture of the previous person is not shown on this verdict.
        _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: DeskScene.corrected.id, columns: 14, rows: 7,
                                                        lines: Self.picture, caption: "")), now: F.now)
        #expect(s.scan?.preview == nil)
    }
}

/// The kiosk shows the person their own badge as it will print, beside "Is this you?".
@Suite struct BadgePreviewKioskTests {
    static let picture = BadgePreviewScanTests.picture

    static func confirm(_ size: Size) -> (AppState, [Effect]) {
        var s = K.kiosk(size: size)
        _ = update(&s, .scanned("BC1"), now: F.now)
        let effects = update(&s, .scanLookedUp(code: "BC1", .found(K.ada, lastCheckIn: nil)), now: F.now)
        return (s, effects)
    }

    @Test func confirmAsksForThePreviewWhereThereIsRoom() {
        #expect(Self.confirm(Size(width: 120, height: 40)).1 == [.loadBadgePreview(attendeeId: K.ada.id, columns: 25, rows: 17)])
        #expect(Self.confirm(Size(width: 80, height: 24)).1 == [])  // the card alone at 80 × 24
    }

    @Test func confirmShowsThePreviewBesideTheCardAt120x40AndStartOverDropsIt() {
        var (s, _) = Self.confirm(Size(width: 120, height: 40))
        _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: K.ada.id, columns: 25, rows: 17, lines: Self.picture,
                                                        caption: "Default")), now: F.now)
        let rows = render(s, size: Size(width: 120, height: 40), now: F.now).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try! #require(rows.firstIndex { $0.contains("┌ Badge ") })
        #expect(top == 14)
        #expect(rows[top].contains("Is this you?") == false)
        #expect(rows[top].contains("┌────") && rows[top].hasSuffix("┌ Badge ─────┐"))  // the card's top beside it
        #expect(rows[top + 1].hasSuffix("│ ██████████ │"))
        if ProcessInfo.processInfo.environment["LR_SHOW"] != nil { print(rows.joined(separator: "\n")) }
        // Start over: the picture goes with the person.
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.kiosk?.preview == nil)
        #expect(!render(s, size: Size(width: 120, height: 40), now: F.now).text.contains("┌ Badge "))
    }
}

/// A picture is drawn for one box: after a resize the screen asks for a new one and never shows
/// a picture drawn for another size.
@Suite struct BadgePreviewResizeTests {
    @Test func scanAndKioskAskAgainAfterAResize() {
        var scan = BadgePreviewScanTests.verdict(Size(width: 80, height: 24))
        #expect(update(&scan, .resized(Size(width: 80, height: 24)), now: F.now).isEmpty)
        #expect(update(&scan, .resized(Size(width: 120, height: 40)), now: F.now)
                == [.loadBadgePreview(attendeeId: DeskScene.corrected.id, columns: 24, rows: 21)])
        // The old picture (14 columns) is not drawn in the new box.
        #expect(!render(scan, size: Size(width: 120, height: 40), now: F.now).text.contains("┌ Badge "))

        var kiosk = BadgePreviewKioskTests.confirm(Size(width: 80, height: 24)).0
        #expect(update(&kiosk, .resized(Size(width: 120, height: 40)), now: F.now)
                == [.loadBadgePreview(attendeeId: K.ada.id, columns: 25, rows: 17)])
        #expect(update(&kiosk, .resized(Size(width: 80, height: 24)), now: F.now).isEmpty)  // no room: nothing asked
    }

    @Test func aPictureForAnotherBoxIsNotKept() {
        var (s, _) = BadgePreviewCardTests.card(Size(width: 80, height: 24), preview: false)
        _ = update(&s, .badgePreviewLoaded(BadgePreview(attendeeId: DeskScene.corrected.id, columns: 30, rows: 32,
                                                        lines: ["█"], caption: "")), now: F.now)
        #expect(s.card?.preview == nil)
    }
}
