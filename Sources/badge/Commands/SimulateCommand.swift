/// `badge simulate`: serves the provider simulator on 127.0.0.1 until interrupted.
///
/// PLUG-IN (simulator helper): options already parsed and validated: `--port` (0…65535),
/// `--attendees`, `--events`, `--seed`, `--latency` (ints ≥ 0), `--live` (number ≥ 0),
/// `--token`, `--luma-key` (text) — read them with `ctx.parsed.int("port")` etc.
enum SimulateCommand {
    static func run(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge simulate")
    }
}
