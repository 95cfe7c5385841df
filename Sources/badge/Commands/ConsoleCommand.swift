import BadgeCore
import Console
import Foundation
import Printing
import Providers

/// `badge` (the console) and `badge demo`.
enum ConsoleCommand {
    static func console(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        var config = try ctx.config()
        // On a shared database an unnamed desk goes by the host name (SPEC §11).
        if config.station == nil && ctx.databaseLocation.isShared { config.station = try ctx.station() }
        // Where this desk's prints go (issue #16): its own printer, or a print station's queue.
        if let station = ctx.parsed.option("print-station") {
            config.printStation = try DeskPrinting.stationName(station, ctx)
            config.printer = nil
        } else if let printer = ctx.parsed.option("printer") {
            config.printer = printer
            config.printStation = nil
        }
        if let printer = config.printer, config.printStation == nil { _ = try DeskPrinting.address(printer, ctx) }
        let engine = Composition.makeEngine(store: store, config: config, log: ctx.log)
        let session = ConsoleSession(
            store: store, engine: engine, config: config, operatorName: ctx.parsed.globals.operatorName,
            badgeDirectory: (ctx.paths.dataDirectory as NSString).appendingPathComponent("badges"),
            fontSearchPaths: try fontPaths(ctx), log: ctx.log)
        try session.run()
    }

    /// `badge kiosk EVENT [--idle SECONDS]`: the console opened as the self check-in kiosk.
    /// DECISION: it refuses to start without an admin member — an admin's PIN is what closes it,
    /// and with no members there would be no lock at all.
    static func kiosk(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        guard event.purgedAt == nil else {
            throw CLIError.failed("event \(event.id) was purged: there is no one to check in")
        }
        guard try store.members().contains(where: { $0.role == .admin }) else {
            throw CLIError.failed("the kiosk needs an admin member, whose PIN closes it: "
                                  + "badge members add NAME --role admin")
        }
        var config = try ctx.config()
        if config.station == nil { config.station = ctx.databaseLocation.isShared ? try ctx.station() : "kiosk" }
        let idle = TimeInterval(ctx.parsed.int("idle") ?? Int(kioskIdleSeconds))
        let engine = Composition.makeEngine(store: store, config: config, log: ctx.log)
        let session = ConsoleSession(
            store: store, engine: engine, config: config, operatorName: nil,
            badgeDirectory: (ctx.paths.dataDirectory as NSString).appendingPathComponent("badges"),
            fontSearchPaths: try fontPaths(ctx), log: ctx.log)
        try session.run(prepare: { state in state.startKiosk(event, now: Date(), idleSeconds: idle) })
    }

    /// `badge demo [--attendees N] [--provider eventbrite|luma] [--latency MS] [--db PATH]`.
    /// DECISION: the demo never touches the real database: it uses `--db` only when given
    /// explicitly, else a fresh temporary one — not `BADGE_DB`.
    static func demo(_ ctx: CommandContext) throws {
        let attendees = ctx.parsed.int("attendees") ?? DemoSession.defaultAttendees
        guard (1...200_000).contains(attendees) else { throw ctx.usage("--attendees must be 1 to 200000") }
        let provider = try ctx.parsed.option("provider").map(Resolver.provider) ?? .eventbrite
        let latency = ctx.parsed.int("latency") ?? DemoSession.defaultLatencyMs(provider)
        guard (0...10_000).contains(latency) else { throw ctx.usage("--latency must be 0 to 10000 ms") }
        if ctx.parsed.flag("shared") && ctx.parsed.globals.db != nil {
            throw ctx.usage("--shared starts its own PostgreSQL server: leave out --db")
        }
        let demo = DemoSession(attendees: attendees, provider: provider, latencyMs: latency,
                               databasePath: ctx.parsed.globals.db, shared: ctx.parsed.flag("shared"),
                               desk: ctx.parsed.globals.desk, config: try ctx.config(),
                               operatorName: ctx.parsed.globals.operatorName,
                               fontSearchPaths: try fontPaths(ctx), log: ctx.log)
        try demo.run()
    }

    private static func fontPaths(_ ctx: CommandContext) throws -> [String] {
        var paths = FontSet.searchPaths(environment: ctx.environment)
        if let font = try ctx.config().font { paths.insert(font, at: 0) }
        return paths
    }
}
