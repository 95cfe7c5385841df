import Foundation
import Simulator

/// `badge simulate`: serves the provider simulator on 127.0.0.1 until SIGINT/SIGTERM. The
/// simulator module owns the server and the banner; this maps the parsed options onto it.
enum SimulatorCommand {
    static func config(_ parsed: ParsedCommand) -> SimulatorConfig {
        var config = SimulatorConfig()
        if let port = parsed.int("port") { config.port = UInt16(port) }
        if let n = parsed.int("attendees") { config.attendees = n }
        if let k = parsed.int("events") { config.events = k }
        if let seed = parsed.int("seed") { config.seed = UInt64(seed) }
        if let ms = parsed.int("latency") { config.latencyMs = ms }
        if let rate = parsed.double("live") { config.liveRate = rate }
        if let token = parsed.option("token"), !token.isEmpty { config.eventbriteToken = token }
        if let key = parsed.option("luma-key"), !key.isEmpty { config.lumaKey = key }
        return config
    }

    static func run(_ ctx: CommandContext) throws {
        ctx.out.flush()
        let code = SimulateCommand.run(config(ctx.parsed), errorOutput: { text in
            var reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.hasPrefix("badge simulate: ") { reason.removeFirst("badge simulate: ".count) }
            OutputWriter.note(CLIError.failed(reason).message)
        })
        if code != 0 { throw CLIError.alreadyReported(code) }
    }
}
