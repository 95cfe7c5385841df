import Testing
@testable import ScreenKit

@Suite struct TextTests {
    @Test func truncateKeepsTextThatFits() {
        #expect(Text.truncate("Ada Lovelace", width: 12) == "Ada Lovelace")
        #expect(Text.truncate("", width: 3) == "")
    }

    @Test func truncateCutsWithEllipsisToTheWidth() {
        #expect(Text.truncate("Ada Lovelace", width: 8) == "Ada Lov…")
        #expect(DisplayWidth.of(Text.truncate("Ada Lovelace", width: 8)) == 8)
        #expect(Text.truncate("Ada", width: 1) == "…")
        #expect(Text.truncate("Ada", width: 0) == "")
        #expect(Text.truncate("Ada", width: -3) == "")
    }

    @Test func truncateNeverSplitsAWideGrapheme() {
        // 漢字かな = 8 columns; in 6 columns: 5 for text → 漢字 (4), then …
        #expect(Text.truncate("漢字かな", width: 6) == "漢字…")
        #expect(Text.truncate("漢字かな", width: 5) == "漢字…")
        #expect(Text.truncate("e\u{301}e\u{301}e\u{301}", width: 2) == "e\u{301}…")
        #expect(Text.truncate("👨\u{200D}👩\u{200D}👧 family", width: 4) == "👨\u{200D}👩\u{200D}👧 …")
        #expect(Text.truncate("👨\u{200D}👩\u{200D}👧 family", width: 3) == "👨\u{200D}👩\u{200D}👧…")
    }

    @Test func fitPadsAndAligns() {
        #expect(Text.fit("ab", width: 5) == "ab   ")
        #expect(Text.fit("ab", width: 5, alignment: .right) == "   ab")
        #expect(Text.fit("ab", width: 5, alignment: .center) == " ab  ")
        #expect(Text.fit("漢", width: 3, alignment: .right) == " 漢")
        #expect(Text.fit("abcdef", width: 4) == "abc…")
    }
}

@Suite struct DrawingTests {
    @Test func fieldPutAlignsTruncatesAndFillsTheRole() {
        var b = ScreenBuffer(size: Size(width: 12, height: 3))
        b.put("42", x: 0, y: 0, width: 6, alignment: .right, role: .accent)
        b.put("mid", x: 0, y: 1, width: 7, alignment: .center)
        let end = b.put("Lovelace, Ada", x: 2, y: 2, width: 8)
        #expect(b.lines == ["    42      ", "  mid       ", "  Lovelac…  "])
        #expect(b.roleLines[0] == "aaaaaa......")
        #expect(end == 10)
    }

    @Test func boxWithTitle() {
        var b = ScreenBuffer(size: Size(width: 12, height: 4))
        b.drawBox(x: 0, y: 0, width: 12, height: 4, title: "Attendees")
        #expect(b.lines == [
            "┌ Attende… ┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ].map { $0 })
    }

    @Test func asciiBoxFallback() {
        var b = ScreenBuffer(size: Size(width: 6, height: 3))
        b.drawBox(x: 0, y: 0, width: 6, height: 3, style: .ascii)
        #expect(b.lines == ["+----+", "|    |", "+----+"])
        #expect(b.roleLines[0] == "bbbbbb")
    }

    @Test func horizontalRule() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.drawHorizontalRule(x: 1, y: 0, width: 4)
        #expect(b.lines[0] == " ──── ")
    }

    @Test func progressBarShowsBlocksAndPercentage() {
        #expect(ProgressBar.text(fraction: 0, width: 15) == "░░░░░░░░░░   0%")
        #expect(ProgressBar.text(fraction: 0.5, width: 15) == "█████░░░░░  50%")
        #expect(ProgressBar.text(fraction: 0.42, width: 15) == "████▓░░░░░  42%")
        #expect(ProgressBar.text(fraction: 1, width: 15) == "██████████ 100%")
        #expect(ProgressBar.text(fraction: 0.999, width: 15) == "█████████▓  99%")
        #expect(ProgressBar.text(fraction: 7, width: 15) == "██████████ 100%")
        #expect(ProgressBar.text(fraction: .nan, width: 15) == "░░░░░░░░░░   0%")
        #expect(ProgressBar.text(fraction: 0.3, width: 3) == "30%")
        for w in 5...30 {
            #expect(DisplayWidth.of(ProgressBar.text(fraction: 0.37, width: w)) == w)
        }
    }

    @Test func progressBarDrawsIntoTheBuffer() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        b.drawProgressBar(x: 0, y: 0, width: 10, fraction: 0.6)
        #expect(b.lines[0] == "███░░  60%")
        #expect(b.roleLines[0] == "PPPPPPPPPP")
    }

    @Test func sparklineScalesToTheMaximum() {
        #expect(Sparkline.text([0, 1, 2, 3, 4, 5, 6]) == "▁▃▄▅▆▇█")
        #expect(Sparkline.text([0, 6]) == "▁█")
        #expect(Sparkline.text([0, 0, 0]) == "▁▁▁")
        #expect(Sparkline.text([100, 1]) == "█▂")          // small but non-zero is not "none"
        #expect(Sparkline.text([Double]()) == "")
        #expect(Sparkline.text([1, 2, 3, 4, 8], width: 3) == "▄▅█")  // last values win
        #expect(Sparkline.text([3, -1, .nan], maxValue: 6) == "▅▁▁")
    }

    @Test func tooSmallFrameIsCentred() {
        let b = ScreenBuffer.tooSmall(size: Size(width: 40, height: 5))
        let pad = String(repeating: " ", count: 11)
        #expect(b.lines[1] == pad + "Terminal too small" + pad)
        #expect(b.roleLines[1].filter { $0 == "w" }.count == 40)
        #expect(b.text.contains("40×5, need 80×24"))
        #expect(ScreenBuffer.isTooSmall(Size(width: 79, height: 30)))
        #expect(!ScreenBuffer.isTooSmall(Size(width: 80, height: 24)))
        #expect(ScreenBuffer.tooSmall(size: Size(width: 0, height: 0)).cells.isEmpty)
    }
}
