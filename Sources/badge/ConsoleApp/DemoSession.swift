import BadgeCore
import Console
import Foundation
import LocalPostgres
import PostgresStore
import Providers
import Simulator
import Storage
import Sync

/// `badge demo`: the built-in provider simulator on an ephemeral loopback port with live
/// registrations, connected and importing, and the console opened on the import — no account,
/// no setup. Without `--db` the database is a fresh temporary file removed on exit.
struct DemoSession {
    var attendees: Int
    var provider: Provider
    var latencyMs: Int
    var databasePath: String?
    /// `--shared`: a throwaway PostgreSQL server instead of a SQLite file (SPEC §11).
    var shared: Bool = false
    var desk: String?
    var config: BadgeConfig
    var operatorName: String?
    var fontSearchPaths: [String]
    var log: any LogSink

    /// Attendees of the demo event without `--attendees` (the help text states this value).
    static let defaultAttendees = 2_500

    /// Default simulated latency per request: the Eventbrite import fetches pages several at a
    /// time, Luma's cursor pages one after another, so each shows its progress screen for about
    /// five seconds with the default 2 500 attendees.
    static func defaultLatencyMs(_ provider: Provider) -> Int {
        provider == .eventbrite ? 500 : 100
    }

    /// The provider's real rate budget (the header shows what a real account would have left)
    /// while the import and a full scan use at most half of what may be planned; a larger demo
    /// gets a budget scaled to it, so it never sits waiting for the next window.
    static func rateLimit(_ provider: Provider, attendees: Int) -> Providers.RateBudget.Limit {
        let real: Providers.RateBudget.Limit = provider == .eventbrite ? .eventbrite : .luma
        // Requests of one full pass: Luma pages hold 50 guests; Eventbrite pages 50 orders of
        // 1–3 attendees (counted as 40 to stay on the safe side); plus a margin for polls.
        let requests = attendees / (provider == .eventbrite ? 40 : 50) + 20
        if requests <= real.planned / 2 { return real }
        return Providers.RateBudget.Limit(limit: requests * 10, window: real.window, planningFraction: real.planningFraction)
    }

    func run() throws {
        let temporary = databasePath == nil
        let directory = databasePath.map { ($0 as NSString).deletingLastPathComponent }
            ?? NSTemporaryDirectory() + "badge-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if temporary {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        defer { if temporary { try? FileManager.default.removeItem(atPath: directory) } }
        let path = databasePath ?? (directory as NSString).appendingPathComponent("demo.sqlite")

        let simulator = ProviderSimulator(config: SimulatorConfig(
            port: 0, attendees: attendees, events: 2, seed: UInt64(Date().timeIntervalSince1970) / 86_400,
            latencyMs: latencyMs, liveRate: 30, eventbriteRateLimit: 1_000_000, lumaRateLimit: 1_000_000,
            referenceDate: Date()))
        _ = try simulator.start()
        defer { simulator.stop() }

        var server: PostgresTestCluster?
        defer { server?.shutdown() }
        let store: any BadgeStore
        let deskName = desk ?? config.station ?? (shared ? "desk-1" : "demo")
        if shared {
            let (cluster, url) = try Self.startServer()
            server = cluster
            store = try PostgresStore.open(url: url, options: .init(desk: deskName, migrate: true))
            Self.announceSecondDesk(url: url, desk: deskName)
        } else {
            store = try SQLiteStore.open(path: path)
        }
        let engine = SyncEngine(
            store: store,
            clientFactory: DefaultClientFactory.make(
                eventbriteLimit: Self.rateLimit(.eventbrite, attendees: attendees),
                lumaLimit: Self.rateLimit(.luma, attendees: attendees), ledger: StoreRateLedger.of(store)),
            config: SyncConfig(pollInterval: 5, lumaFullScanInterval: 60), log: log)
        let provider = self.provider
        let externalId = simulator.eventIds(for: provider).first!
        var demoConfig = config
        demoConfig.station = deskName
        let session = ConsoleSession(store: store, engine: engine, config: demoConfig, operatorName: operatorName,
                                     badgeDirectory: (directory as NSString).appendingPathComponent("badges"),
                                     fontSearchPaths: fontSearchPaths, log: log)
        // Connecting and the first requests take a simulated round trip or more: they run once
        // the console shows "Starting the demo…", not before a blank screen.
        var started: (event: Event, resume: Bool)?
        try session.run(splash: "Starting the demo: connecting to the simulated \(provider.displayName)…", warmUp: {
            let event: Event = try AsyncBridge.run {
                try await engine.connect(provider: provider, credential: simulator.credential(for: provider),
                                         baseURL: simulator.baseURL(for: provider))
                if let existing = try store.event(provider: provider, externalId: externalId) { return existing }
                return try await engine.startImport(provider: provider, externalId: externalId)
            }
            // A demo database reopened with its import stopped (quit mid-import): resume it.
            let importing = try AsyncBridge.run { await engine.isImporting(eventId: event.id) }
            started = (event, event.syncStatus == .pending && !importing)
        }, prepare: { state in
            guard let (event, resume) = started else { return [] }
            var effects = state.openDirectly(event, importRunning: event.syncStatus == .pending, now: Date())
            if resume { effects.append(.retry(eventId: event.id)) }
            return effects
        })
    }

    /// A throwaway PostgreSQL server in a temporary directory (removed when the demo ends) and a
    /// fresh database in it.
    private static func startServer() throws -> (PostgresTestCluster, String) {
        guard PostgresTestServer.isInstalled else {
            throw CLIError.failed("--shared needs PostgreSQL (Debian: apt-get install postgresql); "
                                  + "or run `badge demo` without --shared")
        }
        let cluster: PostgresTestCluster
        do {
            cluster = try PostgresTestCluster.start()
        } catch {
            throw CLIError.failed("could not start a PostgreSQL server for the demo: \(error)")
        }
        return (cluster, try cluster.createDatabase("demo"))
    }

    /// What a second terminal runs to be desk 2, printed before the console takes the screen.
    private static func announceSecondDesk(url: String, desk: String) {
        let binary = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent == $0 ? "badge" : $0 } ?? "badge"
        let text = """
            Shared demo: a throwaway PostgreSQL server is running for this demo. This terminal is \(desk).
            To be desk 2, run in a second terminal:

                \(binary) --db '\(url)' --desk desk-2

            The server stops when \(desk) quits.
            """
        print(text)
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            FileHandle.standardOutput.write(Data("Press Enter to open the console…".utf8))
            _ = readLine()
        }
    }
}
