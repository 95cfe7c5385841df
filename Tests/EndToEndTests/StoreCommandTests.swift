import Foundation
import Testing

/// The commands that read and write the database, run as the real binary (SPEC §4, §5).
@Suite struct StoreCommandTests {
    @Test func emptyDatabaseListsNoEventsAndIsCreatedPrivate() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("env.sqlite")
        // A read command never creates the database (issue #17); a write command does.
        #expect(try badge.run(["events", "list", "--json"], env: ["BADGE_DB": db]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: db))
        let created = try badge.run(["members", "add", "ada", "--role", "admin", "--pin-stdin"], env: ["BADGE_DB": db],
                                    stdin: "2468\n")
        #expect(created.status == 0, "\(created.stderr)")
        let result = try badge.run(["events", "list", "--json"], env: ["BADGE_DB": db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[]\n")
        #expect(try badge.mode(of: db) == 0o600)

        // Without --db or BADGE_DB: the XDG data directory, created 0700, database 0600.
        #expect(try badge.run(["members", "add", "ada", "--role", "admin", "--pin-stdin"], stdin: "2468\n").status == 0)
        let defaulted = try badge.run(["--json", "events", "list"])
        #expect(defaulted.status == 0, "\(defaulted.stderr)")
        #expect(defaulted.stdout == "[]\n")
        #expect(try badge.mode(of: badge.path("data/badge")) == 0o700)
        #expect(try badge.mode(of: badge.path("data/badge/badge.sqlite")) == 0o600)
    }

    @Test func eventsListShowsTheSeededEventInTheSpecShape() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let id = try SeededDatabase.create(at: db)
        let result = try badge.run(["events", "list", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let event = try #require(events.first)
        #expect(event["id"] as? Int == Int(id))
        #expect(event["provider"] as? String == "eventbrite")
        #expect(event["externalId"] as? String == SeededDatabase.externalId)
        #expect(event["syncStatus"] as? String == "ACTIVE")
        #expect(event["totalAttendees"] as? Int == 4)
        #expect(event["checkedIn"] as? Int == 1)
        #expect(event["notAttending"] as? Int == 1)
        #expect(event["lastSyncedAt"] as? String == "2026-03-14T08:00:00Z")
        #expect(event["accessCode"] as? String == "ABC123")
        // Stable field order: the SPEC's order, starting with id, provider, externalId.
        #expect(result.stdout.contains("\"id\": \(id),\n    \"provider\": \"eventbrite\",\n    \"externalId\""))
    }

    @Test func eventArgumentAcceptsLocalIdOrProviderId() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let id = try SeededDatabase.create(at: db)
        let byId = try badge.run(["stats", String(id), "--json", "--db", db])
        let byQualified = try badge.run(["stats", SeededDatabase.qualifiedId, "--json", "--db", db])
        #expect(byId.status == 0)
        #expect(byId.stdout == byQualified.stdout)
        let missing = try badge.run(["stats", "luma:evt-nope", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr == "badge: error: no event 'luma:evt-nope' (see badge events list)\n")
    }

    @Test func checkInUndoForceAndBarcode() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let first = try badge.run(["checkin", event, "A1", "--db", db, "--operator", "dora"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("Checked in Ada Lovelace"))

        let again = try badge.run(["checkin", event, "A1", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderrLines.count == 1)
        #expect(again.stderr.contains("already checked in at 20"))
        #expect(again.stderr.contains("by dora"))

        let undo = try badge.run(["checkin", event, "A1", "--undo", "--db", db])
        #expect(undo.status == 0, "\(undo.stderr)")
        let undoAgain = try badge.run(["checkin", event, "A1", "--undo", "--db", db])
        #expect(undoAgain.status == 1)
        #expect(undoAgain.stderr.contains("nothing to undo"))

        let refused = try badge.run(["checkin", event, "A3", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("NOT_ATTENDING"))
        #expect(refused.stderr.contains("--force"))
        let forced = try badge.run(["checkin", event, "A3", "--force", "--db", db])
        #expect(forced.status == 0, "\(forced.stderr)")

        let scanned = try badge.run(["checkin", event, "--barcode", "2222", "--db", db])
        #expect(scanned.status == 0, "\(scanned.stderr)")
        let unknown = try badge.run(["checkin", event, "--barcode", "9999", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Attendee not found"))

        let both = try badge.run(["checkin", event, "A1", "--barcode", "1111", "--db", db])
        #expect(both.status == 2)
        let neither = try badge.run(["checkin", event, "--db", db])
        #expect(neither.status == 2)

        let stats = try badge.run(["stats", event, "--json", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["checkedIn"] as? Int == 3)  // A3 forced, A2 scanned, A4 at the provider; A1 undone
    }

    @Test func attendeesJSONSearchFilterAndVIP() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let all = try badge.run(["attendees", event, "--json", "--db", db])
        #expect(all.status == 0, "\(all.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        // Control characters leave only as JSON escapes, never as raw bytes.
        #expect(!all.stdout.contains("\u{1B}"))
        #expect(all.stdout.contains("\\u001b[31mRed Corp"))

        let search = try badge.run(["attendees", event, "--json", "--search", "lovelace", "--db", db])
        let found = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(found.map { $0["providerAttendeeId"] as? String } == ["A1"])

        #expect(try badge.run(["vip", event, "A4", "on", "--db", db]).status == 0)
        let vips = try badge.run(["attendees", event, "--json", "--filter", "vip", "--db", db])
        let vipRows = try #require(try JSONSerialization.jsonObject(with: Data(vips.stdout.utf8)) as? [[String: Any]])
        #expect(vipRows.map { $0["providerAttendeeId"] as? String } == ["A4"])
        #expect(vipRows.first?["vip"] as? Bool == true)

        let text = try badge.run(["attendees", event, "--db", db])
        #expect(text.status == 0)
        #expect(!text.stdout.contains("\u{1B}"))
        #expect(text.stdout.contains("Ada Lovelace"))
    }

    @Test func csvExportIsSafeAndCarriesCheckInVIPAndPrints() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        #expect(try badge.run(["checkin", event, "A1", "--db", db]).status == 0)
        #expect(try badge.run(["vip", event, "A1", "on", "--db", db]).status == 0)

        let result = try badge.run(["attendees", event, "--csv", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("id,provider_attendee_id,name,"))
        #expect(lines[0].contains("vip"))
        #expect(lines[0].contains("checked_in_at"))
        #expect(lines[0].contains("print_count"))
        let ada = try #require(lines.first { $0.contains("Ada Lovelace") })
        #expect(ada.contains(",yes,20"))  // VIP, then the check-in time
        // A formula is neutralised (leading ') and no escape byte reaches the file.
        let evil = try #require(lines.first { $0.contains("HYPERLINK") })
        #expect(evil.contains("\"'=HYPERLINK("))
        #expect(!result.stdout.contains("\u{1B}"))
    }
}
