/// Tells scanner input from typing (SPEC §3, §10). A USB scanner "types" a whole code in a few
/// milliseconds a key and ends it with Enter (or Tab); a person types much slower. Keys whose
/// *arrival* times are within `gap` of each other are one burst:
///
/// - a burst ended by Enter or Tab is a **scan** (its keys never run as commands);
/// - a burst of several keys without Enter/Tab is **text** (it goes to the search field);
/// - a lone key — no other key within `gap` before or after it — is a **key** (a command, or a
///   character for the field that has focus).
///
/// Once a burst is plainly a scanner's (`scannerLength` keys at scanner pace on average), one key
/// that comes late — a hiccup of the terminal, the kernel's tty delivery or a loaded machine — may
/// still join it up to `hiccup` after the previous key; a person's lone keys never qualify.
///
/// Enter/Tab keys right after a scan (a scanner configured to send CR LF or Tab Enter) belong to
/// that scan and are dropped. Keys that are never part of a code (arrows, Esc, Backspace,
/// control keys) end a burst and pass through at once.
///
/// Pure: times are parameters (seconds, monotonic, *when the key arrived*). The UI loop feeds
/// every key that arrived, then calls `flush(now:)` with the time up to which it knows every
/// arrived key was fed (`deadline` tells when that matters).
public struct ScanBurstDetector<Key: Equatable & Sendable>: Sendable {
    /// How the detector sees a key.
    public enum KeyClass: Sendable, Equatable {
        case printable(Character)
        /// Enter or Tab: ends a scan.
        case terminator
        case other
    }

    public enum Output: Equatable, Sendable {
        case key(Key)
        case scan(String)
        case text(String)
    }

    /// Rounding slack (1 µs) so a gap of exactly `scan_gap_ms` still counts as within it.
    static var tolerance: Double { 0.000_001 }

    /// Longest gap between two keys of one burst (seconds): `scan_gap_ms`.
    public var gap: Double
    private let classify: @Sendable (Key) -> KeyClass
    private var buffer: [Key] = []
    private var text = ""
    private var lastAt: Double = -.infinity
    private var firstAt: Double = 0
    private var scanEndedAt: Double?
    /// Once a burst is plainly a scanner's — `scannerLength` keys or more, at scanner pace on
    /// average — one late key (the terminal, the kernel's tty delivery or this machine hiccuping)
    /// may come up to `hiccup` after the previous one without cutting the code in two.
    public var scannerLength: Int
    public var hiccup: Double

    public init(gap: Double = 0.050, scannerLength: Int = 4, hiccup: Double = 0.250,
                classify: @escaping @Sendable (Key) -> KeyClass) {
        self.gap = gap
        self.scannerLength = scannerLength
        self.hiccup = hiccup
        self.classify = classify
    }

    /// The longest gap the next key may follow the buffered ones and still join them.
    private var allowedGap: Double {
        let n = buffer.count
        guard n >= scannerLength, (lastAt - firstAt) / Double(n - 1) <= gap else { return gap }
        return max(gap, hiccup)
    }

    /// When the buffered keys are decided if nothing else arrives (nil: nothing buffered).
    public var deadline: Double? { buffer.isEmpty ? nil : lastAt + allowedGap }

    /// Feeds one key that arrived at `at`; returns what is now decided.
    public mutating func feed(_ key: Key, at: Double) -> [Output] {
        var out: [Output] = []
        if !buffer.isEmpty && at - lastAt > allowedGap + Self.tolerance { out += release() }
        let kind = classify(key)
        if kind == .terminator, let end = scanEndedAt, at - end <= gap + Self.tolerance {
            scanEndedAt = at
            return out
        }
        switch kind {
        case .printable(let c):
            if buffer.isEmpty { firstAt = at }
            buffer.append(key)
            text.append(c)
            lastAt = at
            scanEndedAt = nil
        case .terminator:
            if buffer.isEmpty {
                out.append(.key(key))
            } else {
                out.append(.scan(text))
                buffer.removeAll()
                text = ""
                scanEndedAt = at
            }
        case .other:
            out += release()
            out.append(.key(key))
            scanEndedAt = nil
        }
        return out
    }

    /// Decides the buffered keys once `now` is past the deadline: every key that arrived up to
    /// `now` must have been fed first.
    public mutating func flush(now: Double) -> [Output] {
        guard let deadline, now > deadline + Self.tolerance else { return [] }
        return release()
    }

    private mutating func release() -> [Output] {
        defer { buffer.removeAll(); text = "" }
        switch buffer.count {
        case 0: return []
        case 1: return [.key(buffer[0])]
        default: return [.text(text)]
        }
    }
}
