/// When did a key arrive? The input thread only knows when it *read* the bytes; on a loaded
/// machine it may read them late, and a late read must never make a scanner's burst look like
/// two (SPEC §10). `ArrivalClock` keeps a proven lower bound for the next byte's arrival
/// (`quiet`): a poll that timed out proves nothing arrived while it waited; a read took everything
/// that had arrived before it started.
///
/// - A read within `promptSlack` of `quiet` stamps its keys with the read time (precise).
/// - A later read stamps them with `quiet`, the earliest they can have arrived: a late reader can
///   only join keys into one burst, never split one.
///
/// `quiet` is also the horizon: silence after a key is decided only where it is proven. Pure.
public struct ArrivalClock: Sendable, Equatable {
    /// Proven: no byte that is not yet read arrived before this time.
    public private(set) var quiet: Double
    /// How late a read may come after `quiet` and still be stamped with its own time.
    public let promptSlack: Double

    public init(start: Double, promptSlack: Double = 0.012) {
        self.quiet = start
        self.promptSlack = promptSlack
    }

    /// A poll that started at `started` waited `seconds` and saw nothing.
    public mutating func pollTimedOut(started: Double, waited seconds: Double) {
        quiet = max(quiet, started + seconds)
    }

    /// A read that started at `started` returned bytes at `readAt`: the time to stamp them with.
    public mutating func read(started: Double, readAt: Double) -> Double {
        let stamp = readAt - quiet <= promptSlack ? readAt : quiet
        quiet = max(quiet, started)
        return stamp
    }
}
