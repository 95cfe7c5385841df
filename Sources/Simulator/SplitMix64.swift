/// SplitMix64: a tiny, fast, seedable generator so the dataset is identical for a given seed on
/// every platform (never `SystemRandomNumberGenerator` for data).
struct SplitMix64: RandomNumberGenerator {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// A value in 0..<bound (bound > 0), by multiply-shift (no modulo bias worth caring about here).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < p
    }

    /// The SplitMix64 finaliser: a good 64-bit hash of its input.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hash of several values, for ids derived from (seed, event, index, salt).
    static func hash(_ values: UInt64...) -> UInt64 {
        var h: UInt64 = 0x51_7CC1_B727_220A
        for value in values { h = mix(h ^ mix(value &+ 0x9E37_79B9_7F4A_7C15)) }
        return h
    }

    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// A base-62 id of `length` characters derived from `value` (Luma-style `evt-…`, `gst-…`).
    static func base62(_ value: UInt64, length: Int) -> String {
        var v = value
        var out = [UInt8]()
        out.reserveCapacity(length)
        for i in 0..<length {
            if i == 10 { v = mix(value ^ 0xA5A5) }
            out.append(alphabet[Int(v % 62)])
            v /= 62
        }
        return String(decoding: out, as: UTF8.self)
    }
}
