import Testing
import ScreenKit

/// The input thread decodes raw terminal bytes itself (so each key is timestamped on arrival).
@Suite struct KeyDecoderTests {
    func keys(_ bytes: [UInt8]) -> [Key] {
        var d = KeyDecoder()
        return d.feed(bytes) + d.flushPending()
    }

    @Test func asciiUTF8AndControls() {
        #expect(keys(Array("aZ/9 ".utf8)) == [.char("a"), .char("Z"), .char("/"), .char("9"), .char(" ")])
        #expect(keys(Array("é한😀".utf8)) == [.char("é"), .char("한"), .char("😀")])
        #expect(keys([0x0D, 0x0A, 0x09, 0x7F, 0x03, 0x15]) == [.enter, .enter, .tab, .backspace, .ctrl("c"), .ctrl("u")])
    }

    @Test func arrowsAndEditingKeysInBothCursorModes() {
        #expect(keys(Array("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}OD".utf8)) == [.up, .down, .right, .left])
        #expect(keys(Array("\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[4~\u{1B}[3~\u{1B}[Z".utf8))
                == [.pageUp, .pageDown, .home, .end, .delete, .backTab])
        #expect(keys(Array("\u{1B}OP\u{1B}OQ\u{1B}[15~\u{1B}[24~\u{1B}[1;5A".utf8))
                == [.function(1), .function(2), .function(5), .function(12), .up])
    }

    @Test func aLoneEscIsEscOnlyAfterTheDelay() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B]) == [])
        #expect(d.hasPending)
        #expect(d.flushPending() == [.escape])
        // Split across reads, a sequence still decodes whole.
        #expect(d.feed([0x1B, UInt8(ascii: "[")]) == [])
        #expect(d.feed([UInt8(ascii: "B")]) == [.down])
        // Esc then a letter (Alt+x, or Esc typed before a key): Esc, then the letter.
        #expect(keys([0x1B, UInt8(ascii: "x")]) == [.escape, .char("x")])
    }

    @Test func unknownSequencesAndPasteMarkersNeverBecomeLetters() {
        #expect(keys(Array("\u{1B}[200~123\u{1B}[201~".utf8)) == [.char("1"), .char("2"), .char("3")])
        #expect(keys(Array("\u{1B}[?1;2c\u{1B}[M".utf8)).allSatisfy { if case .char = $0 { return false } else { return true } })
    }

    @Test func splitUTF8AndInvalidBytes() {
        var d = KeyDecoder()
        let bytes = Array("한".utf8)
        #expect(d.feed(bytes[0..<1]) == [])
        #expect(d.feed(bytes[1...]) == [.char("한")])
        #expect(keys([0xFF, 0x80, UInt8(ascii: "a")]) == [.char("a")])
    }
}
