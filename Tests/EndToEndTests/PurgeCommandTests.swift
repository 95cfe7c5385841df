import Foundation
import Simulator
import Testing
import TestSupport

/// `badge events purge EVENT --out FILE.csv` (issue #17, SPEC §13 "Privacy"): export first,
/// then no personal data left in the database files; statistics identical; refusals.
@Suite struct PurgeCommandTests {
    /// Personal values of the seeded attendees (name, email, company, barcodes).
    static let personal = ["Ada Lovelace", "ada@example.com", "Analytical Engines", "1111", "taro@example.com", "4444"]

    private func found(in db: String) -> [String] {
        var hits: [String] = []
        for file in [db, db + "-wal", db + "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for value in Self.personal where bytes.range(of: Data(value.utf8)) != nil { hits.append(value) }
        }
        return hits
    }

    @Test func exportsThenErasesAndKeepsTheStatistics() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        #expect(try badge.run(["vip", event, "A1", "on", "--db", db]).status == 0)
        #expect(try badge.run(["checkin", event, "A1", "--db", db]).status == 0)
        #expect(try badge.run(["checkin", event, "--barcode", "2222", "--db", db]).status == 0)
        // A refused check-in logs the attendee's name: the purge must take it out of the log too.
        #expect(try badge.run(["checkin", event, "A1", "--db", db]).status == 1)
        let logPath = badge.path("state/badge/badge.log")
        #expect(try String(contentsOfFile: logPath, encoding: .utf8).contains("Ada Lovelace is already checked in"))
        let stats = try badge.run(["stats", event, "--json", "--db", db])
        #expect(stats.status == 0)
        let csvBefore = try badge.run(["attendees", event, "--csv", "--db", db]).stdout
        #expect(Set(found(in: db)) == Set(Self.personal), "the test can fail: the values are in the file before")

        let out = badge.path("export.csv")
        let purge = try badge.run(["events", "purge", event, "--out", out, "--yes", "--json", "--db", db])
        #expect(purge.status == 0, "\(purge.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(purge.stdout.utf8)) as? [String: Any])
        #expect(result["event"] as? String == event)
        #expect(result["attendees"] as? Int == 4)
        #expect(result["exported"] as? Int == 4)
        #expect(result["file"] as? String == out)
        #expect(result["walTruncated"] as? Bool == true)

