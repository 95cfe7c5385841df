import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync

/// A provider simulator for the benchmarks: in-process with rate limits raised out of the way
/// (or an external one at `--base-url`), plus helpers to import an event into a fresh store.
final class SimulatorRig: @unchecked Sendable {
    let simulator: ProviderSimulator?
    let attendees: Int
    private let external: String?

    init(attendees: Int, latencyMs: Int = 0, baseURL: String? = nil) throws {
        self.attendees = attendees
        external = baseURL
        if baseURL != nil {
            simulator = nil
            return
        }
        let config = SimulatorConfig(port: 0, attendees: attendees, events: 1, seed: 42, latencyMs: latencyMs,
                                     eventbriteRateLimit: 1_000_000_000, eventbriteRateWindowSeconds: 1,
                                     lumaRateLimit: 1_000_000_000, lumaRateWindowSeconds: 1)
        let sim = ProviderSimulator(config: config)
        try sim.start()
        simulator = sim
    }

    deinit { simulator?.stop() }

    func stop() { simulator?.stop() }

    func baseURL(_ provider: Provider) -> String {
        if let external {
            let trimmed = external.hasSuffix("/") ? String(external.dropLast()) : external
            return provider == .eventbrite ? trimmed + "/v3" : trimmed
        }
        return simulator!.baseURL(for: provider)
    }

    func credential(_ provider: Provider) -> String {
        simulator?.credential(for: provider)
            ?? (provider == .eventbrite ? SimulatorConfig().eventbriteToken : SimulatorConfig().lumaKey)
    }

    /// The event to import: the simulator's first of the provider (or the first the account lists).
    func eventId(_ provider: Provider, engine: SyncEngine) async throws -> String {
        if let simulator, let id = simulator.eventIds(for: provider).first { return id }
        guard let first = try await engine.availableEvents(provider: provider).first else {
            throw BenchError.failed("no \(provider.rawValue) event at \(baseURL(provider))")
        }
        return first.externalId
    }
}

/// A fresh SQLite store in its own temporary directory, removed by `remove()`.
final class TempStore: @unchecked Sendable {
    let dir: String
    let path: String
    let store: SQLiteStore

    init() throws {
        dir = NSTemporaryDirectory() + "badge-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/badge.sqlite"
        store = try SQLiteStore.open(path: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// Counts requests by kind so the network floor can be computed: `page=N` (N ≥ 2) requests of a
/// full scan are the ones the Eventbrite client fetches concurrently; everything else is sequential.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var pageRequests = 0
    private var otherRequests = 0

    init(inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        // Page 1 and the change sweep (`changed_since`) wait for what comes before them; pages
        // 2… of a full scan are the ones fetched ahead concurrently.
        let items = (request.url.query ?? "").split(separator: "&")
        let page = items.first { $0.hasPrefix("page=") }.flatMap { Int($0.dropFirst(5)) }
        let isPage = (page ?? 0) >= 2 && !items.contains { $0.hasPrefix("changed_since=") }
        lock.withLock { if isPage { pageRequests += 1 } else { otherRequests += 1 } }
        return try await inner.send(request)
    }

    var counts: (page: Int, other: Int) { lock.withLock { (pageRequests, otherRequests) } }

    func reset() { lock.withLock { pageRequests = 0; otherRequests = 0 } }
}

/// One import through the product's path: `SyncEngine.startImport` + `waitForImport` into a
/// fresh `SQLiteStore`, over the real `URLSessionTransport`, with `.unlimited` rate budgets.
struct ImportRun {
    var wallMs: Double
    var cpuMs: Double
    var attendees: Int
    var requests: (page: Int, other: Int)
    var result: SyncResult?
}

enum ImportDriver {
    static func engine(store: any BadgeStore, transport: any HTTPTransport, config: SyncConfig = SyncConfig()) -> SyncEngine {
        SyncEngine(store: store,
                   clientFactory: DefaultClientFactory.make(transport: transport, eventbriteLimit: .unlimited,
                                                            lumaLimit: .unlimited),
                   config: config)
    }

    /// Imports the rig's event of `provider` into `store`; the store is left with the data.
    static func importOnce(_ rig: SimulatorRig, _ provider: Provider, into store: any BadgeStore) async throws
        -> (ImportRun, SyncEngine, Event)
    {
        let counting = CountingTransport(inner: URLSessionTransport())
        let engine = engine(store: store, transport: counting)
        try await engine.connect(provider: provider, credential: rig.credential(provider), baseURL: rig.baseURL(provider))
        let externalId = try await rig.eventId(provider, engine: engine)
        counting.reset()
        let cpu0 = ProcessClock.processCPU()
        let t0 = ProcessClock.now()
        let event = try await engine.startImport(provider: provider, externalId: externalId)
        let result = try await engine.waitForImport(eventId: event.id)
        let wall = (ProcessClock.now() - t0) * 1000
        let cpu = (ProcessClock.processCPU() - cpu0) * 1000
        let count = try store.attendeeCount(AttendeeQuery(eventId: event.id))
        guard count > 0, result?.syncStatus == .active else {
            throw BenchError.failed("\(provider.rawValue) import ended \(String(describing: result?.syncStatus)) with \(count) rows")
        }
        return (ImportRun(wallMs: wall, cpuMs: cpu, attendees: count, requests: counting.counts, result: result),
                engine, event)
    }
}
