import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Per-cell roles: the theme styles by role, and every state also shows as text or a symbol.
@Suite struct StylingTests {
    let small = Size(width: 80, height: 24)

    /// Columns of `needle` in row `y` (display columns, counting wide graphemes as 2).
    func column(of needle: String, in buf: ScreenBuffer, y: Int) -> Int? {
        let line = buf.lines[y]
        guard let r = line.range(of: needle) else { return nil }
        return DisplayWidth.of(String(line[..<r.lowerBound]))
    }

    func roles(_ buf: ScreenBuffer, y: Int, x: Int, width: Int) -> Set<ScreenKit.Role> {
        Set((x..<(x + width)).map { buf[$0, y].role })
    }

    @Test func selectedRowIsHighlightedAcrossTheWidthAndMarked() {
        let buf = render(Scene.eventView(), size: small, now: F.now)
        #expect(buf[0, 4].grapheme == "▶")
        #expect(roles(buf, y: 4, x: 0, width: 80) == [.selection])
        #expect(!roles(buf, y: 5, x: 0, width: 80).contains(.selection))
        #expect(buf.lines[5].hasPrefix("   Alan Turing"), "unselected rows carry no marker")
    }

    @Test func statusIndicatorAndButtonRoles() {
        let buf = render(Scene.eventView(), size: small, now: F.now)
        let x = column(of: "● Syncing", in: buf, y: 0)!
        #expect(roles(buf, y: 0, x: x, width: 9) == [.statusOK])
        let b = column(of: "[S]ync", in: buf, y: 0)!
        #expect(roles(buf, y: 0, x: b, width: 6) == [.button])

        let syncing = render(Scene.syncingWithSearch(), size: small, now: F.now)
        let s = column(of: "[Syncing…]", in: syncing, y: 0)!
        #expect(roles(syncing, y: 0, x: s, width: 10) == [.buttonDisabled])

        let failed = render(Scene.syncFailed(), size: small, now: F.now)
        let f = column(of: "▲ Sync failed", in: failed, y: 0)!
        #expect(roles(failed, y: 0, x: f, width: 13) == [.statusError])
        #expect(roles(failed, y: 2, x: 2, width: 20) == [.alert])
        let r = column(of: "[R] Retry now", in: failed, y: 2)!
        #expect(roles(failed, y: 2, x: r, width: 13) == [.keyHint])
    }

    @Test func rowRolesForVIPCheckInAndNotAttending() {
        var s = Scene.eventView()
        s.eventView!.moveCursor(to: 1)
        let buf = render(s, size: small, now: F.now)
        #expect(buf[1, 4].grapheme == "★" && buf[1, 4].role == .vip)
        let t = column(of: "09:12", in: buf, y: 4)!
        #expect(roles(buf, y: 4, x: t, width: 5) == [.checkedIn])
        let n = column(of: "✖ Waitlist", in: buf, y: 7)!
        #expect(roles(buf, y: 7, x: n, width: 10) == [.dim])
    }

    @Test func footerHintsAreKeyHintRole() {
        let buf = render(Scene.eventView(), size: small, now: F.now)
        #expect(buf[1, 23].grapheme == "E" && buf[1, 23].role == .keyHint)   // "Enter"
        #expect(buf[7, 23].role == .dim)                                      // " Card"
    }

    @Test func monoStillShowsEveryStateAsText() {
        // With every role drawn alike, the screens still say which state is which.
        #expect(F.text(Scene.eventView()).contains("● Syncing"))
        #expect(F.text(Scene.syncFailed()).contains("▲ Sync failed"))
        #expect(F.text(Scene.disconnected()).contains("✖ Disconnected"))
        #expect(F.text(Scene.importing()).contains("◐ Importing…"))
        #expect(F.text(Scene.eventView()).contains("▶★ Ada Lovelace"))
    }

