import Testing
import Console

/// SPEC §10: keys within `scan_gap_ms` of each other (arrival times) are one burst; a burst
/// ended by Enter/Tab is a scan, a burst without it is text, a lone key is a command.
@Suite struct ScanBurstDetectorTests {
    enum K: Equatable, Sendable { case ch(Character), enter, tab, up }
    func detector(gap: Double = 0.050) -> ScanBurstDetector<K> {
        ScanBurstDetector(gap: gap) { key in
            switch key {
            case .ch(let c): return .printable(c)
            case .enter, .tab: return .terminator
            case .up: return .other
            }
        }
    }

    /// Feeds `code` at `gapMs` a key from `start`, then Enter; flushes as the UI loop would.
    func scan(_ code: String, gapMs: Double, start: Double = 10, end: K = .enter, d: inout ScanBurstDetector<K>)
        -> [ScanBurstDetector<K>.Output] {
        var out: [ScanBurstDetector<K>.Output] = []
        var t = start
        for c in code {
            out += d.flush(now: t - 0.0005)
            out += d.feed(.ch(c), at: t)
            t += gapMs / 1000
        }
        out += d.flush(now: t - 0.0005)
        out += d.feed(end, at: t)
        out += d.flush(now: t + 1)
        return out
    }

    @Test(arguments: [2.0, 10, 20, 35, 50])
    func scannerBurstsAtEverySpeedUpToTheGapAreOneScan(gapMs: Double) {
        var d = detector()
        #expect(scan("https://luma.com/check-in/evt-1?pk=g-vx", gapMs: gapMs, d: &d)
                == [.scan("https://luma.com/check-in/evt-1?pk=g-vx")])
        #expect(scan("310100000073310150000133001", gapMs: gapMs, start: 20, end: .tab, d: &d)
                == [.scan("310100000073310150000133001")])
        #expect(d.deadline == nil)
    }

    @Test func aLoneKeyIsACommandOnceNoKeyFollowsWithinTheGap() {
        var d = detector()
        #expect(d.feed(.ch("v"), at: 1.0) == [])
        #expect(d.flush(now: 1.03) == [])
        #expect(d.deadline == 1.05)
        #expect(d.flush(now: 1.0501) == [.key(.ch("v"))])
    }

    @Test func humanTypingIsKeyByKey() {
        var d = detector()
        var out: [ScanBurstDetector<K>.Output] = []
        for (c, t) in [("a", 1.0), ("d", 1.12), ("a", 1.25)] as [(Character, Double)] {
            out += d.flush(now: t - 0.001)
            out += d.feed(.ch(c), at: t)
        }
        out += d.flush(now: 1.39)
        out += d.feed(.enter, at: 1.40)
        #expect(out == [.key(.ch("a")), .key(.ch("d")), .key(.ch("a")), .key(.enter)])
    }

    @Test func aFastBurstWithoutEnterIsTextNeverCommands() {
        var d = detector()
        var out = d.feed(.ch("c"), at: 1.0)
        out += d.feed(.ch("u"), at: 1.01)
        out += d.feed(.ch("v"), at: 1.02)
        out += d.flush(now: 2)
        #expect(out == [.text("cuv")])
    }

    @Test func aSlowUILoopDoesNotSplitABurst() {
        // The loop looked at the keys 300 ms late, all at once: their arrival times decide.
        var d = detector()
        var out: [ScanBurstDetector<K>.Output] = []
        var t = 1.0
        for c in "vpq/1001" { out += d.feed(.ch(c), at: t); t += 0.010 }
        out += d.feed(.enter, at: t)
        out += d.flush(now: t + 0.3)
        #expect(out == [.scan("vpq/1001")])
    }

    @Test func aFlushBeforeTheGapEndsReleasesNothing() {
        var d = detector()
        _ = d.feed(.ch("1"), at: 1.0)
        #expect(d.flush(now: 1.049) == [])
        _ = d.feed(.ch("2"), at: 1.049)
        #expect(d.flush(now: 1.09) == [])
        #expect(d.feed(.enter, at: 1.095) == [.scan("12")])
    }

    @Test func crLfOrTabEnterAfterAScanBelongToIt() {
        var d = detector()
        var out = scan("1234", gapMs: 5, d: &d)
        out += d.feed(.enter, at: 10.03)  // the LF of CR LF, 10 ms after the CR
        #expect(out == [.scan("1234")])
        // A human Enter later is a key again.
        #expect(d.feed(.enter, at: 11) == [.key(.enter)])
    }

    @Test func aNonPrintableKeyReleasesTheBufferFirst() {
        var d = detector()
        var out = d.feed(.ch("x"), at: 1.0)
        out += d.feed(.up, at: 1.001)
        #expect(out == [.key(.ch("x")), .key(.up)])
    }

    @Test func aLongerGapSettingHoldsSlowerScanners() {
        var d = detector(gap: 0.080)
        #expect(scan("98765", gapMs: 70, d: &d) == [.scan("98765")])
        var e = detector(gap: 0.050)
        #expect(scan("98765", gapMs: 70, d: &e) == [.key(.ch("9")), .key(.ch("8")), .key(.ch("7")), .key(.ch("6")), .key(.ch("5")), .key(.enter)])
    }

    @Test func aScannersBurstSurvivesOneLateKey() {
        // 8 keys at 10 ms, then the kernel delivers the 9th 200 ms late: still one code.
        var d = detector(gap: 0.075)
        var out: [ScanBurstDetector<K>.Output] = []
        var t = 1.0
        for c in "31010000" { out += d.flush(now: t - 0.001); out += d.feed(.ch(c), at: t); t += 0.010 }
        t += 0.190
        out += d.flush(now: t - 0.001)
        for c in "73" { out += d.feed(.ch(c), at: t); t += 0.010 }
        out += d.feed(.enter, at: t)
        #expect(out == [.scan("3101000073")])
    }

    @Test func aPersonsKeysNeverGetTheScannersHiccupAllowance() {
        // Four keys 100 ms apart are lone keys; the next 200 ms later is one too.
        var d = detector(gap: 0.075)
        var out: [ScanBurstDetector<K>.Output] = []
        for (c, t) in [("c", 1.0), ("u", 1.1), ("v", 1.2), ("p", 1.3), ("f", 1.5)] as [(Character, Double)] {
            out += d.flush(now: t - 0.001)
            out += d.feed(.ch(c), at: t)
        }
        out += d.flush(now: 2)
        #expect(out == [.key(.ch("c")), .key(.ch("u")), .key(.ch("v")), .key(.ch("p")), .key(.ch("f"))])
    }
}
