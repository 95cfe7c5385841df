#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BadgeCore
import Foundation

/// `badge simulate`: start the simulator, print where it listens and what it serves, then serve
/// until SIGINT or SIGTERM.
public enum SimulateCommand {
    /// Runs until SIGINT/SIGTERM; returns the process exit code (0, or 1 when the port cannot be bound).
    public static func run(_ config: SimulatorConfig,
                           output: @escaping @Sendable (String) -> Void = SimulateCommand.writeStdout,
                           errorOutput: @escaping @Sendable (String) -> Void = SimulateCommand.writeStderr) -> Int32 {
        let simulator = ProviderSimulator(config: config)
        do {
            try simulator.start()
        } catch {
            errorOutput("badge simulate: \(error)\n")
            return 1
        }
        let done = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "badge.simulate.signals")
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        output(banner(simulator))
        done.wait()
        output("Stopping the simulator.\n")
        simulator.stop()
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        return 0
    }

    /// What `run` prints: the port and base URLs first (scripts read the first line), then the
    /// simulator's credentials (made-up values, not secrets), the events and example commands.
    public static func banner(_ simulator: ProviderSimulator) -> String {
        let config = simulator.config
        var lines = ["Provider simulator listening on http://127.0.0.1:\(simulator.port)"]
        lines.append("  Eventbrite  base URL \(simulator.baseURL(for: .eventbrite))  token \(config.eventbriteToken)")
        lines.append("  Luma        base URL \(simulator.baseURL(for: .luma))  API key \(config.lumaKey)")
        lines.append("  Seed \(config.seed), \(config.attendees) attendees per event"
                     + (config.latencyMs > 0 ? ", latency \(config.latencyMs) ms" : "")
                     + (config.liveRate > 0 ? ", \(config.liveRate) live changes per minute" : ""))
        lines.append("Events:")
        for event in simulator.events() {
            lines.append("  \(event.provider.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                         + "\(event.externalId)  \(event.name) (\(event.attendeeCount) registrations)")
        }
        lines.append("Try:")
        lines.append("  badge integrations connect eventbrite --token \(config.eventbriteToken) --base-url \(simulator.baseURL(for: .eventbrite))")
        lines.append("  badge integrations connect luma --api-key \(config.lumaKey) --base-url \(simulator.baseURL(for: .luma))")
        lines.append("Control API: http://127.0.0.1:\(simulator.port)/_sim/  (Ctrl-C to stop)")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func writeStdout(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
