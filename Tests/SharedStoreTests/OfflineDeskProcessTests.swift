import BadgeCore
import Foundation
import PostgresStore
import Storage
import TestSupport
import Testing

/// Issue #15 through real `badge` processes: a desk checks people in while the server is stopped
/// (`pg_ctl stop -m immediate`), some of its processes are killed -9 in the middle of their work;
/// the outbox survives, and once the server is back everything the desk confirmed is on it
/// exactly once — and nothing it did not.
@Suite(.serialized) struct OfflineDeskProcessTests {
    @Test func checkInsMadeOfflineSurviveKill9AndReplayOnce() throws {
        guard let cluster = try PostgresTestCluster.requireOrSkip("offline desk (kill -9)") else { return }
        defer { cluster.shutdown() }
        let db = try SharedDatabase.on(cluster, attendees: 120)
        _ = try PostgresTestServer.psql("ALTER SYSTEM SET synchronous_commit = on", url: cluster.url)
        _ = try PostgresTestServer.psql("SELECT pg_reload_conf()", url: cluster.url)
        // The seed was committed under the test cluster's synchronous_commit = off: on disk before the crash.
        _ = try PostgresTestServer.psql("CHECKPOINT", url: cluster.url)
        let home = try BadgeHome()
        defer { home.cleanUp() }
        let event = String(db.eventId)
        func badge(_ args: [String]) throws -> BadgeHome.Result {
            try home.run(["--db", db.url, "--desk", "door-k"] + args)
        }
        // A desk that never opened the event has no copy: offline it says so in one line.
        // Connected, the desk opens the event and takes its copy.
        #expect(try badge(["attendees", event, "--json"]).status == 0)
        let primed = try badge(["desk", "status", "--json"])
        #expect(primed.status == 0, "\(primed.stderr)")
        #expect(primed.stdout.contains("\"queued\": 0") && primed.stdout.contains("\"copiedAt\": \"20"), "\(primed.stdout)")

        try cluster.stop(mode: .immediate)

        // One at a time: each confirmed, with the warning that it works on the desk's copy.
        var confirmed: Set<String> = []
        for n in 0..<20 {
            let r = try badge(["checkin", event, "A\(n)"])
            #expect(r.status == 0, "BC\(n): \(r.stderr)")
            #expect(r.stderr.contains("cannot be reached") && r.stderr.contains("own copy"), "\(r.stderr)")
            if r.status == 0 { confirmed.insert("A\(n)") }
        }
        // Twenty at once; every other one killed -9 0–14 ms after it started (a check-in takes
        // tens of milliseconds: before, while and after it writes its outbox entry). The kills are
        // sent from this thread, so a busy test process cannot delay them past the check-in.
        var running: [(Process, String)] = []
        for n in 20..<40 {
            let log = home.path + "/kill-\(n).log"
            let process = try home.start(["--db", db.url, "--desk", "door-k", "checkin", event, "A\(n)"], log: log)
            running.append((process, "A\(n)"))
            if n % 2 == 0 {
                usleep(UInt32((n - 20) * 700))
                kill(process.processIdentifier, SIGKILL)
            }
        }
        var killed: Set<String> = []
        for (process, key) in running {
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { confirmed.insert(key) }
            if process.terminationReason == .uncaughtSignal { killed.insert(key) }
        }
        #expect(!killed.isEmpty, "some processes were killed mid-way")
        // The desk's copy and outbox are whole after the kills: the next command works on them.
        let after = try badge(["checkin", event, "A50"])
        #expect(after.status == 0, "\(after.stderr)")
        confirmed.insert("A50")
        let offline = try badge(["desk", "status", "--json"])
        #expect(offline.stdout.contains("\"reachable\": false"), "\(offline.stdout)")

        try cluster.start()
        // The next command of the desk replays the queue, in door-time order, once.
        let status = try badge(["desk", "status", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"reachable\": true") && status.stdout.contains("\"queued\": 0"), "\(status.stdout)")
        let again = try badge(["desk", "status", "--json"])
        #expect(again.stdout.contains("\"queued\": 0"), "\(again.stdout)")

        let rows = try db.psql("""
            SELECT a.provider_attendee_id, count(c.id) FROM attendees a
            JOIN checkins c ON c.attendee_id = a.id AND c.action = 'CHECK_IN' GROUP BY a.id
            """).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        var onServer: [String: Int] = [:]
        for row in rows where row.count == 2 { onServer[row[0]] = Int(row[1]) }
        for key in confirmed {
            #expect(onServer[key] == 1, "\(key) confirmed offline: on the server once")
        }
        for (key, count) in onServer {
            #expect(count == 1, "\(key) twice")
            #expect(confirmed.contains(key) || killed.contains(key), "\(key) checked in though no process confirmed it")
        }
        #expect(try db.psql("SELECT count(DISTINCT station) FROM checkins").hasPrefix("1"))
        #expect(try db.psql("SELECT min(station) FROM checkins").hasPrefix("door-k"))
    }

    @Test func aDeskThatNeverOpenedTheEventSaysSoWhenTheServerIsDown() throws {
        guard let cluster = try PostgresTestCluster.requireOrSkip("offline desk (no copy)") else { return }
        defer { cluster.shutdown() }
        let db = try SharedDatabase.on(cluster, attendees: 5)
        let home = try BadgeHome()
        defer { home.cleanUp() }
        try cluster.stop(mode: .immediate)
        let r = try home.run(["--db", db.url, "--desk", "door-new", "checkin", String(db.eventId), "A1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("door-new has never opened an event of this server"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
