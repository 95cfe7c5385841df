import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import TestSupport
import Testing

/// A real SQLite store in a temporary directory, a simulator on 127.0.0.1 and a sync engine wired
/// to them through the real URLSession transport (the SyncTests pattern), plus what reliability
/// tests need: a short client timeout, a transport that records statuses and can tamper with
/// requests, and "nothing lost" comparisons with the provider's own view.
final class ReliabilityFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let dbPath: String
    let store: SQLiteStore
    let sim: SimulatorHarness
    let engine: SyncEngine
    let recorder: RecordingTransport

    /// - Parameters:
    ///   - timeout: the clients' per-request timeout (short in the timeout tests).
    ///   - limits: the clients' rate budgets (unlimited: the simulator is the only limiter).
    ///   - realSimulatorLimits: keep the simulator's real rate limits (else effectively none).
    init(simulator: SimulatorConfig, timeout: TimeInterval = 30, config: SyncConfig = SyncConfig(),
         eventbriteLimit: RateBudget.Limit = .unlimited, lumaLimit: RateBudget.Limit = .unlimited,
         retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxWait: 5, random: { 0.5 }),
         realSimulatorLimits: Bool = false, checkBodies: Bool = false) throws {
        dir = try TemporaryDirectory(prefix: "badge-reliability")
        dbPath = dir.file("badge.sqlite")
        store = try SQLiteStore.open(path: dbPath)
        var simConfig = simulator
        if !realSimulatorLimits {
            simConfig.eventbriteRateLimit = max(simConfig.eventbriteRateLimit, 1_000_000)
            simConfig.lumaRateLimit = max(simConfig.lumaRateLimit, 1_000_000)
        }
        sim = try SimulatorHarness(simConfig)
        let recorder = RecordingTransport(inner: URLSessionTransport(), checkBodies: checkBodies)
        self.recorder = recorder
        let factory: ProviderClientFactory = { integration in
            guard let url = URL(string: integration.baseURL) else {
                throw ProviderError.badRequest("invalid base URL")
            }
            switch integration.provider {
            case .eventbrite:
                return EventbriteClient(baseURL: url, token: integration.credential, transport: recorder,
                                        limit: eventbriteLimit, retry: retry, timeout: timeout)
            case .luma:
                return LumaClient(baseURL: url, apiKey: integration.credential, transport: recorder,
                                  limit: lumaLimit, retry: retry, timeout: timeout)
            }
        }
        engine = SyncEngine(store: store, clientFactory: factory, config: config)
    }

    deinit { sim.stop() }

    var simulator: ProviderSimulator { sim.simulator }

    func connect(_ provider: Provider) async throws {
        try await engine.connect(provider: provider, credential: sim.credential(for: provider),
                                 baseURL: sim.baseURL(for: provider))
    }

    /// Connects and starts the import of the first event of `provider`.
    func startImport(_ provider: Provider) async throws -> Event {
        try await connect(provider)
        return try await engine.startImport(provider: provider, externalId: sim.firstEventId(provider)!)
    }

    /// Connects, imports the first event of `provider` to completion and returns it.
    func imported(_ provider: Provider) async throws -> Event {
        let event = try await startImport(provider)
        _ = try await engine.waitForImport(eventId: event.id)
        return try store.event(id: event.id)!
    }

    func event(_ id: Int64) throws -> Event { try store.event(id: id)! }

    /// All rows of an event (as a list: duplicates would show).
    func rowList(_ eventId: Int64) throws -> [Attendee] {
        try store.attendees(AttendeeQuery(eventId: eventId, limit: 10_000_000))
    }

    /// All rows of an event keyed by provider attendee id.
    func rows(_ eventId: Int64) throws -> [String: Attendee] {
        Dictionary(try rowList(eventId).map { ($0.providerAttendeeId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The provider's own view of the event.
    func providerView(_ externalId: String) throws -> [String: ProviderAttendee] {
        Dictionary(uniqueKeysWithValues: try simulator.attendees(event: externalId).map { ($0.providerAttendeeId, $0) })
    }

    /// Differences between the database and the provider (ids, names, statuses, duplicates);
    /// empty when they match exactly.
    func mismatches(_ event: Event) throws -> [String] {
        Reconcile.mismatches(rows: try rowList(event.id), provider: try providerView(event.externalId))
    }

    /// Zeroes the simulator's and the recorder's counts (before injecting a fault).
    func resetCounts() {
        simulator.resetCounters()
        recorder.resetStatuses()
    }

    /// Whether a fault was actually served since `resetCounts()`: the client saw a bad response
    /// or failure, or the simulator answered more requests than the client sent (URLSession
    /// silently re-sends a GET whose reused connection was reset).
    var faultServed: Bool {
        recorder.anomalies > 0 || simulator.requestCounts().total > recorder.requestsSent
    }

    /// Records the differences between the database and the provider, if any.
    func expectExact(_ event: Event, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try mismatches(event)
        #expect(problems.isEmpty, "\(context) \(problems)", sourceLocation: sourceLocation)
    }

    /// Runs `body` until it returns true or `seconds` pass (state polling, not a timed assertion).
    func eventually(seconds: TimeInterval = 30, _ body: () async throws -> Bool) async rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await body() { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return try await body()
    }
}