    @Test func tooSmallSaysSo() {
        for size in [Size(width: 79, height: 24), Size(width: 80, height: 23), Size(width: 40, height: 10)] {
            let buf = render(Scene.eventView(), size: size, now: F.now)
            #expect(buf.text.contains("Terminal too small"))
            #expect(buf.text.contains("\(size.width)×\(size.height), need 80×24"))
        }
        #expect(!render(Scene.eventView(), size: small, now: F.now).text.contains("too small"))
    }
}

/// Untrusted provider text: aligned whatever the script, never executed.
@Suite struct ProviderTextTests {
    let small = Size(width: 80, height: 24)

    func eventView(names: [String]) -> AppState {
        let rows = names.enumerated().map { i, n in
            F.attendee(Int64(i + 1), n, email: "p\(i)@example.com", company: "Acme")
        }
        return F.eventView(rows: rows)
    }

    @Test func wideCombiningAndRTLNamesKeepColumnsAligned() {
        let names = ["山田太郎", "山田太郎山田太郎山田太郎", "Jose\u{301} Martínez", "محمد علي", "Zoë 👩‍💻 Dev", "Ада"]
        let buf = render(eventView(names: names), size: small, now: F.now)
        let cols = AttendeeColumns(width: 80)
        let emailX = AttendeeColumns.lead + cols.name + 1
        for (i, _) in names.enumerated() {
            let y = 4 + i
            #expect(buf[emailX, y].grapheme == "p" && buf[emailX + 1, y].grapheme == "\(i)",
                    "email column of row \(i) starts at \(emailX): \(buf.lines[y])")
        }
        #expect(buf.lines[4].contains("山田太郎"))
        #expect(buf.lines[5].contains("山田太郎山田太…  p1"), "a wide name is cut at a grapheme, with … (and padded when a wide character cannot fit)")
        #expect(buf.lines[6].contains("José Martínez"))
        #expect(buf.lines[7].contains("محمد علي"))
    }

    @Test func rtlOverrideControlsAreDropped() {
        let buf = render(eventView(names: ["evil\u{202E}gpj.exe"]), size: small, now: F.now)
        #expect(buf.lines[4].contains("evilgpj.exe"))
        #expect(!buf.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value == 0x202E } })
    }

    @Test func hostileNamesRenderWithoutRawEscapes() {
        let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}Eve\u{9B}31m\r\nX"
        var s = eventView(names: [hostile])
        var e = F.summit
        e.name = "Summit\u{1B}[5m"
        _ = update(&s, .eventStatusChanged(e), now: F.now)
        for buf in [render(s, size: small, now: F.now), render(s, size: Size(width: 120, height: 40), now: F.now)] {
            #expect(!buf.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
            #expect(buf.lines.contains { $0.contains("␛[2J␛]0;pwned␇") && $0.contains("p0@example.com") })
            #expect(buf.lines[0].contains("Summit␛[5m"))
        }
        var scanned = s
        _ = update(&scanned, .scanned("\u{1B}[31mX"), now: F.now)
        _ = update(&scanned, .scanLookedUp(code: "[31mX", .unknown), now: F.now)
        let verdict = render(scanned, size: small, now: F.now)
        #expect(!verdict.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
        #expect(verdict.text.contains("✖ UNKNOWN CODE") && verdict.text.contains("␛[31mX"))
        _ = update(&s, .key(.enter), now: F.now)
        let card = render(s, size: small, now: F.now)
        #expect(!card.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
        #expect(card.lines[2].contains("␛[2J"))
    }
}

@Suite struct ImportSpinnerTests {
    /// A running import's symbol turns each second (issue #17: "the import spinner does not move").
    @Test func theImportSymbolTurnsEverySecond() {
        let s = Scene.importing()
        let frames = (0..<4).map { i in
            render(s, size: s.size, now: F.now.addingTimeInterval(Double(i))).text
                .split(separator: "\n").first { $0.contains("Importing…") }.map(String.init) ?? ""
        }
        #expect(Set(frames).count == 4, "\(frames)")
        #expect(frames.allSatisfy { $0.contains("Importing…") })
    }
}
