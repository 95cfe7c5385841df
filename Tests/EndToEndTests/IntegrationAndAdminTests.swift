import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// Integrations against the loopback simulator, templates and printing, members and roles.
@Suite struct IntegrationAndAdminTests {
    @Test func connectValidatesTheCredentialAndNeverPrintsIt() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 5, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let token = sim.credential(for: .eventbrite)

        let wrong = try badge.run(["integrations", "connect", "eventbrite", "--token", "not-the-token-123",
                                   "--base-url", sim.eventbriteBaseURL, "--db", db])
        #expect(wrong.status == 1)
        #expect(wrong.stderrLines.count == 1)
        #expect(!wrong.stderr.contains("not-the-token-123"))
        #expect(try badge.run(["integrations", "list", "--json", "--db", db]).stdout == "[]\n")

        let right = try badge.run(["integrations", "connect", "eventbrite", "--token", "-",
                                   "--base-url", sim.eventbriteBaseURL, "--db", db], stdin: token + "\n")
        #expect(right.status == 0, "\(right.stderr)")
        #expect(!right.stdout.contains(token))

        let luma = try badge.run(["integrations", "connect", "luma", "--api-key=" + sim.credential(for: .luma),
                                  "--base-url=" + sim.lumaBaseURL, "--db", db])
        #expect(luma.status == 0, "\(luma.stderr)")

        let list = try badge.run(["integrations", "list", "--json", "--db", db])
        #expect(list.status == 0)
        #expect(!list.stdout.contains(token))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["provider"] as? String } == ["eventbrite", "luma"])
        #expect(rows.allSatisfy { $0["status"] as? String == "CONNECTED" })
        #expect(rows.allSatisfy { Set($0.keys) == ["provider", "status", "account", "baseUrl"] })
        #expect(!(try badge.run(["integrations", "list", "--db", db]).stdout.contains(token)))

        let available = try badge.run(["events", "available", "eventbrite", "--json", "--db", db])
        #expect(available.status == 0, "\(available.stderr)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(available.stdout.utf8)) as? [[String: Any]])
        #expect(events.compactMap { $0["externalId"] as? String } == sim.simulator.eventIds(for: .eventbrite))

        #expect(try badge.run(["integrations", "disconnect", "luma", "--db", db]).status == 0)
        let again = try badge.run(["integrations", "disconnect", "luma", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not connected"))

        let wrongOption = try badge.run(["integrations", "connect", "luma", "--token", "x", "--db", db])
        #expect(wrongOption.status == 2)
    }

    @Test func templatesAndPrintingRecordReprints() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)
        let template = badge.path("speaker.badge")
        try """
        name "Speaker"
        size 4x3in
        field name x=0.2 y=0.5 w=3.6 h=0.8 size=30 min=10 bold
        """.write(toFile: template, atomically: true, encoding: .utf8)
        let bad = badge.path("bad.badge")
        try "size 4x3in\nwobble x=1\n".write(toFile: bad, atomically: true, encoding: .utf8)

        let add = try badge.run(["templates", "add", event, template, "--name", "Speaker", "--tickets", "Speaker, Keynote",
                                 "--db", db])
        #expect(add.status == 0, "\(add.stderr)")
        let refused = try badge.run(["templates", "add", event, bad, "--name", "Bad", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 2"))

        let list = try badge.run(["templates", "list", event, "--json", "--db", db])
        let templates = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(templates.map { $0["name"] as? String } == ["Speaker"])
        #expect(templates.first?["ticketNames"] as? [String] == ["Speaker", "Keynote"])

        // A4 holds a Speaker ticket: the variant applies; A1 falls back to the built-in badge.
        let pdf = badge.path("taro.pdf")
        let printed = try badge.run(["print", event, "A4", "--out", pdf, "--json", "--db", db])
        #expect(printed.status == 0, "\(printed.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        #expect(result["template"] as? String == "Speaker")
        #expect(result["output"] as? String == pdf)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8))
        let reprint = try badge.run(["print", event, "A4", "--out", pdf, "--db", db])
        #expect(reprint.stdout.hasPrefix("Saved PDF → \(pdf): the badge of 山田 太郎 (print 2)"), "\(reprint.stdout)")
        let csv = try badge.run(["attendees", event, "--csv", "--search", "taro", "--db", db])
        #expect(csv.stdout.contains(",2,4444,"))  // print_count, barcode

        let fallback = try badge.run(["print", event, "A1", "--out", badge.path("ada.pdf"), "--json", "--db", db])
        #expect(fallback.stdout.contains("Built-in default"))

        #expect(try badge.run(["templates", "remove", event, "Speaker", "--db", db]).status == 0)
        let gone = try badge.run(["templates", "remove", event, "Speaker", "--db", db])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("no template 'Speaker'"))
    }

