/// `badge` (the console) and `badge demo`.
///
/// PLUG-IN (console helper): the UI loop lives in `Sources/badge/ConsoleApp/`. Replace these
/// bodies with calls into it. Everything it needs is on the context: `ctx.store()`,
/// `ctx.config()` (theme from `--theme` already applied), `ctx.operatorName`,
/// `ctx.paths.logFile`, and `Composition.makeClient(for:)`. Start background tasks from a
/// nonisolated function (we are not on the main actor here).
enum ConsoleCommand {
    static func console(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("the console")
    }

    /// Options: `--attendees N` (default 500), `--provider eventbrite|luma`, `--latency MS`
    /// (`ctx.parsed.int("attendees")`, `ctx.parsed.option("provider")`, `ctx.parsed.int("latency")`).
    /// DECISION: the demo never touches the real database: it uses `--db` only when given
    /// explicitly (`ctx.parsed.globals.db`), else a fresh temporary one — not `BADGE_DB`.
    /// Simulator: `ProviderSimulator(config:)` + `start()`; connect with its `baseURL(for:)` and
    /// `credential(for:)` as `IntegrationsCommand.connect` does.
    static func demo(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge demo")
    }
}
