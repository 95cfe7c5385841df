import BadgeCore
import Foundation
import Storage
import Testing

/// Issue #13 items 4 and 7 and issue #12 item 6 through the real binary: CSV that no
/// spreadsheet separator turns into a formula, honest `badge print` results, a clear error for
/// `--out DIR`, and one Default template per event.
@Suite struct PrintAndExportHardeningTests {
    static let hostileName = "Jane;=1+1;@SUM(1)"
    static let hostileCompany = "Acme, -2+3; \"=cmd\""

    /// The seeded database plus an attendee whose name and company hide formulas behind `;` and `,`.
    static func database(at path: String) throws {
        try SeededDatabase.create(at: path)
        let store = try SQLiteStore.open(path: path)
        let event = try #require(try store.event(provider: .eventbrite, externalId: SeededDatabase.externalId))
        _ = try store.applyPage(eventId: event.id, attendees: SeededDatabase.attendees + [
            ProviderAttendee(providerAttendeeId: "A5", orderId: "O5", name: hostileName, email: "jane@example.com",
                             company: hostileCompany, ticketName: "General Admission", barcode: "5555",
                             status: .attending, providerStatus: "Attending"),
        ], checkpoint: nil, now: Date())
    }

    /// Cells as a spreadsheet reads them: RFC 4180 quotes honoured only at the start of a cell.
    static func parse(_ line: String, separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false, atStart = true
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == separator {
                cells.append(cell); cell = ""; atStart = true
                continue
            } else if c == "\"", atStart {
                quoted = true
            } else {
                cell.append(c)
            }
            atStart = false
        }
        cells.append(cell)
        return cells
    }

    static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    @Test func csvHasNoFormulaWithEitherSeparator() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try Self.database(at: db)
        let result = try badge.run(["attendees", SeededDatabase.qualifiedId, "--csv", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 6)
        for line in lines {
            for separator: Character in [",", ";"] {
                // As a spreadsheet parses it, and as a naive split that ignores quotes.
                let cells = Self.parse(line, separator: separator)
                    + line.split(separator: separator, omittingEmptySubsequences: false).map {
                        String($0.drop { $0 == " " || $0 == "\"" })
                    }
                for cell in cells {
                    #expect(!(cell.first.map(Self.formulaStarters.contains) ?? false),
                            "cell \(cell.debugDescription) of \(line.debugDescription) split at '\(separator)'")
                }
            }
        }
        // Parsed properly (commas, quotes), the data is intact apart from the ' before each formula.
        let header = Self.parse(lines[0], separator: ",")
        let jane = Self.parse(try #require(lines.first { $0.contains("Jane") }), separator: ",")
        #expect(jane.count == header.count)
        let column = { (name: String) in jane[try #require(header.firstIndex(of: name))] }
        #expect(try column("name") == "Jane;'=1+1;'@SUM(1)")
        #expect(try column("company") == "Acme,' -2+3;' \"=cmd\"")
        #expect(try column("email") == "jane@example.com")
        #expect(try column("barcode") == "5555")
        let ada = Self.parse(try #require(lines.first { $0.contains("Ada Lovelace") }), separator: ",")
        #expect(ada[try #require(header.firstIndex(of: "company"))] == "Analytical Engines")
    }

    @Test func printSaysSavedPDFAndNamesMissingGlyphs() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try Self.database(at: db)
        let store = try SQLiteStore.open(path: db)
        let event = try #require(try store.event(provider: .eventbrite, externalId: SeededDatabase.externalId))
        _ = try store.applyPage(eventId: event.id, attendees: SeededDatabase.attendees.map { a in
            var a = a
            if a.providerAttendeeId == "A1" { a.company = "Party 🎉 Ltd" }
            return a
        }, checkpoint: nil, now: Date())

        let pdf = badge.path("ada.pdf")
        let json = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--out", pdf, "--json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["output"] as? String == pdf)  // existing fields stay
        #expect(object["template"] as? String != nil)
        #expect(object["outcome"] as? String == "saved_pdf")
        #expect(object["path"] as? String == pdf)
        #expect(object["queue"] == nil)
        #expect(object["missingGlyphs"] as? [String] == ["🎉"])

        let text = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--out", pdf, "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Saved PDF → \(pdf): the badge of Ada Lovelace (print 2)"), "\(text.stdout)")
        #expect(text.stdout.contains("nothing was sent to a printer"))
        #expect(!text.stdout.contains("Printed"))
        #expect(text.stderr.contains("missing glyphs: 🎉"), "\(text.stderr)")
    }

    @Test func printToAFakeQueueSaysPrinted() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try Self.database(at: db)
        let bin = badge.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\nexit 0\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/lp")
        // /usr/bin/lp would win the lookup if CUPS were installed; the test needs our stand-in.
        try #require(!FileManager.default.isExecutableFile(atPath: "/usr/bin/lp")
                     && !FileManager.default.isExecutableFile(atPath: "/usr/local/bin/lp"))
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let json = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--printer", "Front_Desk", "--json", "--db", db],
                                 env: ["PATH": path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "printed")
        #expect(object["queue"] as? String == "Front_Desk")
        #expect(object["output"] as? String == "printer:Front_Desk")
        #expect(object["missingGlyphs"] as? [String] == [])
        let text = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--printer", "Front_Desk", "--db", db],
                                 env: ["PATH": path])
        #expect(text.stdout.hasPrefix("Reprinted the badge of Ada Lovelace (print 2)"), "\(text.stdout)")
        #expect(text.stdout.contains("on Front_Desk."))
    }

    @Test func printOutIntoAFolderIsAClearError() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try Self.database(at: db)
        let dir = badge.path("badges")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let result = try badge.run(["print", SeededDatabase.qualifiedId, "A1", "--out", dir, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write \(dir): it is a folder; give a file name such as \(dir)/badge.pdf"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aSecondDefaultTemplateIsRefused() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        try Self.database(at: db)
        let event = SeededDatabase.qualifiedId
        let file = badge.path("t.badge")
        try "size 4x3in\nfield name x=0.2 y=0.5 w=3.6 h=0.8 size=30\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try badge.run(["templates", "add", event, file, "--name", "Default", "--db", db]).status == 0)
        let second = try badge.run(["templates", "add", event, file, "--name", "Front desk", "--db", db])
        #expect(second.status == 1)
        #expect(second.stderrLines.count == 1, "\(second.stderr)")
        #expect(second.stderr.contains("already has a Default template 'Default'"), "\(second.stderr)")
        // Same name replaces; a variant with tickets is fine.
        #expect(try badge.run(["templates", "add", event, file, "--name", "Default", "--db", db]).status == 0)
        #expect(try badge.run(["templates", "add", event, file, "--name", "Front desk", "--tickets", "VIP",
                               "--db", db]).status == 0)
        let list = try badge.run(["templates", "list", event, "--json", "--db", db])
        let templates = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(templates.map { $0["name"] as? String } == ["Default", "Front desk"])
    }
}
