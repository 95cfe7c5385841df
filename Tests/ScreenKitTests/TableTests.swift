import Testing
@testable import ScreenKit

@Suite struct TableTests {
    @Test func flexColumnsShareTheSpareWidthByWeight() {
        let widths = Table.columnWidths([.fixed(3), .flex(min: 4, weight: 1), .flex(min: 4, weight: 3), .fixed(5)],
                                        totalWidth: 40, separatorWidth: 1)
        // used: 3 + 4 + 4 + 5 + 3 separators = 19; spare 21 → 1:3 → 5 and 15, 1 left over → leftmost flex.
        #expect(widths == [3, 10, 19, 5])
        #expect(widths.reduce(0, +) + 3 == 40)
    }

    @Test func columnsThatDoNotFitAreHiddenFromTheRight() {
        let widths = Table.columnWidths([.fixed(3), .flex(min: 10, weight: 1), .fixed(12), .fixed(5)],
                                        totalWidth: 28, separatorWidth: 1)
        // 3 + 1 + 10 + 1 + 12 = 27 fits; the last fixed(5) does not; spare 1 goes to the flex column.
        #expect(widths == [3, 11, 12, 0])
    }

    @Test func narrowWidthKeepsOnlyWhatFits() {
        #expect(Table.columnWidths([.fixed(10), .fixed(10)], totalWidth: 5) == [0, 0])
        #expect(Table.columnWidths([.flex(min: 2, weight: 1)], totalWidth: 0) == [0])
        #expect(Table.columnWidths([.fixed(4), .flex(min: 1, weight: 0)], totalWidth: 10) == [4, 1])
    }

    @Test func drawsHeaderRowsSelectionAndClipsCells() {
        let table = Table(columns: [
            TableColumn("VIP", .fixed(3)),
            TableColumn("Name", .flex(min: 6, weight: 1)),
            TableColumn("Checked", .fixed(7), alignment: .right),
        ])
        var b = ScreenBuffer(size: Size(width: 22, height: 4))
        let rows: [[TableCell]] = [
            ["★", "Ada Lovelace", TableCell("09:14", role: .checkedIn)],
            ["", "李小龍 Bruce Lee", ""],
            ["", "Grace\u{1B}[2J Hopper", "10:02"],
        ]
        let widths = table.draw(into: &b, x: 0, y: 0, width: 22, height: 4, rows: rows, selected: 1)
        #expect(widths == [3, 10, 7])
        #expect(b.lines == [
            "VIP Name       Checked",
            "★   Ada Lovel…   09:14",
            "    李小龍 Br…        ",
            "    Grace␛[2J…   10:02",
        ])
        #expect(b.roleLines[0] == String(repeating: "H", count: 22))
        #expect(b.roleLines[1] == "..............." + "CCCCCCC")
        #expect(b.roleLines[2] == String(repeating: "S", count: 22))
    }

    @Test func onlyTheRowsThatFitAreDrawn() {
        let table = Table(columns: [TableColumn("N", .flex(min: 1, weight: 1))])
        var b = ScreenBuffer(size: Size(width: 4, height: 3))
        let rows: [[TableCell]] = (0..<100).map { [TableCell("r\($0)")] }
        table.draw(into: &b, x: 0, y: 0, width: 4, height: 3, rows: rows)
        #expect(b.lines == ["N   ", "r0  ", "r1  "])
    }

    @Test func scrollOffsetKeepsTheSelectionVisible() {
        #expect(Table.scrollOffset(selected: 0, rowCount: 100, visibleRows: 10, currentOffset: 0) == 0)
        #expect(Table.scrollOffset(selected: 10, rowCount: 100, visibleRows: 10, currentOffset: 0) == 1)
        #expect(Table.scrollOffset(selected: 5, rowCount: 100, visibleRows: 10, currentOffset: 20) == 5)
        #expect(Table.scrollOffset(selected: 25, rowCount: 100, visibleRows: 10, currentOffset: 20) == 20)
        #expect(Table.scrollOffset(selected: 99, rowCount: 100, visibleRows: 10, currentOffset: 0) == 90)
        #expect(Table.scrollOffset(selected: 3, rowCount: 5, visibleRows: 10, currentOffset: 4) == 0)
        #expect(Table.scrollOffset(selected: 0, rowCount: 0, visibleRows: 10, currentOffset: 4) == 0)
    }
}
