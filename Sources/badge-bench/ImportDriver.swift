import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync

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
