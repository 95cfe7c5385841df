import BadgeCore
import Foundation
import CSQLite
import Storage

/// SPEC §2.4 rule 7 as amended (issue #18): while `badge events import` runs as its own process,
/// this process is a desk on the same database file checking someone in every 5 ms, each
/// check-in timed from the call to its durable commit. The same desk's check-ins on the idle
/// file afterwards are the baseline (the check-in's own fsync); the difference is what waiting
/// behind the import's group-committed transactions costs.
enum DeskBesideImport {
    static func run(badge: String, base: String, credential: String, event: String, root: String, db: String,
                    log: String, env: [String: String], label: String, report: inout Report) throws {
        let connect = try ChildProcess.run([badge, "--db", db, "integrations", "connect", "eventbrite", "--token",
                                            credential, "--base-url", base], logPath: log, environment: env)
        guard connect.status == 0 else { throw BenchError.failed("badge integrations connect failed") }
        try CLIImportBench.reset(root)
        let desk = try SQLiteStore.open(path: db, options: SQLiteStore.Options(quickCheck: false))
        let child = try ChildProcess.start([badge, "--db", db, "events", "import", "eventbrite", event],
                                           logPath: log, environment: env)
        // A second connection that only takes the write lock and lets it go: how long a desk
        // waits behind the import, apart from the check-in's own work and fsync.
        let probe = try Database(path: db, flags: SQLITE_OPEN_READWRITE)
        var waits = Samples()
        var during = Samples()
        var failures = 0
        var checkedIn = Set<Int64>()
        var localEvent: Int64?
        while child.isRunning {
            if localEvent == nil { localEvent = try? desk.event(provider: .eventbrite, externalId: event)?.id }
            if let id = localEvent, let row = try? desk.attendees(AttendeeQuery(eventId: id, limit: 200))
                .first(where: { !$0.isCheckedIn && $0.status == .attending && !checkedIn.contains($0.id) }) {
                checkedIn.insert(row.id)
                let started = ProcessClock.now()
                do {
                    _ = try desk.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "bench", station: "desk-2",
                                         at: Date())
                    during.add((ProcessClock.now() - started) * 1000)
                } catch {
                    failures += 1
                }
            }
            usleep(2_500)
            if localEvent != nil {
                let started = ProcessClock.now()
                if (try? probe.execute("BEGIN IMMEDIATE")) != nil {
                    waits.add((ProcessClock.now() - started) * 1000)
                    try? probe.execute("ROLLBACK")
                }
            }
            usleep(2_500)
        }
        let outcome = child.wait()
        guard outcome.status == 0 else { throw BenchError.failed("badge events import (with a desk beside it) failed") }
        // The baseline: the same check-ins on the file once the import is done.
        var idle = Samples()
        if let id = localEvent {
            for row in try desk.attendees(AttendeeQuery(eventId: id, limit: 300)).filter({ !$0.isCheckedIn }).prefix(200) {
                let started = ProcessClock.now()
                _ = try desk.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "bench", station: "desk-2", at: Date())
                idle.add((ProcessClock.now() - started) * 1000)
                usleep(1_000)
            }
        }
        report.add(Figure("desk write-lock wait during CLI import \(label), p50", unit: "ms", Samples([waits.quantile(0.5)]),
                          note: "\(waits.count) BEGIN IMMEDIATE from another connection, timed until granted"))
        report.add(Figure("desk write-lock wait during CLI import \(label), p99", unit: "ms", Samples([waits.quantile(0.99)]),
                          goal: .atMost(20), note: "SPEC §2.4 rule 7: an import delays a check-in ≤ 20 ms"))
        report.add(Figure("desk write-lock wait during CLI import \(label), max", unit: "ms", Samples([waits.max])))
        let note = "\(during.count) check-ins from another process during the import, \(failures) failed"
        report.add(Figure("desk check-in during CLI import \(label), p50", unit: "ms", Samples([during.quantile(0.5)]),
                          note: note))
        report.add(Figure("desk check-in during CLI import \(label), p99", unit: "ms", Samples([during.quantile(0.99)]),
                          note: "call to durable commit (the lock wait above plus the check-in's own work and fsync)"))
        report.add(Figure("desk check-in during CLI import \(label), max", unit: "ms", Samples([during.max])))
        report.add(Figure("desk check-in, idle file (baseline), p50 / max", unit: "ms", idle,
                          note: "the same desk after the import: the check-in's own durable commit"))
        report.add(Figure("desk check-ins failed during the import", unit: "", Samples([Double(failures)]), goal: .atMost(0)))
    }
}
