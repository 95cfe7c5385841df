import Foundation
import Testing
import TestSupport

/// Issue #16 end to end: real `badge print-station` processes, real `badge print` desks, a
/// fake ZPL printer on loopback, one SQLite file between them.
@Suite(.serialized) struct PrintStationTests {
    /// A background `badge …` process (stdout to a file) that the test stops or kills.
    final class Background {
        let process = Process()
        let out: URL
        init(_ badge: BadgeProcess, _ args: [String]) throws {
            out = badge.home.appendingPathComponent("bg-\(UUID().uuidString).out")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            process.executableURL = BadgeProcess.executable
            process.arguments = args
            process.environment = badge.environment
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = process.standardOutput
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        var output: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        func stop() -> Int32 {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Polls `condition` every 100 ms for up to `seconds` (a wait, not a timed assertion).
    func eventually(_ seconds: Double = 40, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    func jobs(_ badge: BadgeProcess, db: String) throws -> [[String: Any]] {
        let r = try badge.run(["print-jobs", "--json", "--db", db])
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func printCount(_ badge: BadgeProcess, db: String, _ attendee: String) throws -> Int {
        let r = try badge.run(["attendees", SeededDatabase.qualifiedId, "--json", "--db", db])
        let rows = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
        return rows.first { $0["providerAttendeeId"] as? String == attendee }?["printCount"] as? Int ?? -1
    }

    enum Store: String, CaseIterable { case sqlite, postgres }

    /// The seeded database as `--db` takes it: a SQLite file, or a PostgreSQL database it was
    /// copied to (nil: PostgreSQL is not installed, skipped loudly). `drop` removes it.
    func seededDatabase(_ kind: Store, _ badge: BadgeProcess) throws -> (db: String, drop: () -> Void)? {
        let file = badge.path("b.sqlite")
        try SeededDatabase.create(at: file)
        guard kind == .postgres else { return (file, {}) }
        guard let server = try PostgresTestServer.requireOrSkip("print station kill -9 on PostgreSQL") else { return nil }
        let url = try server.createDatabase("printq_kill")
        #expect(try badge.run(["db", "init", url]).status == 0)
        let copy = try badge.run(["db", "copy", file, url])
        #expect(copy.status == 0, "\(copy.stderr)")
        return (url, { try? server.dropDatabase(url: url) })
    }

    @Test(arguments: Store.allCases)
    func killNineMidJobNeitherLosesNorSilentlyRepeatsAndTheReprintIsCounted(kind: Store) throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        guard let (db, drop) = try seededDatabase(kind, badge) else { return }
        defer { drop() }
        let printer = try FakePrinter(mode: .stall)
        let station = ["print-station", "Hall", "--printer", printer.zplAddress, "--db", db]

        let first = try Background(badge, station)
        let queued = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--print-station", "Hall", "--db", db])
        #expect(queued.status == 0, "\(queued.stderr)")
        #expect(queued.stdout.contains("for print station Hall (job 1)"), "\(queued.stdout)")
        // The station asked ~HS (no answer from a stalled printer), then sent the job: kill it now.
        #expect(try eventually {
            let status = try jobs(badge, db: db).first?["status"] as? String
            return printer.stalledConnections >= 2 && status == "sent"
        })
        first.kill9()
        #expect(printer.receivedJobs.isEmpty)

        // Back up, printer fixed: the half-sent job is reported and NOT sent again.
        try printer.setMode(.accept)
        let second = try Background(badge, station)
        #expect(try eventually {
            let unknown = try jobs(badge, db: db).first?["outcomeUnknown"] as? Bool
            return unknown == true
        })
        #expect(eventually { second.output.contains("job 1: outcome unknown") }, "\(second.output)")
        let list = try badge.run(["print-jobs", "--db", db])
        #expect(list.stdout.contains("sent?"), "\(list.stdout)")
        #expect(printer.receivedJobs.isEmpty, "a job of unknown outcome is never re-sent by itself")
        #expect(try printCount(badge, db: db, "A1") == 0)

