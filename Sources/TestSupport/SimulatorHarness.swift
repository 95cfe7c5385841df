import BadgeCore
import Foundation
import Simulator

/// A provider simulator on an ephemeral 127.0.0.1 port for one test: start it, use its base URLs
/// and credentials, stop it (also on deinit).
public final class SimulatorHarness: Sendable {
    public let simulator: ProviderSimulator
    public let config: SimulatorConfig
    public let port: Int

    /// Starts a simulator with `config` (its port is forced to 0 = ephemeral).
    public init(_ config: SimulatorConfig = SimulatorConfig(attendees: 120, events: 1)) throws {
        var config = config
        config.port = 0
        self.config = config
        simulator = ProviderSimulator(config: config)
        port = try simulator.start()
    }

    deinit { simulator.stop() }

    public func stop() { simulator.stop() }

    /// `http://127.0.0.1:PORT/v3`.
    public var eventbriteBaseURL: String { simulator.baseURL(for: .eventbrite) }
    /// `http://127.0.0.1:PORT`.
    public var lumaBaseURL: String { simulator.baseURL(for: .luma) }

    public func baseURL(for provider: Provider) -> String { simulator.baseURL(for: provider) }

    /// The accepted token (Eventbrite) or API key (Luma).
    public func credential(for provider: Provider) -> String { simulator.credential(for: provider) }

    /// The first served event of a provider.
    public func firstEventId(_ provider: Provider) -> String? { simulator.eventIds(for: provider).first }

    /// Runs `body` with a started simulator and stops it afterwards, even when `body` throws.
    public static func with<T>(_ config: SimulatorConfig = SimulatorConfig(attendees: 120, events: 1),
                               _ body: (SimulatorHarness) async throws -> T) async throws -> T {
        let harness = try SimulatorHarness(config)
        defer { harness.stop() }
        return try await body(harness)
    }
}
