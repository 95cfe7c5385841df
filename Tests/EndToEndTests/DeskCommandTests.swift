import Foundation
import Testing

/// `badge walkin`, `badge correct`, `badge note` (SPEC §13) run as the real binary.
@Suite struct DeskCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aWalkInIsRegisteredCheckedInPrintedAndExported() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let wrongTicket = try badge.run(["walkin", event, "--name", "Kim Lee", "--ticket", "Gold", "--db", db])
        #expect(wrongTicket.status == 2)
        #expect(wrongTicket.stderr.contains("No ticket called 'Gold' (tickets: General Admission, Speaker, VIP)")
                || wrongTicket.stderr.contains("No ticket called 'Gold'"), "\(wrongTicket.stderr)")
        #expect(try badge.run(["walkin", event, "--db", db]).status == 2, "--name is required")
        #expect(try badge.run(["walkin", event, "--name", " ", "--db", db]).status == 2)

        let pdf = badge.path("walkin.pdf")
        let added = try badge.run(["walkin", event, "--name", "Kim Lee", "--email", "kim@example.com",
                                   "--company", "Walk Co", "--ticket", "VIP", "--out", pdf, "--json", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        let row = try json(added.stdout)
        #expect(row["walkIn"] as? Bool == true)
        #expect(row["providerStatus"] as? String == "WALK_IN")
        #expect((row["providerAttendeeId"] as? String)?.hasPrefix("walkin-") == true)
        #expect(row["ticketName"] as? String == "VIP")
        #expect(row["checkedInAt"] as? String != nil)
        #expect(row["checkInSource"] as? String == "LOCAL")
        #expect(row["printCount"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: pdf))
        #expect(added.stderr.contains("Saved PDF → \(pdf)"))

        let text = try badge.run(["walkin", event, "--name", "Lee Kim", "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Walk-in Lee Kim registered (id 6) and checked in at "), "\(text.stdout)")

        let csv = try badge.run(["attendees", event, "--csv", "--db", db])
        let header = try #require(csv.stdout.split(separator: "\r\n").first)
        #expect(header.hasSuffix("badge_name,badge_company,badge_job_title,pronouns,notes,walk_in"))
        let kim = try #require(csv.stdout.split(separator: "\r\n").first { $0.contains("Kim Lee") })
        #expect(kim.hasSuffix("Kim Lee,Walk Co,,,,yes"))
        let stats = try json(try badge.run(["stats", event, "--json", "--db", db]).stdout)
        #expect(stats["totalAttendees"] as? Int == 6)
        #expect(stats["checkedIn"] as? Int == 3)
    }

    @Test func aCorrectionShowsTheProvidersValueIsSearchablePrintsAndClears() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let set = try badge.run(["correct", event, "A1", "--name", "Ada King", "--pronouns", "she/her", "--db", db])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "Name: Ada King (provider: Ada Lovelace)\nPronouns: she/her\n")

        let found = try badge.run(["attendees", event, "--search", "ada king", "--json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["name"] as? String == "Ada Lovelace")
        #expect(rows.first?["badgeName"] as? String == "Ada King")
        #expect((rows.first?["corrections"] as? [String: Any])?["pronouns"] as? String == "she/her")

        let printed = try badge.run(["print", event, "A1", "--out", badge.path("ada.pdf"), "--db", db])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("the badge of Ada King"))

        // A provider value with a control sequence is cleaned in the output.
        let evil = try badge.run(["correct", event, "A2", "--company", "Blue Corp", "--db", db])
        #expect(evil.stdout == "Company: Blue Corp (provider: [31mRed Corp)\n" || !evil.stdout.contains("\u{1B}"))
        #expect(!evil.stdout.contains("\u{1B}"))

        let cleared = try badge.run(["correct", event, "A1", "--clear", "name,pronouns", "--json", "--db", db])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        let after = try json(cleared.stdout)
        #expect(after["badgeName"] as? String == "Ada Lovelace")
        #expect((after["corrections"] as? [String: Any])?["name"] is NSNull)

        #expect(try badge.run(["correct", event, "A1", "--db", db]).status == 2, "nothing to correct")
        #expect(try badge.run(["correct", event, "A1", "--clear", "shoe-size", "--db", db]).status == 2)
        #expect(try badge.run(["correct", event, "A1", "--name", "X", "--clear", "name", "--db", db]).status == 2)
        #expect(try badge.run(["correct", event, "NOPE", "--name", "X", "--db", db]).status == 1)
    }

    @Test func aNoteIsSetShownAndClearedWithAnEmptyText() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let set = try badge.run(["note", event, "A1", "Gate B, wheelchair", "--db", db])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "Note on Ada Lovelace (id 1): Gate B, wheelchair\n")
        let shown = try json(try badge.run(["note", event, "A1", "Gate C", "--json", "--db", db]).stdout)
        #expect(shown["notes"] as? String == "Gate C")
        let cleared = try badge.run(["note", event, "A1", "", "--db", db])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout == "Note on Ada Lovelace (id 1) cleared.\n")
        #expect(try badge.run(["note", event, "A1", "--db", db]).status == 2, "TEXT is required")
    }
}

/// A purge (SPEC §13 privacy) takes the desk's data with it: corrections, notes and walk-ins are
/// exported first, then gone from the database file and from the log.
@Suite struct DeskDataPurgeTests {
    @Test func correctionsNotesAndWalkInsAreExportedThenErasedFromTheFileAndTheLog() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        let secrets = ["Zedediah Quillfeather", "Quillfeather Holdings", "xe/xem", "Needs a sign interpreter",
                       "Wilhelmina Walkabout", "wilhelmina@walk.example"]
        #expect(try badge.run(["correct", event, "A4", "--name", secrets[0], "--company", secrets[1],
                               "--pronouns", secrets[2], "--db", db]).status == 0)
        #expect(try badge.run(["note", event, "A4", secrets[3], "--db", db]).status == 0)
        #expect(try badge.run(["walkin", event, "--name", secrets[4], "--email", secrets[5], "--db", db]).status == 0)
        // A refused check-in logs the corrected name (what the desk sees).
        let refused = try badge.run(["checkin", event, "A4", "--db", db])
        #expect(refused.stderr.contains("\(secrets[0]) is already checked in"), "\(refused.stderr)")
        let logPath = badge.path("state/badge/badge.log")
        #expect(try String(contentsOfFile: logPath, encoding: .utf8).contains(secrets[0]))
        func inFile(_ value: String) -> Bool {
            [db, db + "-wal"].contains { FileManager.default.contents(atPath: $0)?.range(of: Data(value.utf8)) != nil }
        }
        #expect(secrets.allSatisfy(inFile), "the test can fail: the values are in the file before")

        let out = badge.path("export.csv")
        let purge = try badge.run(["events", "purge", event, "--out", out, "--yes", "--db", db])
        #expect(purge.status == 0, "\(purge.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(secrets.allSatisfy(csv.contains), "exported first")
        #expect(secrets.filter(inFile).isEmpty, "\(secrets.filter(inFile))")
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(!log.contains(secrets[0]) && !log.contains("Quillfeather"), "\(log)")
    }
}
