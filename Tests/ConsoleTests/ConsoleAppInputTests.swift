import Testing
import BadgeCore
import ScreenKit
@testable import Console

/// The UI loop's input path with real terminal keys: what may be part of a scan, and what the
/// detector's decisions become as console actions.
@Suite struct ConsoleAppInputTests {
    typealias D = ScanBurstDetector<Key>

    @Test func printableCharactersAndSpaceMayBelongToAScan() {
        #expect(D.classifyTerminalKey(.char("A")) == .printable("A"))
        #expect(D.classifyTerminalKey(.char("/")) == .printable("/"))
        #expect(D.classifyTerminalKey(.char(" ")) == .printable(" "))
        #expect(D.classifyTerminalKey(.char("é")) == .printable("é"))
        #expect(D.classifyTerminalKey(.enter) == .terminator)
        #expect(D.classifyTerminalKey(.tab) == .terminator)
    }

    @Test func navigationEditingAndControlKeysNeverBelongToAScan() {
        for key: Key in [.up, .down, .pageDown, .home, .escape, .backspace, .delete, .backTab, .resize,
                         .ctrl("c"), .function(1), .char("\t"), .char("\u{1B}"), .char("\u{7F}")] {
            #expect(D.classifyTerminalKey(key) == .other, "\(key)")
        }
    }

    @Test func aScannerBurstBecomesOneScannedActionAndNoCommand() {
        var d = D.forTerminal()
        var out: [D.Output] = []
        var t = 100.0
        for c in "vq?S650100001143" { out += d.feed(.char(c), at: t); t += 0.001 }
        out += d.feed(.enter, at: t)
        #expect(out.map(Action.init) == [.scanned("vq?S650100001143")])
    }

    @Test func aLoneKeyBecomesAKeyActionOnceNothingFollows() {
        var d = D.forTerminal()
        #expect(d.feed(.char("v"), at: 5.0).isEmpty, "held back: it might start a scan")
        let due = d.deadline ?? 0
        #expect(abs(due - 5.075) < 0.0001, "the default scan_gap_ms is 50 (+50 % arrival jitter)")
        #expect(d.flush(now: due + 0.001).map(Action.init) == [.key(.char("v"))])
    }

    @Test func anArrowInsideABurstReleasesItAsKeys() {
        var d = D.forTerminal()
        var out = d.feed(.char("j"), at: 1.0)
        out += d.feed(.down, at: 1.001)
        #expect(out.map(Action.init) == [.key(.char("j")), .key(.down)])
    }
}
