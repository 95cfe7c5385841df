import Foundation
import TestSupport
import Testing

/// Issue #14: clear errors for a wrong password, a missing database and a database that is not
/// (or not yet, or too new a) badge database — through the `badge` CLI: one line on stderr,
/// exit 1, never the password.
@Suite(.serialized) struct ClearErrorsTests {
    @Test func aWrongPasswordIsOneLineThatNeverShowsThePassword() throws {
        guard let server = try PostgresTestServer.requireOrSkip("wrong password through the CLI") else { return }
        let home = try BadgeHome()
        defer { home.cleanUp() }
        let secret = "Wr0ng-Secret-7731"
        let r = try home.run(["--db", server.passwordRoleURL(database: "postgres", password: secret), "events", "list"])
        #expect(r.status == 1)
        #expect(oneLine(r.stderr), "\(r.stderr)")
        #expect(r.stderr.contains("password"))
        #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret))
        #expect(!r.stderr.contains("Wr0ng"))
    }

    @Test func aMissingDatabaseSaysSoAndHowToCreateIt() throws {
        guard let server = try PostgresTestServer.requireOrSkip("missing database through the CLI") else { return }
        let home = try BadgeHome()
        defer { home.cleanUp() }
        let name = "no_such_db_\(getpid())"
        let url = server.adminURL.replacingOccurrences(of: "/postgres", with: "/\(name)")
        let r = try home.run(["--db", url, "--desk", "door-a", "checkin", "1", "1"])
        #expect(r.status == 1)
        #expect(oneLine(r.stderr), "\(r.stderr)")
        #expect(r.stderr.contains(name) && r.stderr.contains("does not exist") && r.stderr.contains("badge db init"))
    }

    @Test func aDatabaseOfAnotherApplicationIsRefusedUntouched() throws {
        guard let server = try PostgresTestServer.requireOrSkip("foreign database through the CLI") else { return }
        let url = try server.createDatabase("foreign")
        defer { try? server.dropDatabase(url: url) }
        _ = try PostgresTestServer.psql("CREATE TABLE orders (id int); INSERT INTO orders VALUES (7)", url: url)
        let home = try BadgeHome()
        defer { home.cleanUp() }
        for args in [["--db", url, "events", "list"], ["db", "init", url]] {
            let r = try home.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(oneLine(r.stderr), "\(r.stderr)")
            #expect(r.stderr.contains("not a badge database"), "\(r.stderr)")
        }
        #expect(try PostgresTestServer.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", url: url)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func anEmptyDatabaseSaysToRunDbInitAndANewerSchemaIsRefused() throws {
        guard let server = try PostgresTestServer.requireOrSkip("empty / newer database through the CLI") else { return }
        let url = try server.createDatabase("empty")
        defer { try? server.dropDatabase(url: url) }
        let home = try BadgeHome()
        defer { home.cleanUp() }
        let empty = try home.run(["--db", url, "events", "list"])
        #expect(empty.status == 1)
        #expect(oneLine(empty.stderr), "\(empty.stderr)")
        #expect(empty.stderr.contains("run `badge db init URL`"), "\(empty.stderr)")

        let initialised = try home.run(["db", "init", url])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(try home.run(["--db", url, "events", "list"]).status == 0)

        // Written by a newer badge (schema 99): refused, not touched.
        _ = try PostgresTestServer.psql("UPDATE badge_meta SET value = '99' WHERE key = 'schema_version'", url: url)
        for args in [["--db", url, "events", "list"], ["db", "init", url]] {
            let r = try home.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(oneLine(r.stderr), "\(r.stderr)")
            #expect(r.stderr.contains("newer badge"), "\(r.stderr)")
        }
    }

    private func oneLine(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: true).count == 1
    }
}
