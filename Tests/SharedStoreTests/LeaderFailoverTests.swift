import BadgeCore
import Foundation
import PostgresStore
import Providers
import Simulator
import Storage
import Sync
import TestSupport
import Testing

/// Issue #14 "One poller per event": two desks' sync engines on one database, one provider
/// (the simulator). Only the leading desk talks to the provider; when it dies, the other takes
/// over within one poll interval; an event is never imported twice.
@Suite(.serialized) struct LeaderFailoverTests {
    @Test func theProviderSeesOnePollerAndTheOtherDeskTakesOverWhenTheLeaderDies() async throws {
        guard let db = try SharedDatabase.onTestServer("leader failover", attendees: nil) else { return }
        let sim = try SimulatorHarness(Self.simulatorConfig(attendees: 200, events: 1))
        defer { sim.stop() }
        let interval: TimeInterval = 2
        let a = try Desk("door-a", db: db, interval: interval)
        let b = try Desk("door-b", db: db, interval: interval)
        try await a.engine.connect(provider: .eventbrite, credential: sim.credential(for: .eventbrite),
                                   baseURL: sim.baseURL(for: .eventbrite))
        let event = try await a.engine.startImport(provider: .eventbrite, externalId: sim.firstEventId(.eventbrite)!)
        _ = try await a.engine.waitForImport(eventId: event.id)
        #expect(try a.store.syncLeader(eventId: event.id) == "door-a")

        // Both desks poll; the provider sees door-a only.
        await a.engine.startPolling()
        await b.engine.startPolling()
        a.transport.reset()
        sim.simulator.resetCounters()
        let window: TimeInterval = 4 * interval
        try await Task.sleep(nanoseconds: UInt64(window * 1e9))
        let seen = sim.simulator.requestCounts().total
        #expect(b.transport.count == 0, "door-b polled while door-a led")
        #expect(a.transport.count >= 2 && abs(seen - a.transport.count) <= 1)  // ±1: a request in flight at the reset
        // One poller: about one poll per interval (two pollers would make twice as many).
        #expect(seen <= Int(window / interval) + 1, "\(seen) polls in \(window) s at \(interval) s")

        // door-a dies: its process stops polling and its connections are cut (what the server
        // sees of a kill -9), which releases its leadership.
        await a.engine.stopPolling()
        let cut = try db.psql("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name LIKE 'badge door-a%'
            """).trimmed
        #expect((Int(cut) ?? 0) >= 2)  // its statement, feed and lease connections
        let died = Date()
        let tookOver = await eventuallyAsync(10 * interval) { b.transport.count > 0 }
        let delay = Date().timeIntervalSince(died)
        #expect(tookOver)
        // Within one poll interval (plus one second of slack for a loaded two-core CI machine).
        #expect(delay <= interval + 1, "door-b polled \(delay) s after door-a died")
        #expect(try b.store.syncLeader(eventId: event.id) == "door-b")
        await b.engine.shutdown()
        await a.engine.shutdown()
    }

    /// The same with the leader a real `badge watch` process, killed with SIGKILL.
    @Test func aBadgeWatchLeaderKilledWithSigkillIsReplacedWithinOneInterval() async throws {
        guard let db = try SharedDatabase.onTestServer("kill -9 of the leading badge watch", attendees: nil) else { return }
        let sim = try SimulatorHarness(Self.simulatorConfig(attendees: 200, events: 1))
        defer { sim.stop() }
        let interval: TimeInterval = 2
        let importer = try Desk("importer", db: db, interval: interval)
        try await importer.engine.connect(provider: .eventbrite, credential: sim.credential(for: .eventbrite),
                                          baseURL: sim.baseURL(for: .eventbrite))
        let event = try await importer.engine.startImport(provider: .eventbrite, externalId: sim.firstEventId(.eventbrite)!)
        _ = try await importer.engine.waitForImport(eventId: event.id)
        await importer.engine.shutdown()  // gives the lead back

        let home = try BadgeHome()
        defer { home.cleanUp() }
        let watch = try home.start(["--db", db.url, "--desk", "door-w", "watch", String(event.id), "--interval", "2"],
                                   log: home.path + "/watch.log")
        defer { if watch.isRunning { kill(watch.processIdentifier, SIGKILL) } }
        #expect(await eventuallyAsync(20) { (try? importer.store.syncLeader(eventId: event.id)) == "door-w" })
        let b = try Desk("door-b", db: db, interval: interval)
        await b.engine.startPolling()
        sim.simulator.resetCounters()
        let window: TimeInterval = 4 * interval
        try await Task.sleep(nanoseconds: UInt64(window * 1e9))
        let seen = sim.simulator.requestCounts().total
        #expect(b.transport.count == 0, "door-b polled while door-w led")
        #expect(seen >= 2, "the badge watch process did not poll")
        #expect(seen <= Int(window / interval) + 1, "\(seen) polls in \(window) s at \(interval) s")

        kill(watch.processIdentifier, SIGKILL)
        let died = Date()
        watch.waitUntilExit()
        let tookOver = await eventuallyAsync(10 * interval) { b.transport.count > 0 }
        let delay = Date().timeIntervalSince(died)
        #expect(tookOver)
        #expect(delay <= interval + 1, "door-b polled \(delay) s after door-w was killed")
        #expect(try b.store.syncLeader(eventId: event.id) == "door-b")
        await b.engine.shutdown()
    }

    @Test func anEventIsNeverImportedByTwoDesks() async throws {
        guard let db = try SharedDatabase.onTestServer("never two imports", attendees: nil) else { return }
        var config = Self.simulatorConfig(attendees: 1_000, events: 2)
        config.latencyMs = 20  // the import takes a while: the other desk asks while it runs
        let sim = try SimulatorHarness(config)
        defer { sim.stop() }
        let a = try Desk("door-a", db: db, interval: 60)
        let b = try Desk("door-b", db: db, interval: 60)
        try await a.engine.connect(provider: .eventbrite, credential: sim.credential(for: .eventbrite),
                                   baseURL: sim.baseURL(for: .eventbrite))
        let ids = sim.simulator.eventIds(for: .eventbrite)

        // door-a imports; door-b's retry of the pending event is refused, naming door-a.
        let first = try await a.engine.startImport(provider: .eventbrite, externalId: ids[0])
        do {
            _ = try await b.engine.retry(eventId: first.id)
            Issue.record("door-b ran a second import")
        } catch SyncError.syncedByAnotherDesk(let id, let desk, _) {
            #expect(id == first.id && desk == "door-a")
        }
        #expect(await !b.engine.isImporting(eventId: first.id))
        _ = try await a.engine.waitForImport(eventId: first.id)
        #expect(try b.store.attendeeCount(AttendeeQuery(eventId: first.id)) == 1_000)
        #expect(b.transport.attendeeRequests == 0)

        // Both desks start the same import at once: one runs it, the other is refused.
        b.transport.reset()
        a.transport.reset()
        async let fromA = Self.outcome { try await a.engine.startImport(provider: .eventbrite, externalId: ids[1]) }
        async let fromB = Self.outcome { try await b.engine.startImport(provider: .eventbrite, externalId: ids[1]) }
        let outcomes = await [fromA, fromB]
        let started = outcomes.compactMap { try? $0.get() }
        #expect(started.count == 1, "\(outcomes)")
        for case .failure(let error) in outcomes {
            switch error {
            case SyncError.alreadyImported, SyncError.syncedByAnotherDesk: break
            default: Issue.record("unexpected refusal: \(error)")
            }
        }
        if let event = started.first {
            let (winner, loser) = try a.store.syncLeader(eventId: event.id) == "door-a" ? (a, b) : (b, a)
            _ = try await winner.engine.waitForImport(eventId: event.id)
            #expect(try a.store.attendeeCount(AttendeeQuery(eventId: event.id)) == 1_000)
            #expect(loser.transport.attendeeRequests == 0, "the other desk fetched attendees too")
        }
        await a.engine.shutdown()
        await b.engine.shutdown()
    }

    private static func outcome(_ body: () async throws -> Event) async -> Result<Event, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    static func simulatorConfig(attendees: Int, events: Int) -> SimulatorConfig {
        var config = SimulatorConfig(attendees: attendees, events: events, seed: 14)
        config.eventbriteRateLimit = 1_000_000
        config.lumaRateLimit = 1_000_000
        return config
    }
}

/// One desk: its own store on the shared database, its own engine, its own (counted) network.
struct Desk: Sendable {
    let store: PostgresStore
    let engine: SyncEngine
    let transport: CountingTransport

    init(_ name: String, db: SharedDatabase, interval: TimeInterval) throws {
        store = try db.desk(name, listen: true)
        transport = CountingTransport()
        let quick = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxWait: 5, random: { 0.5 })
        engine = SyncEngine(store: store,
                            clientFactory: DefaultClientFactory.make(transport: transport, eventbriteLimit: .unlimited,
                                                                     lumaLimit: .unlimited, retry: quick),
                            config: SyncConfig(pollInterval: interval))
    }
}

/// Counts a desk's provider requests (all, and attendee-list pages).
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = URLSessionTransport()
    private let lock = NSLock()
    private var total = 0
    private var attendees = 0

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isAttendees = request.url.path.contains("attendees")
        lock.withLock {
            total += 1
            if isAttendees { attendees += 1 }
        }
        return try await inner.send(request)
    }

    var count: Int { lock.withLock { total } }
    var attendeeRequests: Int { lock.withLock { attendees } }
    func reset() { lock.withLock { total = 0; attendees = 0 } }
}
