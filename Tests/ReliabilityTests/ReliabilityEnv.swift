import Foundation

/// Switches for the long variants (the quick versions run in the normal suite).
enum ReliabilityEnv {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `BADGE_FULL_RELIABILITY=1`: 20+ crash trials, bigger soak.
    static var full: Bool { environment["BADGE_FULL_RELIABILITY"].map { $0 == "1" || $0 == "true" } ?? false }

    /// `BADGE_SOAK_MINUTES`: soak duration (default 20 s).
    static var soakSeconds: TimeInterval {
        if let text = environment["BADGE_SOAK_MINUTES"], let minutes = Double(text), minutes > 0 { return minutes * 60 }
        return 20
    }

    /// Seed of the random kill points (`BADGE_CRASH_SEED` reproduces a run; printed on failure).
    static var crashSeed: UInt64 {
        environment["BADGE_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
    }
}

/// A small seeded generator so kill points can be reproduced from the recorded seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
