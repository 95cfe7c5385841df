import Storage
import Testing

/// SPEC §11: where the store lives, and that a password never shows.
struct DatabaseLocationTests {
    @Test func postgresURLsNameAServerAndEverythingElseIsAFile() {
        #expect(DatabaseLocation("postgresql://badge@db/event") == .postgres(url: "postgresql://badge@db/event"))
        #expect(DatabaseLocation("POSTGRES://badge@db/event").isShared)
        #expect(DatabaseLocation("/var/lib/badge/badge.sqlite") == .sqlite(path: "/var/lib/badge/badge.sqlite"))
        #expect(DatabaseLocation("postgresql.sqlite") == .sqlite(path: "postgresql.sqlite"))
    }

    @Test func passwordsAreRedactedInTheUserInfoAndTheQuery() {
        let shown = DatabaseLocation("postgresql://desk:s3cret-pw@db.local:5433/event?sslmode=require&password=other-pw")
            .description
        #expect(!shown.contains("s3cret-pw"))
        #expect(!shown.contains("other-pw"))
        #expect(shown == "postgresql://desk:••••@db.local:5433/event?sslmode=require&password=••••")
        #expect(DatabaseLocation("postgresql://desk@db.local/event").description == "postgresql://desk@db.local/event")
    }

    @Test func aRemoteServerWithoutTLSIsFlaggedAndLoopbackOrTLSIsNot() {
        #expect(DatabaseLocation("postgresql://desk@10.0.0.5/event").isInsecureRemote)
        #expect(DatabaseLocation("postgresql://desk@db.example.org:5432/event?sslmode=prefer").isInsecureRemote)
        #expect(!DatabaseLocation("postgresql://desk@db.example.org/event?sslmode=verify-full").isInsecureRemote)
        #expect(!DatabaseLocation("postgresql://desk@127.0.0.1:5432/event").isInsecureRemote)
        #expect(!DatabaseLocation("postgresql://desk@localhost/event").isInsecureRemote)
        #expect(!DatabaseLocation("postgresql://desk@[::1]:5432/event").isInsecureRemote)
        #expect(!DatabaseLocation("/tmp/badge.sqlite").isInsecureRemote)
    }
}