        // The export is `badge attendees --csv`, byte for byte, formula-safe.
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv == csvBefore)
        #expect(csv.contains("Ada Lovelace") && csv.contains("ada@example.com") && csv.contains(",1111,"))
        #expect(!csv.contains(",=HYPERLINK"))

        #expect(try badge.run(["stats", event, "--json", "--db", db]).stdout == stats.stdout)
        let listed = try badge.run(["events", "list", "--json", "--db", db]).stdout
        let events = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(events.first?["purgedAt"] as? String == result["purgedAt"] as? String)
        #expect(events.first?["totalAttendees"] as? Int == 4)
        #expect(found(in: db).isEmpty, "\(found(in: db))")
        let after = try badge.run(["attendees", event, "--csv", "--db", db]).stdout
        #expect(!after.contains("Lovelace") && !after.contains(",1111,"))
        #expect(try badge.run(["checkin", event, "--barcode", "1111", "--db", db]).status == 1)
        // The log says what happened, without naming anyone.
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.contains("purged \(event): 4 attendees anonymised"), "\(log)")
        #expect(log.contains("[purged] is already checked in"), "\(log)")
        #expect(!log.contains("Lovelace"), "\(log)")
        #expect(result["logLines"] as? Int == 1)

        // A purged event does not sync again, and is not purged twice (the export stays).
        let sync = try badge.run(["sync", event, "--db", db])
        #expect(sync.status == 1)
        #expect(sync.stderrLines.count == 1)
        #expect(sync.stderr.contains("was purged on") && sync.stderr.contains("no longer synced"), "\(sync.stderr)")
        #expect(try badge.run(["events", "retry", event, "--db", db]).stderr.contains("was purged on"))
        #expect(try badge.run(["events", "reconnect", event, "--db", db]).stderr.contains("was purged on"))
        let again = try badge.run(["events", "purge", event, "--out", badge.path("again.csv"), "--yes", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already purged"))
        #expect(!FileManager.default.fileExists(atPath: badge.path("again.csv")))
    }

    @Test func refusesWithoutATerminalOrYesAndNeverOverwrites() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        let out = badge.path("export.csv")

        let refused = try badge.run(["events", "purge", event, "--out", out, "--db", db], stdin: "yes\n")
        #expect(refused.status == 1)
        #expect(refused.stderrLines == ["badge: error: purging erases personal data: confirm on a terminal, or pass --yes"])
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Set(found(in: db)) == Set(Self.personal))

        try "keep me".write(toFile: out, atomically: true, encoding: .utf8)
        let exists = try badge.run(["events", "purge", event, "--out", out, "--yes", "--db", db])
        #expect(exists.status == 1)
        #expect(exists.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")

        let unwritable = try badge.run(["events", "purge", event, "--out", badge.path("no/such/dir/x.csv"), "--yes",
                                        "--db", db])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("nothing was erased"), "\(unwritable.stderr)")
        #expect(Set(found(in: db)) == Set(Self.personal))

        let missing = try badge.run(["events", "purge", event, "--yes", "--db", db])
        #expect(missing.status == 2)
    }

    @Test func staffIsRefused() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        #expect(try badge.run(["members", "add", "ann", "--role", "admin", "--pin-stdin", "--db", db], stdin: "2468\n").status == 0)
        #expect(try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann", "--db", db],
                              env: ["BADGE_PIN": "2468"], stdin: "1357\n").status == 0)
        let out = badge.path("export.csv")
        let staff = try badge.run(["events", "purge", event, "--out", out, "--yes", "--operator", "sam", "--db", db],
                                  env: ["BADGE_PIN": "1357"])
        #expect(staff.status == 1)
        #expect(staff.stderrLines == ["badge: error: purging an event's personal data needs an admin (signed in as staff)"])
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Set(found(in: db)) == Set(Self.personal))
        let admin = try badge.run(["events", "purge", event, "--out", out, "--yes", "--operator", "ann", "--db", db],
                                  env: ["BADGE_PIN": "2468"])
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(found(in: db).isEmpty)
    }

    @Test func onATerminalItAsksForTheEventId() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        let out = badge.path("export.csv")

        let no = try PseudoTerminal(badge: BadgeProcess.executable, args: ["events", "purge", event, "--out", out, "--db", db],
                                    environment: badge.environment)
        #expect(no.waitFor("Type \(event) to confirm: "), "\(no.text)")
        no.send(Array("yes\r".utf8))
        #expect(no.waitForExit() == 1)
        #expect(no.text.contains("not confirmed: nothing was exported or erased"), "\(no.text)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let yes = try PseudoTerminal(badge: BadgeProcess.executable, args: ["events", "purge", event, "--out", out, "--db", db],
                                     environment: badge.environment)
        #expect(yes.waitFor("erases their names, emails, companies, barcodes and notes"), "\(yes.text)")
        #expect(yes.waitFor("Type \(event) to confirm: "), "\(yes.text)")
        yes.send(Array("\(event)\r".utf8))
        #expect(yes.waitForExit() == 0, "\(yes.text)")
        #expect(FileManager.default.fileExists(atPath: out))
        #expect(found(in: db).isEmpty)
    }

    /// With a live provider behind the event: after the purge neither a sync nor a watch puts the
    /// provider's attendees back, and the statistics stay those of the purge.
    @Test func anImportedEventDoesNotSyncAfterThePurge() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 40, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let externalId = try #require(sim.firstEventId(.eventbrite))
        let event = "eventbrite:\(externalId)"
        #expect(try badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                               "--base-url", sim.eventbriteBaseURL, "--db", db]).status == 0)
        #expect(try badge.run(["events", "import", "eventbrite", externalId, "--db", db]).status == 0)
        let someone = try #require(try sim.simulator.attendees(event: externalId).first)
        let email = try #require(someone.email)
        #expect(found(email, in: db))

        #expect(try badge.run(["events", "purge", event, "--out", badge.path("x.csv"), "--yes", "--db", db]).status == 0)
        let stats = try badge.run(["stats", event, "--json", "--db", db]).stdout
        #expect(!found(email, in: db))

        for command in [["sync", event], ["watch", event, "--for", "1"], ["events", "retry", event],
                        ["events", "import", "eventbrite", externalId]] {
            let refused = try badge.run(command + ["--db", db])
            #expect(refused.status == 1, "\(command)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.contains("was purged on"), "\(refused.stderr)")
        }
        #expect(try badge.run(["stats", event, "--json", "--db", db]).stdout == stats)
        #expect(!found(email, in: db))
    }

    private func found(_ value: String, in db: String) -> Bool {
        [db, db + "-wal"].contains { FileManager.default.contents(atPath: $0)?.range(of: Data(value.utf8)) != nil }
    }
}
