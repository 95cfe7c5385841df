import Foundation
import Testing

/// Black-box tests of the `badge` command line: help, exit codes, option forms (SPEC §4).
@Suite struct CLIParsingTests {
    /// Every command of SPEC §4 (plus backup), as typed after `badge`.
    static let commands: [[String]] = [
        ["demo"], ["simulate"],
        ["integrations", "connect"], ["integrations", "list"], ["integrations", "disconnect"],
        ["events", "available"], ["events", "import"], ["events", "list"], ["events", "retry"],
        ["events", "reconnect"],
        ["sync"], ["watch"], ["attendees"], ["vip"], ["checkin"], ["stats"], ["print"],
        ["templates", "list"], ["templates", "add"], ["templates", "remove"],
        ["members", "add"], ["members", "list"], ["members", "remove"],
        ["backup"],
    ]
    static let groups: [[String]] = [["integrations"], ["events"], ["templates"], ["members"]]

    @Test func rootHelpListsEveryCommand() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(["--help"])
        #expect(result.status == 0)
        for command in Self.commands {
            #expect(result.stdout.contains("badge " + command.joined(separator: " ")), "missing \(command)")
        }
        #expect(result.stdout.contains("--db PATH"))
        #expect(result.stdout.contains("--operator NAME"))
        #expect(result.stdout.contains("--theme NAME"))
        #expect(try badge.run(["-h"]).stdout == result.stdout)
    }

    @Test(arguments: commands + groups)
    func everyCommandHasHelp(_ command: [String]) throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        for flag in ["--help", "-h"] {
            let result = try badge.run(command + [flag])
            #expect(result.status == 0, "\(command) \(flag): \(result.stderr)")
            #expect(result.stdout.hasPrefix("Usage: badge " + command.joined(separator: " ")))
            #expect(result.stdout.contains("--db PATH"))
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func helpDescribesEveryOptionOfACommand() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(["attendees", "--help"])
        for option in ["--json", "--csv", "--search Q", "--filter", "not-checked-in", "EVENT"] {
            #expect(result.stdout.contains(option), "\(option)")
        }
    }

    @Test func unknownCommandIsAUsageError() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("badge: error: unknown command 'frobnicate'"))
        #expect(result.stderr.contains("see badge --help"))
        #expect(result.stdout.isEmpty)

        let sub = try badge.run(["events", "frobnicate"])
        #expect(sub.status == 2)
        #expect(sub.stderr.contains("see badge events --help"))
    }

    @Test(arguments: [
        (["events", "list", "--bogus"], "unknown option '--bogus'", "badge events list --help"),
        (["events", "list", "-x"], "unknown option '-x'", "badge events list --help"),
        (["stats"], "missing EVENT", "badge stats --help"),
        (["vip", "1", "2", "maybe"], "bad STATE 'maybe'", "badge vip --help"),
        (["vip", "1", "2", "on", "extra"], "unexpected argument 'extra'", "badge vip --help"),
        (["simulate", "--port", "99999"], "bad value '99999' for --port", "badge simulate --help"),
        (["simulate", "--port=abc"], "bad value 'abc' for --port", "badge simulate --help"),
        (["simulate", "--port"], "--port needs a value", "badge simulate --help"),
        (["attendees", "1", "--filter", "everyone"], "bad value 'everyone' for --filter", "badge attendees --help"),
        (["attendees", "1", "--json", "--csv"], "--json and --csv cannot be combined", "badge attendees --help"),
        (["checkin", "1", "--undo=yes"], "--undo takes no value", "badge checkin --help"),
        (["members", "add", "ann"], "missing --role admin|staff", "badge members add --help"),
        (["templates", "add", "1", "f.txt"], "missing --name NAME", "badge templates add --help"),
        (["events"], "needs a subcommand", "badge events --help"),
        (["events", "retry", "1", "--json"], "unknown option '--json'", "badge events retry --help"),
        (["integrations", "connect", "github"], "bad PROVIDER 'github'", "badge integrations connect --help"),
    ])
    func usageErrorsExitTwo(_ args: [String], _ message: String, _ help: String) throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(args)
        #expect(result.status == 2, "\(args): \(result.stderr)")
        #expect(result.stderrLines.first?.hasPrefix("badge: error: ") == true)
        #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
        #expect(result.stderrLines.last == "see \(help)")
    }

    @Test func versionPrintsOneLine() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let result = try badge.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("badge "))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    /// `--db` is honoured before and after the command and in both `=` and separate forms: a
    /// database in a directory that does not exist fails (exit 1, one line) naming that path.
    @Test(arguments: [
        ["--db", "@", "events", "list"], ["events", "list", "--db", "@"],
        ["--db=@", "events", "list"], ["events", "--db=@", "list", "--json"],
        ["--operator", "ann", "--theme=mono", "events", "list", "--db", "@"],
    ])
    func globalOptionsAnywhere(_ template: [String]) throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("missing-dir/x.sqlite")
        let args = template.map { $0.replacingOccurrences(of: "@", with: db) }
        let result = try badge.run(args)
        #expect(result.status == 1, "\(args): \(result.stderr)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("badge: error: "))
        #expect(result.stderr.contains(badge.path("missing-dir")))
    }

    @Test func badgeDBEnvironmentIsUsedAndDbOptionWins() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let fromEnv = try badge.run(["events", "list"], env: ["BADGE_DB": badge.path("env-dir/e.sqlite")])
        #expect(fromEnv.status == 1)
        #expect(fromEnv.stderr.contains(badge.path("env-dir")))
        let fromOption = try badge.run(["events", "list", "--db", badge.path("opt-dir/o.sqlite")],
                                       env: ["BADGE_DB": badge.path("env-dir/e.sqlite")])
        #expect(fromOption.stderr.contains(badge.path("opt-dir")))
        #expect(!fromOption.stderr.contains(badge.path("env-dir")))
    }

    @Test func doubleDashEndsOptions() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        // After `--`, "--json" is the EVENT argument, not an option: no usage error.
        let result = try badge.run(["stats", "--db", badge.path("nodir/x.sqlite"), "--", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
    }
}

extension CLIParsingTests {
    @Test func helpWinsOverOtherMistakesButNotOverAnUnknownCommand() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let help = try badge.run(["events", "list", "--bogus", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("Usage: badge events list"))
        let unknown = try badge.run(["frobnicate", "--help"])
        #expect(unknown.status == 2)
    }
}
