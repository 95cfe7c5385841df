import BadgeCore
import Testing
@testable import Printing

struct TerminalPreviewTests {
    /// 8 × 8 dots: a solid top half, a left bar below it.
    static let picture = MonoBitmap(picture: [
        "########", "########", "########", "########",
        "##......", "##......", "##......", "##......",
    ])

    @Test func halfBlocksDrawTwoDotRowsPerCell() {
        #expect(TerminalPreview.lines(Self.picture, columns: 8, rows: 4) == [
            "████████", "████████", "██      ", "██      ",
        ])
        // Scaled to half: 4 × 4 preview dots in 4 columns × 2 rows.
        #expect(TerminalPreview.lines(Self.picture, columns: 4, rows: 2) == ["████", "█   "])
        var edge = MonoBitmap(width: 2, height: 2)
        edge[0, 0] = true
        edge[1, 1] = true
        #expect(TerminalPreview.lines(edge, columns: 2, rows: 1) == ["▀▄"])
    }

    @Test func brailleDrawsTwoByFourDotsPerCell() {
        // 8 × 8 dots into 4 × 2 cells: the top cells full (⣿), the bottom-left cell its left bar.
        #expect(TerminalPreview.lines(Self.picture, columns: 4, rows: 2, style: .braille) == ["⣿⣿⣿⣿", "⣿   "])
        let dot = MonoBitmap(picture: ["#.", "..", "..", ".#"])
        #expect(TerminalPreview.lines(dot, columns: 1, rows: 1, style: .braille) == ["\u{2881}"])
    }

    @Test func keepsTheBadgesProportionsInsideTheBox() {
        // A portrait 62 × 100 mm badge at 300 dpi into a wide box: height decides.
        let badge = MonoBitmap(width: 732, height: 1181)
        let lines = TerminalPreview.lines(badge, columns: 40, rows: 10)
        #expect(lines.count == 10)
        #expect(lines.allSatisfy { $0.count == 12 })  // 20 dots tall → 12.4 dots wide
        let braille = TerminalPreview.lines(badge, columns: 16, rows: 14, style: .braille)
        #expect(braille.count <= 14 && braille.allSatisfy { $0.count == 16 })
    }

    @Test func thinTextStaysVisibleAsInk() {
        // A 1-dot line every 10 rows is 10 % ink: below the share, so blank; 3 dots (30 %) shows.
        var faint = MonoBitmap(width: 100, height: 100), bold = MonoBitmap(width: 100, height: 100)
        for y in stride(from: 0, to: 100, by: 10) {
            faint.fillSpan(y: y, from: 0, to: 100)
            for d in 0..<3 { bold.fillSpan(y: y + d, from: 0, to: 100) }
        }
        #expect(TerminalPreview.lines(faint, columns: 10, rows: 5).allSatisfy { $0.allSatisfy { $0 == " " } })
        #expect(TerminalPreview.lines(bold, columns: 10, rows: 5).allSatisfy { $0 == "██████████" })
    }

    @Test func emptyInputsGiveNoLines() {
        #expect(TerminalPreview.lines(MonoBitmap(width: 0, height: 0), columns: 10, rows: 10).isEmpty)
        #expect(TerminalPreview.lines(Self.picture, columns: 0, rows: 10).isEmpty)
    }
}
