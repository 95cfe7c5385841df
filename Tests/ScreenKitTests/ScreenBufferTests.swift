import Testing
@testable import ScreenKit

@Suite struct ScreenBufferTests {
    @Test func wideGraphemeIsNeverSplitAtTheClipEdge() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = b.put("ab漢字", x: 0, y: 0, maxX: 5)
        // a b 漢(2) = 4 columns; 字 would straddle column 5 and is not drawn.
        #expect(end == 4)
        #expect(b.lines[0] == "ab漢      ")
        #expect(b[4, 0] == .blank)
        #expect(b[3, 0].isContinuation)
    }

    @Test func wideGraphemeAtTheRightScreenEdgeIsNotDrawn() {
        var b = ScreenBuffer(size: Size(width: 5, height: 1))
        b.put("abcd漢", x: 0, y: 0)
        #expect(b.lines[0] == "abcd ")
        #expect(!b.cells.contains { $0.grapheme == "漢" })
    }

    @Test func wideGraphemeCutByTheLeftEdgeLeavesABlank() {
        var b = ScreenBuffer(size: Size(width: 4, height: 1))
        b.put("xxxx", x: 0, y: 0)
        b.put("漢ab", x: -1, y: 0, role: .title)
        #expect(b.lines[0] == " abx")
        #expect(b[0, 0].role == .title)
        #expect(!b[0, 0].isContinuation)
    }

    @Test func overwritingTheLeadOfAWideGraphemeBlanksItsContinuation() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.put("漢字", x: 0, y: 0)
        b.put("a", x: 0, y: 0)
        #expect(b.lines[0] == "a 字  ")
        #expect(!b[1, 0].isContinuation)
        #expect(b[3, 0].isContinuation)
    }

    @Test func overwritingTheContinuationBlanksTheLead() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.put("漢字", x: 0, y: 0)
        b.put("b", x: 1, y: 0)
        #expect(b.lines[0] == " b字  ")
        #expect(b[0, 0].grapheme == " ")
    }

    @Test func wideOverWideOffByOneLeavesNoDanglingHalves() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.put("漢字", x: 0, y: 0)
        b.put("中", x: 1, y: 0)
        #expect(b.lines[0] == " 中   ")
        let continuations = (0..<6).filter { b[$0, 0].isContinuation }
        #expect(continuations == [2])
    }

    @Test func fillOverHalfAWideGraphemeRepairsIt() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.put("漢字中", x: 0, y: 0)
        b.fill(x: 1, y: 0, width: 2, height: 1, role: .selection)
        #expect(b.lines[0] == "    中")
        #expect(!b.cells.contains { $0.isContinuation && $0.role == .selection })
        #expect(b[4, 0].grapheme == "中" && b[5, 0].isContinuation)
    }

    @Test func zeroWidthAndControlClustersAreSkipped() {
        var b = ScreenBuffer(size: Size(width: 8, height: 1))
        let end = b.put("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(b.lines[0] == "a[2Jb   ")
        #expect(end == 5)
    }

    @Test func setRoleCoversBothHalvesOfAWideGrapheme() {
        var b = ScreenBuffer(size: Size(width: 4, height: 1))
        b.put("a漢b", x: 0, y: 0)
        b.setRole(x: 2, y: 0, width: 2, role: .vip)
        #expect(b.roleLines[0] == ".VVV")
    }

    @Test func textTrimsTrailingSpaces() {
        var b = ScreenBuffer(size: Size(width: 5, height: 2))
        b.put("hi", x: 1, y: 1)
        #expect(b.text == "\n hi")
    }
}
