import Testing
@testable import Printing

struct MonoBitmapTests {
    @Test func rowsArePackedMostSignificantBitFirstLikeAPrintHead() {
        var bitmap = MonoBitmap(width: 10, height: 2)
        bitmap[0, 0] = true
        bitmap[9, 0] = true
        bitmap[8, 1] = true
        #expect(bitmap.bytesPerRow == 2)
        #expect(bitmap.row(0) == [0x80, 0x40])
        #expect(bitmap.row(1) == [0x00, 0x80])
        #expect(bitmap[9, 0] && !bitmap[9, 1] && !bitmap[10, 0] && !bitmap[-1, 0])
        bitmap[9, 0] = false
        #expect(bitmap.row(0) == [0x80, 0x00])
        #expect(bitmap.blackCount == 2)
    }

    @Test func initFromRowsClearsPaddingAndRefusesShortRows() throws {
        let bitmap = try #require(MonoBitmap(width: 4, rows: [[0xFF], [0x90]]))
        #expect(bitmap.picture == ["####", "#..#"])
        #expect(bitmap.row(0) == [0xF0])
        #expect(MonoBitmap(width: 9, rows: [[0xFF]]) == nil)
    }

    @Test func spansRotationAndCrop() {
        var bitmap = MonoBitmap(width: 20, height: 3)
        bitmap.fillSpan(y: 1, from: 3, to: 17)
        #expect(bitmap.picture[1] == "...##############...")
        bitmap.fillSpan(y: 1, from: 5, to: 6, black: false)
        #expect(bitmap.picture[1] == "...##.###########...")
        let picture = MonoBitmap(picture: ["#..", "##."])
        #expect(picture.rotatedClockwise().picture == ["##", "#.", ".."])
        #expect(picture.cropped(x: -1, y: 0, width: 3, height: 3).picture == [".#.", ".##", "..."])
    }
}
