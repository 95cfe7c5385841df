/// Tells scanner input from typing (SPEC §3). A USB scanner "types" a whole code in a few
/// milliseconds and ends it with Enter; a person types much slower. Keys arriving within
/// `burstGap` of each other are buffered as one burst; a burst of at least `minimumLength`
/// printable characters ended by Enter is a scan. Anything else is replayed as ordinary keys once
/// no further key follows within `settleDelay` — so a scanned letter never triggers a command.
///
/// Pure: times are parameters (seconds, monotonic). The UI loop calls `feed` for each key and
/// `flush(now:)` when its read times out (`deadline` tells when).
public struct ScanBurstDetector<Key: Equatable & Sendable>: Sendable {
    /// How the detector sees a key.
    public enum KeyClass: Sendable, Equatable {
        case printable(Character)
        case enter
        case other
    }

    public enum Output: Equatable, Sendable {
        case key(Key)
        case scan(String)
    }

    public var burstGap: Double
    public var settleDelay: Double
    public var minimumLength: Int
    private let classify: @Sendable (Key) -> KeyClass
    private var buffer: [Key] = []
    private var text = ""
    private var lastAt: Double = -.infinity

    public init(burstGap: Double = 0.012, settleDelay: Double = 0.030, minimumLength: Int = 4,
                classify: @escaping @Sendable (Key) -> KeyClass) {
        self.burstGap = burstGap
        self.settleDelay = settleDelay
        self.minimumLength = minimumLength
        self.classify = classify
    }

    /// When the buffered keys must be released if nothing else arrives (nil: nothing buffered).
    public var deadline: Double? { buffer.isEmpty ? nil : lastAt + settleDelay }

    /// Feeds one key read at time `at`; returns what is now decided.
    public mutating func feed(_ key: Key, at: Double) -> [Output] {
        var out: [Output] = []
        if !buffer.isEmpty && at - lastAt > burstGap { out += release() }
        switch classify(key) {
        case .printable(let c):
            buffer.append(key)
            text.append(c)
            lastAt = at
        case .enter:
            if !buffer.isEmpty && at - lastAt <= burstGap && text.count >= minimumLength {
                out.append(.scan(text))
                buffer.removeAll()
                text = ""
            } else {
                out += release()
                out.append(.key(key))
            }
        case .other:
            out += release()
            out.append(.key(key))
        }
        return out
    }

    /// Releases buffered keys as ordinary keys once `settleDelay` passed without another key.
    public mutating func flush(now: Double) -> [Output] {
        guard let deadline, now >= deadline else { return [] }
        return release()
    }

    private mutating func release() -> [Output] {
        defer { buffer.removeAll(); text = "" }
        return buffer.map { .key($0) }
    }
}
