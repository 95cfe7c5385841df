import BadgeCore
import Foundation
import Simulator
import Storage
import TestSupport
import Testing

/// One workspace for crash tests: a simulator in this process, a database in a temporary
/// directory that only `badge` children write to (plus this process through the store, when a
/// test checks people in concurrently), and checks of what a killed child left behind.
final class CrashWorkspace: @unchecked Sendable {
    let sim: SimulatorHarness
    let dir: TemporaryDirectory
    let badge: BadgeBinary
    let externalId: String

    var dbPath: String { dir.file("badge.sqlite") }

    init(sim: SimulatorHarness, binary: String) throws {
        self.sim = sim
        dir = try TemporaryDirectory(prefix: "badge-crash")
        badge = BadgeBinary(path: binary, directory: dir.path, database: dir.file("badge.sqlite"))
        externalId = sim.firstEventId(.eventbrite)!
    }

    /// `badge integrations connect eventbrite` against the simulator; must succeed.
    func connect() throws {
        let r = badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                           "--base-url", sim.baseURL(for: .eventbrite)])
        guard r.status == 0 else { throw DatabaseCheck.Failure(description: "connect failed: \(r.stderr)") }
    }

    private let lock = NSLock()
    private var opened: SQLiteStore?

    /// This process's one store on the database (opened on first use; its quick check runs then).
    ///
    /// Never a second `SQLiteStore` on the same file in one process: opening one reads the file
    /// header through a plain descriptor and closes it, and closing any descriptor of a file drops
    /// every POSIX lock this process holds on it — including the SQLite locks of a store already
    /// open — so `badge` children would take this process for gone (seen as NOTADB / short reads
    /// in this process while the file itself checked ok).
    func openStore() throws -> SQLiteStore {
        try lock.withLock {
            if let opened { return opened }
            let store = try SQLiteStore.open(path: dbPath)
            opened = store
            return store
        }
    }

    /// The provider's current view of the event.
    func providerView() throws -> [String: ProviderAttendee] {
        Dictionary(uniqueKeysWithValues: try sim.simulator.attendees(event: externalId).map { ($0.providerAttendeeId, $0) })
    }

    /// Rows per provider attendee id as SQLite counts them (duplicates would show as count > 1).
    func duplicateRows() throws -> Int {
        let rows = try DatabaseCheck.query(dbPath, """
            SELECT count(*) FROM (SELECT 1 FROM attendees GROUP BY event_id, provider_attendee_id HAVING count(*) > 1)
            """)
        return Int(rows.first ?? "0") ?? -1
    }

    /// Polls the attendee count (a WAL reader beside the writing child) until it reaches
    /// `target` or the child exits.
    func waitForRows(atLeast target: Int, while child: Child) async {
        while child.isRunning {
            if let text = try? DatabaseCheck.query(dbPath, "SELECT count(*) FROM attendees").first,
               let count = Int(text), count >= target { return }
            try? await Task.sleep(nanoseconds: 3_000_000)
        }
    }

    /// Every check that must hold right after a kill -9 (no recovery yet). Returns the event if
    /// the killed child had created it.
    func checkAfterKill(_ context: String) throws -> Event? {
        #expect(try DatabaseCheck.integrity(dbPath) == "ok", "\(context): integrity_check")
        #expect(try duplicateRows() == 0, "\(context): duplicate attendee rows")
        let store = try openStore()
        guard let event = try store.event(provider: .eventbrite, externalId: externalId) else { return nil }
        let rows = try store.attendeeCount(AttendeeQuery(eventId: event.id))
        switch event.syncStatus {
        case .active, .failed:
            // Never ACTIVE with a partial list: an ACTIVE event has every provider attendee.
            let provider = try providerView()
            let ids = Set(try store.attendees(AttendeeQuery(eventId: event.id, limit: 10_000_000)).map(\.providerAttendeeId))
            #expect(ids.isSuperset(of: provider.keys), "\(context): \(event.syncStatus) with \(rows) of \(provider.count) attendees")
        case .pending:
            // The database is at a page boundary: the rows are exactly what the checkpoint says.
            if let checkpoint = try store.importCheckpoint(eventId: event.id) {
                #expect(rows == checkpoint.attendeesSoFar,
                        "\(context): \(rows) rows but the checkpoint says \(checkpoint.attendeesSoFar)")
            } else {
                #expect(rows == 0, "\(context): \(rows) rows without a checkpoint")
            }
        case .disconnected:
            Issue.record("\(context): DISCONNECTED after a kill (\(event.lastError ?? "no reason"))")
        }
        return event
    }

    /// After recovery: ACTIVE, exactly the provider's attendees (ids, names, statuses), no
    /// duplicates, no checkpoint left, integrity ok.
    func checkRecovered(_ context: String) throws -> Event? {
        #expect(try DatabaseCheck.integrity(dbPath) == "ok", "\(context): integrity_check")
        #expect(try duplicateRows() == 0, "\(context): duplicate attendee rows")
        let store = try openStore()
        guard let event = try store.event(provider: .eventbrite, externalId: externalId) else {
            Issue.record("\(context): no event after recovery")
            return nil
        }
        #expect(event.syncStatus == .active, "\(context): \(event.syncStatus) \(event.lastError ?? "")")
        let rows = try store.attendees(AttendeeQuery(eventId: event.id, limit: 10_000_000))
        let problems = Reconcile.mismatches(rows: rows, provider: try providerView())
        #expect(problems.isEmpty, "\(context): \(problems)")
        #expect(try store.importCheckpoint(eventId: event.id) == nil, "\(context): checkpoint left behind")
        return event
    }
}
