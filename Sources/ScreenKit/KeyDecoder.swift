/// Turns the raw bytes a terminal sends (cbreak/raw mode, UTF-8) into `Key`s, without curses, so
/// input can be read — and timestamped — by a thread of its own as it arrives (SPEC §10).
///
/// Understands UTF-8, C0 controls, and the escape sequences xterm-like terminals send for the
/// keys the console uses: CSI (`ESC [ … final`) and SS3 (`ESC O x`) for arrows, Home/End,
/// PgUp/PgDn, Delete, Shift+Tab and F1–F12, with or without modifiers. Bracketed-paste markers are
/// dropped (the pasted text arrives as characters). An unknown sequence is dropped whole, never
/// replayed as letters. A lone ESC stays pending until `flushPending()` (the caller calls it once
/// no byte followed within the escape delay).
///
/// Pure: no I/O, no clock.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Longest escape sequence kept while waiting for its end; anything longer is garbage.
    private static let maxSequence = 32

    public init() {}

    /// True when bytes are held back (a lone ESC or an unfinished sequence / UTF-8 character).
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes `bytes` (appended to anything pending); returns the complete keys.
    public mutating func feed<S: Sequence>(_ bytes: S) -> [Key] where S.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var i = 0
        while i < pending.count {
            switch decode(at: i, final: false) {
            case .key(let key, let length):
                if let key { keys.append(key) }
                i += length
            case .incomplete:
                pending.removeFirst(i)
                return keys
            }
        }
        pending.removeAll(keepingCapacity: true)
        return keys
    }

    /// The escape delay passed with bytes still pending: a lone ESC is the Esc key; an
    /// unfinished sequence after it is dropped; an unfinished UTF-8 character is dropped.
    public mutating func flushPending() -> [Key] {
        defer { pending.removeAll() }
        guard let first = pending.first else { return [] }
        if first == 0x1B {
            // ESC then something that never completed: Esc only if nothing followed it.
            return pending.count == 1 ? [.escape] : []
        }
        return []
    }

    private enum Step {
        case key(Key?, length: Int)
        case incomplete
    }

    private func decode(at i: Int, final: Bool) -> Step {
        let b = pending[i]
        if b == 0x1B { return decodeEscape(at: i) }
        if b < 0x80 { return .key(Key.fromCodePoint(UInt32(b)), length: 1) }
        return decodeUTF8(at: i)
    }

    private func decodeUTF8(at i: Int) -> Step {
        let b = pending[i]
        let length: Int
        var value: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07)
        default: return .key(nil, length: 1)  // stray continuation or invalid lead byte
        }
        guard i + length <= pending.count else {
            // Check what is there is still valid before waiting for the rest.
            for j in (i + 1)..<pending.count where pending[j] & 0xC0 != 0x80 { return .key(nil, length: 1) }
            return .incomplete
        }
        for j in (i + 1)..<(i + length) {
            let c = pending[j]
            guard c & 0xC0 == 0x80 else { return .key(nil, length: 1) }
            value = (value << 6) | UInt32(c & 0x3F)
        }
        return .key(Key.fromCodePoint(value), length: length)
    }

    private func decodeEscape(at i: Int) -> Step {
        guard i + 1 < pending.count else { return .incomplete }
        let next = pending[i + 1]
        switch next {
        case UInt8(ascii: "["): return decodeCSI(at: i)
        case UInt8(ascii: "O"):
            guard i + 2 < pending.count else { return .incomplete }
            return .key(Self.ss3(pending[i + 2]), length: 3)
        default:
            // ESC followed by anything else (Alt+key, or two quick Esc presses): Esc, then the
            // next byte is decoded on its own.
            return .key(.escape, length: 1)
        }
    }

    private func decodeCSI(at i: Int) -> Step {
        var j = i + 2
        var params: [UInt8] = []
        while j < pending.count {
            let c = pending[j]
            if (0x40...0x7E).contains(c) {
                return .key(Self.csi(params: params, final: c), length: j - i + 1)
            }
            guard (0x20...0x3F).contains(c) else {
                // Not a valid sequence: drop the ESC [ and go on with this byte.
                return .key(nil, length: j - i)
            }
            params.append(c)
            j += 1
            if j - i > Self.maxSequence { return .key(nil, length: j - i) }
        }
        return .incomplete
    }

    static func ss3(_ c: UInt8) -> Key? {
        switch c {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }

    static func csi(params: [UInt8], final: UInt8) -> Key? {
        let text = String(decoding: params, as: UTF8.self)
        let first = Int(text.split(separator: ";").first ?? "") ?? 0
        switch final {
        case UInt8(ascii: "A")...UInt8(ascii: "D"), UInt8(ascii: "H"), UInt8(ascii: "F"),
             UInt8(ascii: "P")...UInt8(ascii: "S"):
            return ss3(final)  // the same letters as SS3 (with or without modifiers)
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(first - 10)
            case 17...21: return .function(first - 11)
            case 23, 24: return .function(first - 12)
            default: return nil  // Insert, bracketed-paste markers (200/201), unknown
            }
        default: return nil  // mouse reports, focus events, cursor reports…
        }
    }
}