    @Test func membersAndRolesGuardAdminCommands() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let event = SeededDatabase.qualifiedId
        try SeededDatabase.create(at: db)

        let staffFirst = try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--db", db], stdin: "1234\n")
        #expect(staffFirst.status == 1)
        #expect(staffFirst.stderr.contains("first member must be an admin"))
        let admin = try badge.run(["members", "add", "ann", "--role", "admin", "--pin-stdin", "--db", db], stdin: "2468\n")
        #expect(admin.status == 0, "\(admin.stderr)")
        let ann = ["BADGE_PIN": "2468"]
        let sam = ["BADGE_PIN": "1357"]
        let badPIN = try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann",
                                    "--db", db], env: ann, stdin: "12\n")
        #expect(badPIN.status == 1)
        #expect(badPIN.stderr.contains("4 to 12 digits"))
        let noPIN = try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann",
                                   "--db", db], stdin: "1357\n")
        #expect(noPIN.status == 1)
        #expect(noPIN.stderr.contains("PIN needed for ann"))
        let wrongPIN = try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann",
                                      "--db", db], env: ["BADGE_PIN": "1111"], stdin: "1357\n")
        #expect(wrongPIN.status == 1)
        #expect(wrongPIN.stderr.contains("wrong PIN for ann"))
        let staff = try badge.run(["members", "add", "sam", "--role", "staff", "--pin-stdin", "--operator", "ann",
                                   "--db", db], env: ann, stdin: "1357\n")
        #expect(staff.status == 0, "\(staff.stderr)")

        let list = try badge.run(["members", "list", "--json", "--db", db])
        #expect(list.stdout.contains("\"role\": \"ADMIN\""))
        #expect(!list.stdout.contains("2468"))
        #expect(!list.stdout.contains("$"))  // no hash either

        let template = badge.path("t.badge")
        try "size 4x3in\n".write(toFile: template, atomically: true, encoding: .utf8)
        let anonymous = try badge.run(["templates", "add", event, template, "--name", "T", "--db", db])
        #expect(anonymous.status == 1)
        #expect(anonymous.stderr.contains("needs an operator"))
        let asStaff = try badge.run(["templates", "add", event, template, "--name", "T", "--operator", "sam", "--db", db],
                                    env: sam)
        #expect(asStaff.status == 1)
        #expect(asStaff.stderr.contains("needs an admin (signed in as staff)"))
        let stranger = try badge.run(["checkin", event, "A1", "--operator", "zed", "--db", db])
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("no member 'zed'"))
        let anonymousCheckIn = try badge.run(["checkin", event, "A1", "--db", db])
        #expect(anonymousCheckIn.status == 1)
        #expect(anonymousCheckIn.stderr.contains("needs an operator"))
        #expect(try badge.run(["checkin", event, "A1", "--operator", "sam", "--db", db], env: sam).status == 0)
        #expect(try badge.run(["templates", "add", event, template, "--name", "T", "--operator", "ann",
                               "--db", db], env: ann).status == 0)

        let lastAdmin = try badge.run(["members", "remove", "ann", "--operator", "ann", "--db", db], env: ann)
        #expect(lastAdmin.status == 1)
        #expect(lastAdmin.stderr.contains("last admin"))
        #expect(try badge.run(["members", "remove", "sam", "--operator", "ann", "--db", db], env: ann).status == 0)
    }
}
