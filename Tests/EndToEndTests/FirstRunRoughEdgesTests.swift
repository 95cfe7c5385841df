import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// Issue #17, rough edges a first-time operator hit on the command line: help that states the
/// real defaults, read commands that never create a database, no stray Foundation directories,
/// re-import counts that add up, and Luma's guest count in the list and the progress bar.
@Suite(.serialized) struct FirstRunRoughEdgesTests {
    /// Help text with its wrapping undone (a long option line may continue on the next).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func demoAndSimulateHelpStateTheDefaultsTheyUse() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let demo = Self.flat(try badge.run(["demo", "--help"]).stdout)
        // DemoSession: 2 500 attendees; 500 ms a request for Eventbrite, 100 ms for Luma.
        #expect(demo.contains("attendees in the demo event (default 2500)"), "\(demo)")
        #expect(demo.contains("in milliseconds (default 500 for Eventbrite, 100 for Luma)"), "\(demo)")
        #expect(!demo.contains("(default 500)") && !demo.contains("(default 0)"))
        // badge simulate: SimulatorConfig's 500 attendees and 2 events per provider.
        let simulate = Self.flat(try badge.run(["simulate", "--help"]).stdout)
        let defaults = SimulatorConfig()
        #expect(simulate.contains("attendees per event (default \(defaults.attendees))"))
        #expect(simulate.contains("events per provider (default \(defaults.events))"), "\(simulate)")
    }

    static let readCommands: [[String]] = [
        ["print", "2", "7", "--out", "@dir/badge.pdf"], ["attendees", "2"], ["attendees", "2", "--json"],
        ["events", "list"], ["events", "available", "luma"], ["stats", "2"], ["templates", "list", "2"],
        ["members", "list"], ["integrations", "list"], ["backup", "@dir/copy.sqlite"],
    ]

    @Test(arguments: readCommands)
    func aReadCommandNeverCreatesADatabase(_ command: [String]) throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let args = command.map { $0.replacingOccurrences(of: "@dir", with: badge.home.path) }
        // A mistyped --db in a directory that exists.
        let typo = badge.path("badge-typo.sqlite")
        let mistyped = try badge.run(args + ["--db", typo])
        #expect(mistyped.status == 1, "\(args): \(mistyped.stderr)")
        #expect(mistyped.stderrLines == ["badge: error: no database at \(typo) — run `badge demo` or import an event first"])
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(!FileManager.default.fileExists(atPath: typo + "-wal"))
        // No --db on a machine that has none: the default path is not created either.
        let fresh = try badge.run(args)
        #expect(fresh.status == 1, "\(args): \(fresh.stderr)")
        #expect(fresh.stderrLines == ["badge: error: no database at \(badge.path("data/badge/badge.sqlite")) — "
                                      + "run `badge demo` or import an event first"])
        #expect(!FileManager.default.fileExists(atPath: badge.path("data/badge")))
        #expect(!FileManager.default.fileExists(atPath: badge.path("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: badge.path("badge.pdf")))
    }

    @Test func aWriteCommandStillCreatesTheDatabase() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("new.sqlite")
        let added = try badge.run(["members", "add", "ada", "--role", "admin", "--pin-stdin", "--db", db], stdin: "4821\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: db))
        let list = try badge.run(["members", "list", "--db", db])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("ada"))
    }

    @Test func importingLeavesNoFoundationCacheOrCookieDirectories() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 120, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let externalId = try #require(sim.firstEventId(.luma))
        // The default database path: everything badge keeps is under data/badge.
        let connect = try badge.run(["integrations", "connect", "luma", "--api-key", sim.credential(for: .luma),
                                     "--base-url", sim.lumaBaseURL])
        #expect(connect.status == 0, "\(connect.stderr)")
        #expect(try badge.run(["events", "available", "luma"]).status == 0)
        let imported = try badge.run(["events", "import", "luma", externalId])
        #expect(imported.status == 0, "\(imported.stderr)")
        // FoundationNetworking's cookie storage would make data/<folder of the binary> (e.g.
        // data/debug), its URL cache .cache/org.swift.foundation.URLCache/badge.
        #expect(try FileManager.default.contentsOfDirectory(atPath: badge.path("data")) == ["badge"])
        #expect(!FileManager.default.fileExists(atPath: badge.path(".cache")))
        #expect(!FileManager.default.fileExists(atPath: badge.path(".local")))
    }

    @Test func reconnectReportsCountsThatAddUpToTheEvent() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 180, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let externalId = try #require(sim.firstEventId(.eventbrite))
        _ = try badge.run(["integrations", "connect", "eventbrite", "--token", sim.credential(for: .eventbrite),
                           "--base-url", sim.eventbriteBaseURL, "--db", db])
        #expect(try badge.run(["events", "import", "eventbrite", externalId, "--db", db]).status == 0)
        // Registrations stamped now: the re-import's pages and its closing sweep both read them.
        try sim.simulator.addRegistrations(event: externalId, count: 6)
        let reconnect = try badge.run(["events", "reconnect", "eventbrite:" + externalId, "--db", db])
        #expect(reconnect.status == 0, "\(reconnect.stderr)")
        let total = try sim.simulator.attendees(event: externalId).count
        // "Reconnected and imported event #1: ACTIVE, 6 added, 0 updated, 0 cancelled, 180 unchanged (…)"
        let line = reconnect.stdout
        let numbers = ["added", "updated", "cancelled", "unchanged"].map { word -> Int in
            let before = line.components(separatedBy: " \(word)").first ?? ""
            return Int(before.split(separator: " ").last ?? "") ?? -1
        }
        #expect(numbers == [6, 0, 0, total - 6], "\(line)")
        #expect(numbers.reduce(0, +) == total)
    }

    @Test func lumaListShowsGuestsAndTheImportHasATotal() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 260, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let externalId = try #require(sim.firstEventId(.luma))
        let guests = try sim.simulator.attendees(event: externalId).count
        _ = try badge.run(["integrations", "connect", "luma", "--api-key", sim.credential(for: .luma),
                           "--base-url", sim.lumaBaseURL, "--db", db])
        let available = try badge.run(["events", "available", "luma", "--db", db])
        #expect(available.status == 0, "\(available.stderr)")
        let row = try #require(available.stdout.split(separator: "\n").first { $0.hasPrefix(externalId) })
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).contains("\(guests)"), "\(available.stdout)")
        let json = try badge.run(["events", "available", "luma", "--json", "--db", db])
        #expect(json.stdout.contains("\"registrations\": \(guests)"), "\(json.stdout)")

        // stderr is not a terminal here: the plain progress line counts against the total.
        let imported = try badge.run(["events", "import", "luma", externalId, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("/\(guests) attendees"), "\(imported.stderr)")
    }

    @Test func theProgressBarOnATerminalEndsFull() throws {
        let sim = try SimulatorHarness(SimulatorConfig(attendees: 300, events: 1))
        defer { sim.stop() }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        _ = try badge.run(["integrations", "connect", "luma", "--api-key", sim.credential(for: .luma),
                           "--base-url", sim.lumaBaseURL, "--db", db])
        let externalId = try #require(sim.firstEventId(.luma))
        let guests = try sim.simulator.attendees(event: externalId).count
        let pty = try PseudoTerminal(badge: BadgeProcess.executable, args: ["events", "import", "luma", externalId, "--db", db],
                                     environment: badge.environment)
        #expect(pty.waitForExit(timeout: 60) == 0, "\(pty.text)")
        #expect(pty.waitFor("Imported event"), "\(pty.text)")
        let redraws = pty.text.components(separatedBy: "\r\u{1B}[2K").dropFirst()
        #expect(redraws.count >= 2, "\(pty.text)")
        // While importing: a bar against Luma's guest count; at the end: the bar full, never empty.
        #expect(redraws.contains { $0.hasPrefix("Importing ") && $0.contains("/\(guests) attendees") }, "\(pty.text)")
        let last = try #require(redraws.last)
        #expect(last.hasPrefix("Imported ██████████████████████████████ 100%"), "\(last)")
        #expect(!last.contains("░"))
    }
}
