import BadgeCore
import Foundation
import PostgresStore
import Storage
import Sync
import TestSupport

/// SPEC §9 several-desk figures (issue #14), on a PostgreSQL server on loopback (the test server:
/// BADGE_TEST_PG, else a private cluster started for the run; skipped with a note when PostgreSQL
/// is not installed): a check-in's round trip, how soon another desk sees it, 8 desks × 200
/// check-ins/s on overlapping attendees (no duplicate, nothing lost), and an import into
/// PostgreSQL against the same import into SQLite.
enum DesksBench {
    struct Sizes {
        var roundTrips: Int
        var visibility: Int
        var loadSeconds: Double
        var importSize: Int
        var importRuns: Int
    }

    static let desks = 8
    static let ratePerDesk = 200.0

    static func run(_ options: BenchOptions, report: inout Report) async throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge-bench desks") else {
            report.note("several desks: SKIPPED — PostgreSQL is not installed (no server for the figures)")
            return
        }
        let sizes = options.quick
            ? Sizes(roundTrips: 200, visibility: 30, loadSeconds: 1, importSize: 1_000, importRuns: 1)
            : Sizes(roundTrips: 2_000, visibility: 300, loadSeconds: 5, importSize: 100_000, importRuns: options.bigRuns)
        let loadPool = Int(Double(desks) * ratePerDesk * sizes.loadSeconds / 2)  // each person ~2 desks
        let url = try server.createDatabase("bench_desks")
        defer { try? server.dropDatabase(url: url) }
        let seed = try PostgresStore.open(url: url, options: .init(desk: "bench", migrate: true, listen: false))
        let event = try seed.createEvent(Event(provider: .eventbrite, externalId: "bench-desks", name: "Desks",
                                               syncStatus: .active, accessCode: "ABC123"))
        let total = 3 * sizes.roundTrips + sizes.visibility + loadPool
        for start in stride(from: 0, to: total, by: 5_000) {
            _ = try seed.applyPage(eventId: event.id, attendees: (start..<min(total, start + 5_000)).map(person),
                                   checkpoint: nil, now: Date())
        }
        let ids = try seed.attendees(AttendeeQuery(eventId: event.id, limit: 1_000_000)).map(\.id).sorted()
        report.note("several desks: PostgreSQL at \(DatabaseLocation.redact(url)), \(total) attendees")

        let deskA = try PostgresStore.open(url: url, options: .init(desk: "desk-a", listen: false))
        let deskB = try PostgresStore.open(url: url, options: .init(desk: "desk-b", listen: true))
        try roundTrip(deskA, ids: Array(ids[0..<sizes.roundTrips]), report: &report)
        try visibility(from: deskA, to: deskB,
                       ids: Array(ids[sizes.roundTrips..<(sizes.roundTrips + sizes.visibility)]), report: &report)
        let base = sizes.roundTrips + sizes.visibility
        let offlineIds = Array(ids[base..<(base + sizes.roundTrips)])
        let plainIds = Array(ids[(base + sizes.roundTrips)..<(base + 2 * sizes.roundTrips)])
        // The plain desk listens to the change feed too, as every console does: only the replica differs.
        let deskD = try PostgresStore.open(url: url, options: .init(desk: "desk-d", listen: true))
        try offlineCapableRoundTrip(url: url, eventId: event.id, plain: deskD, ids: offlineIds, plainIds: plainIds,
                                    report: &report)
        try load(url: url, ids: Array(ids[(base + 2 * sizes.roundTrips)...]), seconds: sizes.loadSeconds,
                 report: &report)
        try await importFigures(server, sizes: sizes, report: &report)
    }

    /// One desk checks people in one after another; each call's wall time.
    static func roundTrip(_ store: PostgresStore, ids: [Int64], report: inout Report) throws {
        var samples = Samples()
        for id in ids {
            let t0 = ProcessClock.now()
            _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "bench", station: "desk-a", at: Date())
            samples.add((ProcessClock.now() - t0) * 1000)
        }
        report.add(Figure("check-in round trip p50, loopback PostgreSQL", unit: "ms", samples, goal: .atMost(10),
                          note: "\(ids.count) check-ins at one desk (one transaction each: row lock, insert, audit)"))
        report.add(Figure("check-in round trip p99, loopback PostgreSQL", unit: "ms", Samples([samples.quantile(0.99)]),
                          goal: .atMost(30)))
    }

    /// Issue #15: "the replica costs nothing measurable on the connected path". A desk that keeps
    /// a replica (its worker copying the event and refreshing it after every check-in) against the
    /// plain desk, alternating call by call in one run so both see the same machine.
    static func offlineCapableRoundTrip(url: String, eventId: Int64, plain: PostgresStore, ids: [Int64],
                                        plainIds: [Int64], report: inout Report) throws {
        let home = NSTemporaryDirectory() + "badge-bench-replica-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let desk = try OfflineDeskStore.open(url: url, options: .init(desk: "desk-c", listen: true), dataDirectory: home)
        _ = try desk.attendees(AttendeeQuery(eventId: eventId, limit: 20))
        desk.startWorker()
        defer { desk.stopWorker() }
        let copied = ProcessClock.now()
        while desk.status(eventId: eventId).replicaAge == nil {
            guard ProcessClock.now() - copied < 60 else { throw BenchError.failed("the desk's replica was never copied") }
            usleep(10_000)
        }
        var withReplica = Samples()
        var without = Samples()
        for (id, other) in zip(ids, plainIds) {
            var t0 = ProcessClock.now()
            _ = try desk.checkIn(attendeeId: id, action: .checkIn, operatorName: "bench", station: "desk-c", at: Date())
            withReplica.add((ProcessClock.now() - t0) * 1000)
            t0 = ProcessClock.now()
            _ = try plain.checkIn(attendeeId: other, action: .checkIn, operatorName: "bench", station: "desk-d", at: Date())
            without.add((ProcessClock.now() - t0) * 1000)
        }
        report.add(Figure("check-in round trip p50, desk keeping a replica", unit: "ms", withReplica, goal: .atMost(10),
                          note: "\(withReplica.count) check-ins alternating with a plain desk; its replica refreshed meanwhile"))
        report.add(Figure("check-in round trip p99, desk keeping a replica", unit: "ms",
                          Samples([withReplica.quantile(0.99)]), goal: .atMost(30)))
        report.add(Figure("same run, plain desk p50 / p99", unit: "ms", Samples([without.quantile(0.5)]),
                          note: String(format: "p99 %.2f ms", without.quantile(0.99))))
    }

    /// A check-in at desk A until desk B's change feed counter moves (what B's console polls).
    static func visibility(from a: PostgresStore, to b: PostgresStore, ids: [Int64], report: inout Report) throws {
        var samples = Samples()
        Thread.sleep(forTimeInterval: 0.3)  // B's feed connection is listening
        for id in ids {
            let before = try b.externalChangeCounter()
            let t0 = ProcessClock.now()
            _ = try a.checkIn(attendeeId: id, action: .checkIn, operatorName: "bench", station: "desk-a", at: Date())
            while try b.externalChangeCounter() == before {
                guard ProcessClock.now() - t0 < 5 else { throw BenchError.failed("desk B never saw a check-in at desk A") }
                usleep(100)
            }
            samples.add((ProcessClock.now() - t0) * 1000)
            usleep(20_000)  // the next one is a new change, not the tail of this one
        }
        report.add(Figure("desk-to-desk visibility p50 (check-in at A → B's feed moves)", unit: "ms", samples,
                          goal: .atMost(1000), note: "\(ids.count) samples; includes A's round trip (LISTEN/NOTIFY)"))
        report.add(Figure("desk-to-desk visibility p99", unit: "ms", Samples([samples.quantile(0.99)]), goal: .atMost(1000)))
    }

    /// 8 desks (8 stores, 8 threads) each checking in at 200/s for `seconds`, on shuffled lists
    /// that overlap (each person about twice), then the database is read back.
    static func load(url: String, ids: [Int64], seconds: Double, report: inout Report) throws {
        let perDesk = Int(ratePerDesk * seconds)
        let stores = try (0..<desks).map {
            try PostgresStore.open(url: url, options: .init(desk: "load-\($0 + 1)", listen: false))
        }
        let plans: [[Int64]] = (0..<desks).map { d in
            var rng = BenchRandom(seed: UInt64(d + 1))
            return Array(ids.shuffled(using: &rng).prefix(perDesk))
        }
        let results = LoadResults()
        let group = DispatchGroup()
        let start = ProcessClock.now() + 0.2
        for d in 0..<desks {
            group.enter()
            let store = stores[d], plan = plans[d]
            let thread = Thread {
                var latencies: [Double] = []
                var recorded: [Int64] = [], already = 0, errors: [String] = []
                for (k, id) in plan.enumerated() {
                    let due = start + Double(k) / ratePerDesk
                    let wait = due - ProcessClock.now()
                    if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
                    let t0 = ProcessClock.now()
                    do {
                        switch try store.checkIn(attendeeId: id, action: .checkIn, operatorName: store.desk,
                                                 station: store.desk, at: Date()) {
                        case .recorded: recorded.append(id)
                        case .alreadyCheckedIn: already += 1
                        default: errors.append("unexpected outcome")
                        }
                    } catch {
                        errors.append("\(error)")
                    }
                    latencies.append((ProcessClock.now() - t0) * 1000)
                }
                results.add(latencies: latencies, recorded: recorded, already: already, errors: errors)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let elapsed = ProcessClock.now() - start
        let r = results.snapshot()
        guard r.errors.isEmpty else { throw BenchError.failed("load: \(r.errors.count) errors, first: \(r.errors[0])") }
        // Read back: check-in rows per person.
        let text = try PostgresTestServer.psql(
            "SELECT attendee_id, count(*) FROM checkins WHERE action = 'CHECK_IN' GROUP BY attendee_id", url: url)
        var rows: [Int64: Int] = [:]
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "|")
            if cells.count == 2, let id = Int64(cells[0]), let n = Int(cells[1]) { rows[id] = n }
        }
        let loadIds = Set(ids)
        let loadRows = rows.filter { loadIds.contains($0.key) }
        let duplicates = loadRows.values.reduce(0) { $0 + max(0, $1 - 1) } + (r.recorded.count - Set(r.recorded).count)
        let lost = Set(r.recorded).subtracting(loadRows.keys).count + Set(loadRows.keys).subtracting(r.recorded).count
        let calls = desks * perDesk
        report.add(Figure("8 desks × 200 check-ins/s: achieved rate", unit: "/s", Samples([Double(calls) / elapsed]),
                          goal: .atLeast(Double(desks) * ratePerDesk * 0.95),
                          note: "\(calls) calls in \(Figure.format(elapsed)) s on \(ids.count) people (each ~2 desks): "
                              + "\(r.recorded.count) recorded, \(r.already) already checked in"))
        report.add(Figure("8 desks × 200/s: duplicate check-ins", unit: "", Samples([Double(duplicates)]), goal: .atMost(0)))
        report.add(Figure("8 desks × 200/s: lost check-ins", unit: "", Samples([Double(lost)]), goal: .atMost(0),
                          note: "recorded but not in the database, or in the database but not reported"))
        var latency = Samples(r.latencies)
        report.add(Figure("8 desks × 200/s: check-in p50 under load", unit: "ms", latency, goal: .info))
        latency = Samples([latency.quantile(0.99)])
        report.add(Figure("8 desks × 200/s: check-in p99 under load", unit: "ms", latency, goal: .info))
    }

    /// The same simulator import into PostgreSQL and into SQLite.
    static func importFigures(_ server: PostgresTestServer, sizes: Sizes, report: inout Report) async throws {
        let rig = try SimulatorRig(attendees: sizes.importSize)
        defer { rig.stop() }
        var pg = Samples(), sqlite = Samples(), ratio = Samples()
        for _ in 0..<sizes.importRuns {
            let url = try server.createDatabase("bench_import")
            defer { try? server.dropDatabase(url: url) }
            let store = try PostgresStore.open(url: url, options: .init(desk: "bench", migrate: true, listen: false))
            let (p, pgEngine, _) = try await ImportDriver.importOnce(rig, .eventbrite, into: store)
            await pgEngine.shutdown()
            let temp = try TempStore()
            defer { temp.remove() }
            let (s, sqliteEngine, _) = try await ImportDriver.importOnce(rig, .eventbrite, into: temp.store)
            await sqliteEngine.shutdown()
            guard p.attendees == s.attendees else {
                throw BenchError.failed("import: PostgreSQL has \(p.attendees) rows, SQLite \(s.attendees)")
            }
            pg.add(p.wallMs)
            sqlite.add(s.wallMs)
            ratio.add(p.wallMs / s.wallMs)
        }
        let label = "Eventbrite \(sizes.importSize.formatted())"
        report.add(Figure("import \(label) into PostgreSQL, end to end", unit: "ms", pg,
                          note: "SyncEngine.startImport+waitForImport into a fresh PostgresStore (loopback server)"))
        report.add(Figure("import \(label) into SQLite (same run)", unit: "ms", sqlite))
        report.add(Figure("import PostgreSQL ÷ SQLite, \(label)", unit: "×", ratio, goal: .atMost(2)))
    }

    static func person(_ n: Int) -> ProviderAttendee {
        ProviderAttendee(providerAttendeeId: "B\(n)", orderId: "O\(n)", name: "Bench Person \(n)", firstName: "Bench",
                         lastName: "Person \(n)", email: "b\(n)@example.com", company: "Corp", jobTitle: "Engineer",
                         ticketName: "General", barcode: "BB\(n)", status: .attending, providerStatus: "Attending",
                         checkedInAt: nil, changedAt: Date(timeIntervalSince1970: 1_750_000_000))
    }
}

/// What the load threads report back.
final class LoadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var recorded: [Int64] = []
    private var already = 0
    private var errors: [String] = []

    func add(latencies: [Double], recorded: [Int64], already: Int, errors: [String]) {
        lock.withLock {
            self.latencies += latencies
            self.recorded += recorded
            self.already += already
            self.errors += errors
        }
    }

    func snapshot() -> (latencies: [Double], recorded: [Int64], already: Int, errors: [String]) {
        lock.withLock { (latencies, recorded, already, errors) }
    }
}

/// SplitMix64: the same shuffles every run.
struct BenchRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
