import BadgeCore
import Foundation
import Storage
import Testing
import TestSupport

/// `badge db copy` and `badge backup` against a real PostgreSQL server (SPEC §11, issue #14):
/// exact round trips, resuming after kill -9, refusing another database, backups that open as
/// SQLite files, and no password in any output. Skipped loudly without PostgreSQL.
@Suite(.serialized) struct DatabaseCopyTests {
    static let password = PostgresTestServer.rolePassword
    static let encodedPassword = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password

    /// A new database owned by the test role that must give its password, and the URL that logs
    /// in as that role with the password in it: it works, and no output may show it.
    static func newDatabase(_ server: PostgresTestServer, _ prefix: String) throws -> String {
        let url = try server.createDatabase(prefix, owner: PostgresTestServer.passwordRole)
        return server.passwordRoleURL(database: url, password: password)
    }

    static func drop(_ server: PostgresTestServer, _ url: String) {
        try? server.dropDatabase(url: url)
    }

    /// Runs badge and checks that neither stream shows the password.
    static func run(_ badge: BadgeProcess, _ args: [String], env: [String: String] = [:]) throws -> BadgeProcess.Result {
        let result = try badge.run(args, env: env)
        for secret in [password, encodedPassword] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret),
                    "a password was shown by badge \(args.first ?? "")")
        }
        return result
    }

    @Test func sqliteToPostgresAndBackIsIdenticalInEveryTable() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge db copy SQLite → PostgreSQL → SQLite") else { return }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let url = try Self.newDatabase(server, "copy_roundtrip")
        defer { Self.drop(server, url) }
        let a = badge.path("a.sqlite"), b = badge.path("b.sqlite")
        try CopySeed.create(at: a)

        let there = try Self.run(badge, ["db", "copy", a, url])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("Copied \(a) to postgresql://"))
        #expect(there.stdout.contains("verified"))
        #expect(there.stdout.contains(":••••@127.0.0.1:"))
        let back = try Self.run(badge, ["db", "copy", url, b, "--json"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("\"verified\": true"))
        #expect(back.stdout.contains("\"resumed\": false"))

        let before = try CopySeed.dump(a), after = try CopySeed.dump(b)
        #expect(Set(before.keys) == Set(after.keys))
        for table in ["integrations", "events", "attendees", "checkins", "prints", "templates", "members",
                      "import_checkpoints", "audit_log", "pin_attempts"] {
            #expect(!(before[table] ?? []).isEmpty, "the seed leaves \(table) empty")
        }
        for (table, rows) in before {
            #expect(after[table] == rows, "table \(table) differs after SQLite → PostgreSQL → SQLite")
        }
        // The figures a desk shows are the same from either database.
        let fromFile = try Self.run(badge, ["--db", a, "stats", "1", "--json"])
        let fromServer = try Self.run(badge, ["--db", url, "stats", "1", "--json"])
        #expect(fromFile.status == 0 && fromServer.status == 0, "\(fromServer.stderr)")
        #expect(fromServer.stdout == fromFile.stdout)
    }

    @Test func anInterruptedCopyResumesAndEndsIdenticalInBothDirections() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge db copy resumes after kill -9") else { return }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let url = try Self.newDatabase(server, "copy_resume")
        defer { Self.drop(server, url) }
        let a = badge.path("a.sqlite"), c = badge.path("c.sqlite")
        try CopySeed.create(at: a, attendees: 300, members: false)
        let kill = ["BADGE_TEST_COPY_KILL_AFTER_BATCHES": "5"]

        // SQLite → PostgreSQL, killed (SIGKILL) after 5 committed batches of 25 rows.
        let killed = try Self.run(badge, ["db", "copy", a, url, "--batch-size", "25"], env: kill)
        #expect(killed.status == 9, "the copy was not killed: \(killed.stdout)")
        let resumed = try Self.run(badge, ["db", "copy", a, url, "--batch-size", "25", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\"resumed\": true"))
        #expect(resumed.stderr.contains("attendees: 75 of 305 rows are already in the target; continuing"))
        let again = try Self.run(badge, ["db", "copy", a, url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains(", 0 copied now"), "a third run copied rows again: \(again.stdout)")

        // PostgreSQL → SQLite, killed the same way, then resumed.
        let killedBack = try Self.run(badge, ["db", "copy", url, c, "--batch-size", "25"], env: kill)
        #expect(killedBack.status == 9)
        let resumedBack = try Self.run(badge, ["db", "copy", url, c, "--batch-size", "25"])
        #expect(resumedBack.status == 0, "\(resumedBack.stderr)")
        #expect(resumedBack.stdout.contains("from an earlier run"))

        let original = try CopySeed.dump(a), copy = try CopySeed.dump(c)
        for (table, rows) in original {
            #expect(copy[table] == rows, "table \(table) differs after two interrupted copies")
        }

        // New rows on the server get new ids (the identity sequences moved past the copied ones).
        let checkin = try Self.run(badge, ["--db", url, "--desk", "door-c", "checkin", "1", "P250"])
        #expect(checkin.status == 0, "\(checkin.stderr)")
        let print = try Self.run(badge, ["--db", url, "print", "1", "P250", "--out", badge.path("p.pdf")])
        #expect(print.status == 0, "\(print.stderr)")
    }

    @Test func aTargetHoldingAnotherDatabaseIsRefusedUntouched() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge db copy refuses a different target") else { return }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let url = try Self.newDatabase(server, "copy_refuse")
        defer { Self.drop(server, url) }
        let mine = badge.path("mine.sqlite"), other = badge.path("other.sqlite")
        try CopySeed.create(at: mine)
        try CopySeed.create(at: other, attendees: 10, externalId: "99999")
        #expect(try Self.run(badge, ["db", "copy", other, url]).status == 0)
        let eventsBefore = try Self.run(badge, ["--db", url, "events", "list", "--json"]).stdout

        let refused = try Self.run(badge, ["db", "copy", mine, url])
        #expect(refused.status == 1)
        #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("already holds a different badge database"))
        #expect(refused.stderr.contains("copy into a new, empty database"))
        #expect(try Self.run(badge, ["--db", url, "events", "list", "--json"]).stdout == eventsBefore)

        // The same for a SQLite target, which stays as it was.
        let dumpBefore = try CopySeed.dump(other)
        let refusedFile = try Self.run(badge, ["db", "copy", url, mine])
        #expect(refusedFile.status == 1)
        #expect(refusedFile.stderr.contains("already holds a different badge database"))
        #expect(try CopySeed.dump(other) == dumpBefore)

        let same = try Self.run(badge, ["db", "copy", url, url])
        #expect(same.status == 1 && same.stderr.contains("the same database"))

        // A server that is not there: one line, the password hidden.
        let nowhere = "postgresql://badge:\(Self.password)@127.0.0.1:1/nothing"
        let unreachable = try Self.run(badge, ["db", "copy", mine, nowhere])
        #expect(unreachable.status == 1 && unreachable.stderrLines.count == 1, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("postgresql://badge:••••@127.0.0.1:1/nothing"))
    }

    @Test func textPostgresCannotHoldIsCountedAndStoredAsEveryDeskStoresIt() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge db copy of text with U+0000") else { return }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let url = try Self.newDatabase(server, "copy_nul")
        defer { Self.drop(server, url) }
        let a = badge.path("a.sqlite"), b = badge.path("b.sqlite")
        let store = try SQLiteStore.open(path: a)
        let event = try store.createEvent(Event(provider: .luma, externalId: "evt-nul", name: "NUL", accessCode: "N"))
        _ = try store.applyPage(eventId: event.id, attendees: [
            ProviderAttendee(providerAttendeeId: "g1", name: "Null\u{0}Byte", status: .attending),
        ], checkpoint: nil, now: Date())

        let copy = try Self.run(badge, ["db", "copy", a, url])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("held U+0000 (NUL), which PostgreSQL cannot store"))
        #expect(try Self.run(badge, ["db", "copy", url, b]).status == 0)
        let names = try Self.run(badge, ["--db", b, "attendees", "1", "--json"]).stdout
        #expect(names.contains("Null\u{FFFD}Byte"))
    }

    @Test func backupOfPostgresIsASQLiteFileWithTheSameFigures() throws {
        guard let server = try PostgresTestServer.requireOrSkip("badge backup of a PostgreSQL database") else { return }
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let url = try Self.newDatabase(server, "copy_backup")
        defer { Self.drop(server, url) }
        let a = badge.path("a.sqlite"), file = badge.path("backup.sqlite")
        try CopySeed.create(at: a, members: false)
        #expect(try Self.run(badge, ["db", "copy", a, url]).status == 0)
        #expect(try Self.run(badge, ["--db", url, "--desk", "door-a", "checkin", "1", "P30"]).status == 0)

        let backup = try Self.run(badge, ["--db", url, "backup", file])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("Backed up postgresql://"))
        #expect(backup.stdout.contains(":••••@127.0.0.1:"))
        #expect(try badge.mode(of: file) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: file + "-wal"))

        for command in [["stats", "1", "--json"], ["events", "list", "--json"], ["attendees", "1", "--json"]] {
            let server = try Self.run(badge, ["--db", url] + command)
            let copy = try Self.run(badge, ["--db", file] + command)
            #expect(copy.status == 0, "\(copy.stderr)")
            #expect(copy.stdout == server.stdout, "badge \(command[0]) differs between the server and its backup")
        }
        let again = try Self.run(badge, ["--db", url, "backup", file])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }
}