        // The operator reprints: counted as a reprint, printed once.
        let retry = try badge.run(["print-jobs", "retry", "1", "--db", db])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("counted as printed; reprint queued as job 2"), "\(retry.stdout)")
        #expect(try eventually {
            let status = try jobs(badge, db: db).first { $0["id"] as? Int == 2 }?["status"] as? String
            return status == "done"
        })
        #expect(printer.receivedJobs.count == 1)
        #expect(String(decoding: printer.receivedJobs[0].prefix(3), as: UTF8.self) == "^XA")
        #expect(try printCount(badge, db: db, "A1") == 2, "the badge that may exist, and its reprint")
        #expect(second.stop() == 0)
        #expect(second.output.contains("job 2 done"), "\(second.output)")
        #expect(second.output.contains("(reprint of job 1)"))
    }

    @Test func twoStationsOfOneNameEachJobPrintedOnce() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try SeededDatabase.create(at: db)
        let printer = try FakePrinter()
        let stations = try (0..<2).map { _ in
            try Background(badge, ["print-station", "Hall", "--printer", printer.zplAddress, "--db", db])
        }
        let desks = ["A1", "A2", "A4"]
        for round in 0..<4 {
            for who in desks {
                let r = try badge.run(["print", SeededDatabase.qualifiedId, who, "--print-station", "Hall", "--db", db,
                                       "--desk", "desk-\(round)"])
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(try eventually { try jobs(badge, db: db).allSatisfy { $0["status"] as? String == "done" } })
        for s in stations { #expect(s.stop() == 0) }
        let all = try jobs(badge, db: db)
        #expect(all.count == 12)
        #expect(all.allSatisfy { $0["attempts"] as? Int == 1 })
        #expect(printer.receivedJobs.count == 12, "each job printed once")
        for who in desks { #expect(try printCount(badge, db: db, who) == 4) }
        let health = try badge.run(["print-stations", "--json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(health.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["name"] as? String == "Hall")
        #expect(rows.first?["queued"] as? Int == 0)
    }

    @Test func aDeskPrintingOnAPrinterThatIsOffFailsWithTheReasonAndRetryPrintsOnce() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try SeededDatabase.create(at: db)
        let printer = try FakePrinter(mode: .refuse)
        let failed = try badge.run(["checkin", SeededDatabase.qualifiedId, "A2", "--print", "--printer", printer.zplAddress,
                                    "--db", db])
        #expect(failed.status == 1)
        #expect(failed.stderrLines.count == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("was recorded, but the badge did not print"), "\(failed.stderr)")
        #expect(failed.stderr.contains("connection refused"))
        #expect(failed.stderr.contains("badge print-jobs retry 1"))
        #expect(try jobs(badge, db: db).first?["status"] as? String == "failed")

        try printer.setMode(.accept)
        let retry = try badge.run(["print-jobs", "retry", "1", "--db", db])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("Job 1 queued again; Printed on \(printer.zplAddress)"), "\(retry.stdout)")
        #expect(printer.receivedJobs.count == 1)
        #expect(try printCount(badge, db: db, "A2") == 1)
        let again = try badge.run(["print-jobs", "retry", "1", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("job 1 is done"), "\(again.stderr)")
        #expect(printer.receivedJobs.count == 1)
    }

    @Test func badPrinterAddressesAreOneLineUsageErrors() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try SeededDatabase.create(at: db)
        for (address, words) in [("zpl://", "needs a host"), ("brother-ql://h?model=QL-9000&label=62", "QL-9000"),
                                 ("ipp://x", "unknown kind 'ipp:'")] {
            let r = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--printer", address, "--db", db])
            #expect(r.status == 2)
            #expect(r.stderr.contains(words), "\(r.stderr)")
            #expect(try jobs(badge, db: db).isEmpty, "nothing queued for a bad address")
        }
    }

    /// The shared store: a desk on one machine queues, two stations of one name on the same
    /// PostgreSQL database share the queue (`FOR UPDATE SKIP LOCKED`); each badge prints once and
    /// a station is not counted among the desks online.
    @Test func onPostgreSQLTwoStationsShareOneQueueAndEachJobPrintsOnce() throws {
        guard let server = try PostgresTestServer.requireOrSkip("print stations on PostgreSQL") else { return }
        let url = try server.createDatabase("printq_e2e")
        defer { try? server.dropDatabase(url: url) }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("seed.sqlite")
        try SeededDatabase.create(at: db)
        #expect(try badge.run(["db", "init", url]).status == 0)
        let copy = try badge.run(["db", "copy", db, url])
        #expect(copy.status == 0, "\(copy.stderr)")
        let printer = try FakePrinter()
        let stations = try (0..<2).map { i in
            try Background(badge, ["print-station", "Hall", "--printer", printer.zplAddress, "--db", url,
                                   "--desk", "station-\(i)"])
        }
        #expect(try eventually {
            let r = try badge.run(["print-stations", "--json", "--db", url])
            let rows = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
            return rows.first?["processes"] as? Int == 2
        })
        for round in 0..<3 {
            for who in ["A1", "A2", "A4"] {
                let r = try badge.run(["print", SeededDatabase.qualifiedId, who, "--print-station", "Hall", "--db", url,
                                       "--desk", "door-\(round)"])
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(try eventually {
            let all = try jobs(badge, db: url)
            return all.count == 9 && all.allSatisfy { $0["status"] as? String == "done" }
        })
        let desks = try PostgresTestServer.psql("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'badge % (feed)'
            """, url: url).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(desks == "0", "a print station is no desk online")
        for s in stations { #expect(s.stop() == 0) }
        #expect(printer.receivedJobs.count == 9, "each job printed once")
        #expect(try jobs(badge, db: url).allSatisfy { $0["attempts"] as? Int == 1 })
        for who in ["A1", "A2", "A4"] { #expect(try printCount(badge, db: url, who) == 3) }
        let byStation = stations.map { $0.output.components(separatedBy: " done: ").count - 1 }
        #expect(byStation.reduce(0, +) == 9)
    }

    @Test func checkinPrintAndWalkInQueueForAStationAndSaySo() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try SeededDatabase.create(at: db)
        let checkin = try badge.run(["checkin", SeededDatabase.qualifiedId, "A2", "--print", "--print-station", "Hall",
                                     "--db", db])
        #expect(checkin.status == 0, "\(checkin.stderr)")
        #expect(checkin.stdout.contains("Checked in"), "\(checkin.stdout)")
        #expect(checkin.stdout.contains("for print station Hall (job 1); station: never seen online "
                                        + "(start it: badge print-station Hall --printer …)."), "\(checkin.stdout)")
        let json = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--print-station", "Hall", "--json", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "queued")
        #expect(object["output"] as? String == "station:Hall")
        #expect(object["station"] as? String == "Hall")
        #expect(object["job"] as? Int == 2)
        #expect(object["template"] as? String == "Built-in default")
        // The config's print_station sends a walk-in's badge there too.
        try FileManager.default.createDirectory(atPath: badge.path("config/badge"), withIntermediateDirectories: true)
        try "print_station = Hall\n".write(toFile: badge.path("config/badge/config"), atomically: true, encoding: .utf8)
        let walkin = try badge.run(["walkin", SeededDatabase.qualifiedId, "--name", "Kim Walker", "--ticket", "VIP", "--db", db])
        #expect(walkin.status == 0, "\(walkin.stderr)")
        #expect(walkin.stdout.contains("Queued the badge of Kim Walker"), "\(walkin.stdout)")
        #expect(try jobs(badge, db: db).map { $0["status"] as? String } == ["queued", "queued", "queued"])
        #expect(try printCount(badge, db: db, "A2") == 0, "queued is not printed")
        let usage = try badge.run(["checkin", SeededDatabase.qualifiedId, "A4", "--print-station", "Hall", "--db", db])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("go with --print"), "\(usage.stderr)")
    }
}
