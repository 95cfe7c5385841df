import BadgeCore
import Foundation
import Storage
import Sync

/// The commands that run the sync engine: `events import|retry|reconnect`, `sync`, `watch`.
enum SyncCommands {
    /// `badge events import PROVIDER EXTERNAL_ID [--json]`: runs the import to completion, with a
    /// progress bar on stderr when it is a terminal (plain lines otherwise).
    static func importEvent(_ ctx: CommandContext) throws {
        let provider = try Resolver.provider(ctx.parsed.argument("PROVIDER") ?? "")
        guard let externalId = ctx.parsed.argument("EXTERNAL_ID"), !externalId.isEmpty else {
            throw ctx.usage("missing EXTERNAL_ID (see badge events available \(provider.rawValue))")
        }
        try ctx.authorize(.importEvent)
        let store = try ctx.store()
        if let existing = try store.event(provider: provider, externalId: externalId) { try refuseIfPurged(existing) }
        let engine = try makeEngine(ctx)
        let result = try runJob(engine: engine, json: ctx.wantsJSON) {
            let event = try await engine.startImport(provider: provider, externalId: externalId)
            return try await engine.waitForImport(eventId: event.id)
        }
        try audit(ctx, "event.import", "\(provider.rawValue):\(externalId)")
        try report(ctx, result, store: store, verb: "Imported")
    }

    /// `badge events retry EVENT`: resumes a stopped import, or runs one sync now.
    static func retry(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try refuseIfPurged(event)
        try ctx.authorize(.retryImport)
        let engine = try makeEngine(ctx)
        let result = try runJob(engine: engine, json: ctx.wantsJSON) { try await engine.retry(eventId: event.id) }
        try audit(ctx, "event.retry", event.qualifiedId)
        try report(ctx, result, store: store, verb: event.syncStatus == .pending ? "Imported" : "Synced")
    }

    /// `badge events reconnect EVENT`: re-imports a DISCONNECTED event after its integration was
    /// connected again, keeping VIP flags, check-ins and print history.
    static func reconnect(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try refuseIfPurged(event)
        try ctx.authorize(.reconnectEvent)
        let engine = try makeEngine(ctx)
        let result = try runJob(engine: engine, json: ctx.wantsJSON) {
            let started = try await engine.reconnect(eventId: event.id)
            return try await engine.waitForImport(eventId: started.id)
        }
        try audit(ctx, "event.reconnect", event.qualifiedId)
        try report(ctx, result, store: store, verb: "Reconnected and imported")
    }

    /// `badge events confirm-cancellations EVENT [--json]` (admin): the full scan again, applying
    /// the cancellations the mass-cancellation guard held back.
    static func confirmCancellations(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try refuseIfPurged(event)
        try ctx.authorize(.confirmCancellations)
        let engine = try makeEngine(ctx)
        let result = try runJob(engine: engine, json: ctx.wantsJSON) {
            try await engine.confirmMassCancellation(eventId: event.id)
        }
        try audit(ctx, "event.confirm-cancellations",
                  "\(event.qualifiedId): \(event.heldCancellation?.summary ?? "nothing held")")
        try report(ctx, result, store: store, verb: "Confirmed; synced")
    }

    /// `badge sync EVENT [--json]`: one-shot manual resync.
    static func sync(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try refuseIfPurged(event)
        try ctx.authorize(.manualSync)
        let engine = try makeEngine(ctx)
        let result = try runJob(engine: engine, json: ctx.wantsJSON) { try await engine.resync(eventId: event.id) }
        try report(ctx, result, store: store, verb: "Synced")
    }

