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
