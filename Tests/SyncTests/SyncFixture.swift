import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import TestSupport

/// A real SQLite store in a temporary directory, a simulator on loopback, and an engine wired to
/// them through the real URLSession transport — what every sync test starts from.
final class SyncFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let sim: SimulatorHarness
    let engine: SyncEngine
    let recorder: RecordingTransport

    init(attendees: Int = 300, events: Int = 1, seed: UInt64 = 7, config: SyncConfig = SyncConfig(),
         clock: any PolicyClock = SystemPolicyClock(), eventbriteLimit: RateBudget.Limit = .unlimited,
         lumaLimit: RateBudget.Limit = .unlimited, simulator: SimulatorConfig? = nil) throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore.open(path: dir.path + "/badge.sqlite")
        var simConfig = simulator ?? SimulatorConfig(attendees: attendees, events: events, seed: seed)
        simConfig.eventbriteRateLimit = max(simConfig.eventbriteRateLimit, 1_000_000)
        simConfig.lumaRateLimit = max(simConfig.lumaRateLimit, 1_000_000)
        sim = try SimulatorHarness(simConfig)
        recorder = RecordingTransport(inner: URLSessionTransport(), clock: clock)
        let quickRetry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxWait: 5, random: { 0.5 })
        factory = DefaultClientFactory.make(transport: recorder, clock: clock, eventbriteLimit: eventbriteLimit,
                                            lumaLimit: lumaLimit, retry: quickRetry)
        self.config = config
        self.clock = clock
        engine = SyncEngine(store: store, clientFactory: factory, config: config, clock: clock)
    }

    let factory: ProviderClientFactory
    let config: SyncConfig
    let clock: any PolicyClock

    /// A second engine over the same store and simulator (a restarted console or another desk).
    func makeEngine() -> SyncEngine {
        SyncEngine(store: store, clientFactory: factory, config: config, clock: clock)
    }

    deinit { sim.stop() }

    var simulator: ProviderSimulator { sim.simulator }

    func connect(_ provider: Provider) async throws {
        try await engine.connect(provider: provider, credential: sim.credential(for: provider),
                                 baseURL: sim.baseURL(for: provider))
    }

    /// Connects, imports the first event of `provider` to completion and returns it.
    func imported(_ provider: Provider) async throws -> Event {
        try await connect(provider)
        let externalId = sim.firstEventId(provider)!
        let event = try await engine.startImport(provider: provider, externalId: externalId)
        _ = try await engine.waitForImport(eventId: event.id)
        return try store.event(id: event.id)!
    }

    /// All rows of an event, keyed by provider attendee id.
    func rows(_ eventId: Int64) throws -> [String: Attendee] {
        let all = try store.attendees(AttendeeQuery(eventId: eventId, limit: 1_000_000))
        return Dictionary(uniqueKeysWithValues: all.map { ($0.providerAttendeeId, $0) })
    }

    /// The provider's own view of the event.
    func providerView(_ event: Event) throws -> [String: ProviderAttendee] {
        Dictionary(uniqueKeysWithValues: try simulator.attendees(event: event.externalId).map { ($0.providerAttendeeId, $0) })
    }
}

/// Wraps a transport and records when each request was sent (on the test's clock), so tests can
/// check the rate budget over any window.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let clock: any PolicyClock
    private let lock = NSLock()
    private var times: [Date] = []
    private var paths: [String] = []

    init(inner: any HTTPTransport, clock: any PolicyClock) {
        self.inner = inner
        self.clock = clock
    }

    var sendTimes: [Date] { lock.withLock { times } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            times.append(clock.now())
            paths.append(request.url.path)
        }
        return try await inner.send(request)
    }

    /// The most requests (whose path contains `pathPart`) sent within any window of `seconds`.
    func maxInAnyWindow(seconds: TimeInterval, pathPart: String = "") -> Int {
        let t = lock.withLock { zip(times, paths).filter { pathPart.isEmpty || $0.1.contains(pathPart) }.map(\.0) }.sorted()
        var best = 0
        var start = 0
        for end in t.indices {
            while t[end].timeIntervalSince(t[start]) >= seconds { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }
}
