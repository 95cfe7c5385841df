import Testing
import Console

@Suite struct ScanBurstDetectorTests {
    enum K: Equatable, Sendable { case ch(Character), enter, up }
    func detector() -> ScanBurstDetector<K> {
        ScanBurstDetector { key in
            switch key {
            case .ch(let c): return .printable(c)
            case .enter: return .enter
            case .up: return .other
            }
        }
    }

    @Test func fastCharactersEndedByEnterAreAScan() {
        var d = detector()
        var out: [ScanBurstDetector<K>.Output] = []
        var t = 10.0
        for c in "https://luma.com/check-in/evt-1?pk=g-vx" { out += d.feed(.ch(c), at: t); t += 0.002 }
        out += d.feed(.enter, at: t)
        #expect(out == [.scan("https://luma.com/check-in/evt-1?pk=g-vx")])
        #expect(d.deadline == nil)
    }

    @Test func aLoneKeyIsACommandOnceTheSettleDelayPasses() {
        var d = detector()
        #expect(d.feed(.ch("v"), at: 1.0) == [])
        #expect(d.flush(now: 1.01) == [])
        #expect(d.deadline == 1.03)
        #expect(d.flush(now: 1.031) == [.key(.ch("v"))])
    }

    @Test func humanTypingIsReplayedKeyByKey() {
        var d = detector()
        var out: [ScanBurstDetector<K>.Output] = []
        out += d.feed(.ch("a"), at: 1.0)
        out += d.feed(.ch("d"), at: 1.12)
        out += d.feed(.ch("a"), at: 1.25)
        out += d.feed(.enter, at: 1.40)
        #expect(out == [.key(.ch("a")), .key(.ch("d")), .key(.ch("a")), .key(.enter)])
    }

    @Test func aShortFastBurstIsNotAScan() {
        var d = detector()
        var out = d.feed(.ch("j"), at: 1.0)
        out += d.feed(.ch("k"), at: 1.001)
        out += d.feed(.enter, at: 1.002)
        #expect(out == [.key(.ch("j")), .key(.ch("k")), .key(.enter)])
    }

    @Test func aNonPrintableKeyReleasesTheBufferFirst() {
        var d = detector()
        var out = d.feed(.ch("x"), at: 1.0)
        out += d.feed(.up, at: 1.001)
        #expect(out == [.key(.ch("x")), .key(.up)])
    }

    @Test func scanLettersNeverBecomeCommands() {
        var d = detector()
        var out: [ScanBurstDetector<K>.Output] = []
        var t = 5.0
        for c in "vSqc1234" { out += d.feed(.ch(c), at: t); t += 0.003 }
        out += d.flush(now: t)  // the read timed out before the 30 ms settle delay
        out += d.feed(.enter, at: t + 0.001)
        #expect(out == [.scan("vSqc1234")])
    }
}
