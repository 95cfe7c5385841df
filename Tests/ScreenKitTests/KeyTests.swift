import Testing
@testable import ScreenKit

@Suite struct KeyTests {
    @Test func codePointsDecodeLikeATerminalSendsThem() {
        #expect(Key.fromCodePoint(0x0D) == .enter)
        #expect(Key.fromCodePoint(0x0A) == .enter)
        #expect(Key.fromCodePoint(0x09) == .tab)
        #expect(Key.fromCodePoint(0x1B) == .escape)
        #expect(Key.fromCodePoint(0x7F) == .backspace)
        #expect(Key.fromCodePoint(0x08) == .backspace)
        #expect(Key.fromCodePoint(0x03) == .ctrl("c"))
        #expect(Key.fromCodePoint(0x0C) == .ctrl("l"))
        #expect(Key.fromCodePoint(0x00) == .ctrl("@"))
        #expect(Key.fromCodePoint(0x61) == .char("a"))
        #expect(Key.fromCodePoint(0x20) == .char(" "))
        #expect(Key.fromCodePoint(0x4E2D) == .char("中"))
        #expect(Key.fromCodePoint(0x9B) == nil)
        #expect(Key.fromCodePoint(0xD800) == nil)
    }

    @Test func labels() {
        #expect(Key.up.label == "↑")
        #expect(Key.pageDown.label == "PgDn")
        #expect(Key.ctrl("c").label == "^C")
        #expect(Key.function(1).label == "F1")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.char("q").label == "q")
    }
}