    /// `badge watch EVENT [--interval SECONDS] [--for SECONDS]`: live sync without the console;
    /// one line per poll that changed something (and per failure). On a shared database it polls
    /// only while this desk leads the event (one poller per event), and says which desk does.
    static func watch(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try refuseIfPurged(event)
        let interval = try ctx.parsed.double("interval") ?? ctx.config().pollInterval
        guard interval >= 1 else { throw ctx.usage("--interval must be at least 1 second") }
        let duration = ctx.parsed.double("for")
        if let duration, duration <= 0 { throw ctx.usage("--for must be positive") }
        let engine = try makeEngine(ctx)
        let eventId = event.id
        let deadline = duration.map { Date().addingTimeInterval($0) }
        OutputWriter.note("Watching \(event.qualifiedId) every \(Int(interval)) s"
                          + (duration.map { " for \(Int($0)) s" } ?? " (Ctrl-C to stop)") + ".")
        let coordinator = store as? any SyncCoordinator
        try AsyncBridge.run {
            var shownLeader: String?
            while deadline.map({ Date() < $0 }) ?? true {
                var line: String?
                var pause = interval
                do {
                    if let r = try await engine.pollIfLeading(eventId: eventId) {
                        line = "\(ISO8601.format(Date())) \(r.syncStatus.rawValue) +\(r.counts.added) added, "
                            + "\(r.counts.updated) updated, \(r.counts.cancelled) cancelled (\(r.requests) requests)"
                        shownLeader = nil
                    } else {
                        // A shared database and another desk syncs the event (SPEC §11 "One
                        // poller per event"): it polls for every desk; this one asks each second
                        // and takes over when that desk goes away.
                        let leader = ((try? coordinator?.syncLeader(eventId: eventId)) ?? nil) ?? "another desk"
                        if leader != shownLeader {
                            line = "\(ISO8601.format(Date())) \(leader) syncs \(event.qualifiedId); "
                                + "this desk takes over if it goes away"
                            shownLeader = leader
                        }
                        pause = min(interval, 1)
                    }
                } catch {
                    let failed = "\(ISO8601.format(Date())) sync failed: \(BadgeCLI.describe(error))"
                    line = failed
                    if case .some(.disconnected) = try? store.event(id: eventId)?.syncStatus {
                        OutputWriter.note(failed)
                        throw CLIError.failed("\(event.provider.displayName) rejected the credential: "
                                              + "badge integrations connect \(event.provider.rawValue) …, then badge events reconnect \(event.qualifiedId)")
                    }
                }
                if let line { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
                let remaining = deadline.map { $0.timeIntervalSinceNow } ?? pause
                if remaining <= 0 { break }
                try await Task.sleep(nanoseconds: UInt64(min(pause, remaining) * 1_000_000_000))
            }
        }
    }

    // MARK: - Helpers

    /// A purged event never takes provider data again (the store refuses it too): one line, before
    /// any request is made.
    static func refuseIfPurged(_ event: Event) throws {
        if let at = event.purgedAt {
            throw CLIError.failed(StorageError.eventPurged(event: event.qualifiedId, at: at).description)
        }
    }

    private static func makeEngine(_ ctx: CommandContext) throws -> SyncEngine {
        Composition.makeEngine(store: try ctx.store(), config: try ctx.config(), log: ctx.log)
    }

    /// Runs one engine job, showing import progress on stderr; turns failures into one line.
    private static func runJob(engine: SyncEngine, json: Bool,
                               _ body: @escaping @Sendable () async throws -> SyncResult?) throws -> SyncResult? {
        let progress = ProgressPrinter(isTerminal: isatty(STDERR_FILENO) == 1)
        do {
            return try AsyncBridge.run {
                let stream = await engine.notifications()
                let printer = Task {
                    for await n in stream {
                        if case .importProgressed(_, let p) = n { progress.show(p) }
                    }
                }
                defer { printer.cancel() }
                let result = try await body()
                progress.finish(succeeded: true)
                await engine.shutdown()
                return result
            }
        } catch {
            progress.finish()
            throw CLIError.failed(BadgeCLI.describe(error))
        }
    }

    private static func report(_ ctx: CommandContext, _ result: SyncResult?, store: any BadgeStore, verb: String) throws {
        _ = store
        guard let result else { return }
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.syncResult(result))
            return
        }
        let c = result.counts
        ctx.out.line("\(verb) event #\(result.eventId): \(result.syncStatus.rawValue), \(c.added) added, "
                     + "\(c.updated) updated, \(c.cancelled) cancelled, \(c.unchanged) unchanged "
                     + "(\(result.requests) requests, \(result.durationMs) ms).")
    }

    private static func audit(_ ctx: CommandContext, _ action: String, _ detail: String) throws {
        try ctx.store().recordAudit(operatorName: ctx.operatorName, action: action, detail: detail, at: Date())
    }
}
