import Foundation

/// Everything `badge simulate`, `badge demo`, tests and benchmarks can tune about the simulator.
/// Defaults follow the real providers (rate limits, page sizes) and PROVIDERS.md §3.
public struct SimulatorConfig: Sendable, Equatable {
    /// TCP port on 127.0.0.1; 0 picks a free ephemeral port (reported by `start()`).
    public var port: UInt16
    /// Attendees (Eventbrite) / guests (Luma) generated per event.
    public var attendees: Int
    /// Events generated per provider.
    public var events: Int
    /// Seed of all generated data and of live changes.
    public var seed: UInt64
    /// Added to every provider response, with ±20 % deterministic jitter.
    public var latencyMs: Int
    /// Live changes per minute (registrations, edits, cancellations, provider check-ins); 0 = off.
    public var liveRate: Double
    /// The accepted Eventbrite OAuth token.
    public var eventbriteToken: String
    /// The accepted Luma API key.
    public var lumaKey: String
    /// Eventbrite: calls per token per window (real: 2,000 per hour).
    public var eventbriteRateLimit: Int
    public var eventbriteRateWindowSeconds: Int
    /// Luma: calls per key per window (real: 200 per minute).
    public var lumaRateLimit: Int
    public var lumaRateWindowSeconds: Int
    /// Registrations fall in the 60 days before this moment, provider check-ins in the hour
    /// before it, and event k starts k days after it. Fixed by default so data is reproducible;
    /// pass `Date()` to make the events "today".
    public var referenceDate: Date
    /// Connections served at once (one thread each).
    public var maxConnections: Int

    /// 2026-03-14T08:00:00Z.
    public static let defaultReferenceDate = Date(timeIntervalSince1970: 1_773_475_200)

    public init(port: UInt16 = 0, attendees: Int = 500, events: Int = 2, seed: UInt64 = 1, latencyMs: Int = 0,
                liveRate: Double = 0, eventbriteToken: String = "sim-eventbrite-token",
                lumaKey: String = "sim-luma-key", eventbriteRateLimit: Int = 2_000,
                eventbriteRateWindowSeconds: Int = 3_600, lumaRateLimit: Int = 200,
                lumaRateWindowSeconds: Int = 60, referenceDate: Date = SimulatorConfig.defaultReferenceDate,
                maxConnections: Int = 128) {
        self.port = port
        self.attendees = attendees
        self.events = events
        self.seed = seed
        self.latencyMs = latencyMs
        self.liveRate = liveRate
        self.eventbriteToken = eventbriteToken
        self.lumaKey = lumaKey
        self.eventbriteRateLimit = eventbriteRateLimit
        self.eventbriteRateWindowSeconds = eventbriteRateWindowSeconds
        self.lumaRateLimit = lumaRateLimit
        self.lumaRateWindowSeconds = lumaRateWindowSeconds
        self.referenceDate = referenceDate
        self.maxConnections = maxConnections
    }
}
