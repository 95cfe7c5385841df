import Testing
@testable import ScreenKit

@Suite struct SanitizerTests {
    @Test func plainTextIsUnchanged() {
        #expect(Sanitizer.sanitize("Ada Lovelace <ada@example.com>") == "Ada Lovelace <ada@example.com>")
        #expect(Sanitizer.sanitize("Zoë 李小龍 👨‍👩‍👧 🇫🇷") == "Zoë 李小龍 👨‍👩‍👧 🇫🇷")
        #expect(Sanitizer.sanitize("") == "")
    }

    @Test func csiSequencesBecomeVisible() {
        #expect(Sanitizer.sanitize("\u{1B}[2J\u{1B}[HBob") == "␛[2J␛[HBob")
        #expect(Sanitizer.sanitize("red \u{1B}[31mtext\u{1B}[0m") == "red ␛[31mtext␛[0m")
        #expect(Sanitizer.sanitize("a\u{9B}31mb") == "a\u{FFFD}31mb")         // 8-bit CSI
    }

    @Test func oscSequencesBecomeVisible() {
        #expect(Sanitizer.sanitize("\u{1B}]0;pwned\u{07}Eve") == "␛]0;pwned␇Eve")
        #expect(Sanitizer.sanitize("\u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\")
                == "␛]8;;http://evil␛\\click␛]8;;␛\\")
        #expect(Sanitizer.sanitize("x\u{9D}0;t\u{9C}") == "x\u{FFFD}0;t\u{FFFD}")  // 8-bit OSC/ST
    }

    @Test func dcsAndOtherEscapesBecomeVisible() {
        #expect(Sanitizer.sanitize("\u{1B}Pq#0;2;0;0;0\u{1B}\\") == "␛Pq#0;2;0;0;0␛\\")
        #expect(Sanitizer.sanitize("\u{1B}c reset") == "␛c reset")
        #expect(Sanitizer.sanitize("\u{1B}7\u{1B}8") == "␛7␛8")
        #expect(Sanitizer.sanitize("end\u{1B}") == "end␛")
    }

    @Test func c0ControlsBecomeControlPictures() {
        #expect(Sanitizer.sanitize("a\u{0}b\u{7}c\u{8}d") == "a␀b␇c␈d")
        #expect(Sanitizer.sanitize("\u{1F}") == "\u{241F}")
        #expect(Sanitizer.sanitize("del\u{7F}") == "del␡")
    }

    @Test func whitespaceControlsInSingleAndMultiLineModes() {
        #expect(Sanitizer.sanitize("a\tb") == "a b")
        #expect(Sanitizer.sanitize("line1\nline2\r\nline3\rline4") == "line1 line2 line3 line4")
        #expect(Sanitizer.sanitize("a\u{2028}b\u{2029}c") == "a b c")
        #expect(Sanitizer.sanitize("line1\nline2\r\nline3\rline4", mode: .multiline) == "line1\nline2\nline3\nline4")
        #expect(Sanitizer.sanitize("a\u{1B}[2J\n", mode: .multiline) == "a␛[2J\n")
    }

    @Test func c1ControlsBecomeReplacementCharacters() {
        for v in UInt32(0x80)...0x9F {
            let s = "x" + String(Character(Unicode.Scalar(v)!)) + "y"
            #expect(Sanitizer.sanitize(s) == "x\u{FFFD}y")
        }
    }

    @Test func bidiControlsAreRemoved() {
        #expect(Sanitizer.sanitize("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        let all = "\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
        #expect(Sanitizer.sanitize("a" + all + "b") == "ab")
        #expect(Sanitizer.sanitize("שלום") == "שלום")
    }

    @Test func invalidEncodingsBecomeReplacementCharacters() {
        #expect(Sanitizer.sanitize(utf8: [0x41, 0xFF, 0x42, 0xC3]) == "A\u{FFFD}B\u{FFFD}")
        #expect(Sanitizer.sanitize(utf8: [0x1B, 0x5B, 0x32, 0x4A]) == "␛[2J")
        #expect(Sanitizer.sanitize(utf16: [0x0041, 0xD800, 0x0042]) == "A\u{FFFD}B")
        #expect(Sanitizer.sanitize(utf16: [0xDC00]) == "\u{FFFD}")
    }

    @Test func longInputIsCutToTheMaximumWidthWithAnEllipsis() {
        let long = String(repeating: "a", count: 20_000)
        let out = Sanitizer.sanitize(long, maxWidth: 80)
        #expect(DisplayWidth.of(out) == 80)
        #expect(out.hasSuffix("…"))
        let wide = String(repeating: "漢\u{1B}", count: 20_000)
        let outWide = Sanitizer.sanitize(wide, maxWidth: 81)
        #expect(DisplayWidth.of(outWide) <= 81)
        #expect(outWide.hasSuffix("…"))
        #expect(!outWide.unicodeScalars.contains { $0.value == 0x1B })
        #expect(DisplayWidth.of(Sanitizer.sanitize(long)) == Sanitizer.defaultMaxWidth)
        #expect(Sanitizer.sanitize("abc", maxWidth: 0) == "")
    }

    @Test func combiningStacksAreCapped() {
        let zalgo = "Z" + String(repeating: "\u{301}", count: 500) + "a"
        let out = Sanitizer.sanitize(zalgo)
        #expect(out.unicodeScalars.count == 1 + Sanitizer.maxCombiningRun + 1)
        #expect(out.hasSuffix("a"))
    }

    @Test func isSafeAgreesWithSanitize() {
        #expect(Sanitizer.isSafe("Ada 李 😀"))
        #expect(!Sanitizer.isSafe("a\u{1B}"))
        #expect(!Sanitizer.isSafe("a\nb"))
        #expect(Sanitizer.isSafe("a\nb", mode: .multiline))
        #expect(!Sanitizer.isSafe("\u{202E}"))
    }

    /// Listed independently of the implementation on purpose.
    static let bidiControls: Set<UInt32> = [0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                            0x2066, 0x2067, 0x2068, 0x2069]

    /// Random bytes and random scalars (biased towards the dangerous ranges): whatever comes in,
    /// no ESC, C0, DEL, C1 or bidi control comes out, and the width limit holds.
    @Test func fuzzNothingDangerousSurvives() {
        var rng = SplitMix64(seed: 0xBADC0FFEE)
        let dangerous: [UInt32] = [0x1B, 0x07, 0x00, 0x0A, 0x0D, 0x09, 0x7F, 0x9B, 0x9C, 0x9D, 0x85,
                                   0x202E, 0x2066, 0x200F, 0x061C, 0x2028, 0x301, 0x200D, 0xFE0F]
        for round in 0..<600 {
            let input: String
            if round % 2 == 0 {
                let bytes = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                input = String(decoding: bytes, as: UTF8.self)
            } else {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<Int(rng.next() % 200) {
                    let pick = rng.next() % 4
                    let v: UInt32
                    switch pick {
                    case 0: v = dangerous[Int(rng.next() % UInt64(dangerous.count))]
                    case 1: v = UInt32(rng.next() % 0x100)
                    case 2: v = UInt32(rng.next() % 0x3000)
                    default: v = UInt32(rng.next() % 0x110000)
                    }
                    if let s = Unicode.Scalar(v) { scalars.append(s) }
                }
                input = String(scalars)
            }
            let maxWidth = Int(rng.next() % 60)
            for mode in [Sanitizer.Mode.singleLine, .multiline] {
                let out = Sanitizer.sanitize(input, maxWidth: maxWidth, mode: mode)
                #expect(DisplayWidth.of(out) <= maxWidth)
                for s in out.unicodeScalars {
                    let v = s.value
                    let allowedNewline = mode == .multiline && v == 0x0A
                    #expect(v >= 0x20 || allowedNewline, "C0 \(v) survived")
                    #expect(!(0x7F...0x9F).contains(v), "DEL/C1 \(v) survived")
                    #expect(!Self.bidiControls.contains(v), "bidi \(v) survived")
                    #expect(v != 0x2028 && v != 0x2029)
                }
            }
        }
    }
}

/// A tiny deterministic generator so the fuzz test is reproducible.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
