import BadgeCore
import Foundation
import Simulator
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
        sim.warmRenderCache()
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

extension SimulatorRig {
    /// A connected integration of `provider` at this rig (for building a client directly).
    func integration(_ provider: Provider) -> Integration {
        Integration(provider: provider, accountLabel: "bench", credential: credential(provider),
                    baseURL: baseURL(provider))
    }
}
