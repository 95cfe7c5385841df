import BadgeCore

/// The commands that run the sync engine: `events import|retry|reconnect`, `sync`, `watch`.
///
/// PLUG-IN (sync helper): replace the bodies. Available: `ctx.store()`,
/// `Resolver.event(_:in:)`, `Composition.makeClient(for:)` with the event's integration
/// (`store.integration(id:)` / `store.integration(provider:)`), `ctx.config().pollInterval`,
/// `ctx.authorize(.importEvent / .retryImport / .reconnectEvent / .manualSync)`, `AsyncBridge.run`,
/// `JSONOutput.syncResult(_:)` and `JSONOutput.event(_:stats:)` for `--json`,
/// `OutputWriter.note(_:)` for progress on stderr. A failed sync ends with `throw CLIError.failed(reason)`.
enum SyncCommands {
    /// `badge events import PROVIDER EXTERNAL_ID [--json]`
    static func importEvent(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge events import")
    }

    /// `badge events retry EVENT`
    static func retry(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge events retry")
    }

    /// `badge events reconnect EVENT`
    static func reconnect(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge events reconnect")
    }

    /// `badge sync EVENT [--json]`
    static func sync(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge sync")
    }

    /// `badge watch EVENT [--interval SECONDS] [--for SECONDS]`
    static func watch(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge watch")
    }
}
