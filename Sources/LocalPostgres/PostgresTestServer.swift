import Foundation

/// The PostgreSQL server the tests share (issue #14). Each test makes its own database in it.
///
/// - `BADGE_TEST_PG` set (`.ci/test` starts one cluster for the whole run): that server.
/// - otherwise, where PostgreSQL is installed: a private cluster started once per process and
///   stopped when the process exits.
/// - otherwise nil, and the process says once, loudly, that the PostgreSQL tests are skipped.
///
/// Tests start with `guard let server = try PostgresTestServer.requireOrSkip("what") else { return }`:
/// nil (skipped, said loudly) only when PostgreSQL is not installed; a server that is installed
/// but does not start is a test failure, never a skip.
public final class PostgresTestServer: Sendable {
    /// The role that must give a password (scram-sha-256) over TCP, and its password.
    public static let passwordRole = PostgresAdmin.passwordRole
    public static let rolePassword = PostgresAdmin.rolePassword

    /// The shared server; nil when PostgreSQL is not installed or did not start.
    public static var shared: PostgresTestServer? { try? sharedResult?.get() }

    /// nil: not installed. A failure: installed (or BADGE_TEST_PG set) but unusable.
    private static let sharedResult: Result<PostgresTestServer, PostgresTestError>? = makeShared()

    /// `postgresql://badge@127.0.0.1:PORT/postgres`: superuser, no password.
    public var adminURL: String { admin.adminURL }
    public var port: Int { admin.port }

    let admin: PostgresAdmin
    /// The private cluster when this process started one (BADGE_TEST_PG unset).
    let privateCluster: PostgresTestCluster?

    private init(admin: PostgresAdmin, privateCluster: PostgresTestCluster?) {
        self.admin = admin
        self.privateCluster = privateCluster
    }

    /// The shared server, or nil after printing `⚠ SKIPPED (PostgreSQL not installed): <what>`.
    /// Throws when PostgreSQL is installed (or BADGE_TEST_PG is set) but the server is unusable.
    public static func requireOrSkip(_ what: String) throws -> PostgresTestServer? {
        guard let result = sharedResult else {
            warn("⚠ SKIPPED (PostgreSQL not installed): \(what)")
            return nil
        }
        return try result.get()
    }

    /// True when PostgreSQL's programs are on this machine.
    public static var isInstalled: Bool { PostgresInstallation.found != nil }

    /// The path of a PostgreSQL program (`psql`, `pg_dump`…) of the installation the tests use.
    public static func programPath(_ name: String) -> String? { PostgresInstallation.found?.program(name) }

    /// A fresh empty database with a unique name (`<prefix>_<pid>_<random>`); returns its URL
    /// `postgresql://badge@127.0.0.1:PORT/NAME`. `owner` (e.g. `passwordRole`) owns it and its
    /// public schema.
    public func createDatabase(_ prefix: String = "t", owner: String? = nil) throws -> String {
        try admin.createDatabase(prefix, owner: owner)
    }

    /// Drops a database made by `createDatabase` (a URL or a name), ending its connections first.
    public func dropDatabase(url: String) throws { try admin.dropDatabase(url: url) }

    /// A URL for the password role in `database` (a name or a URL); the password is in it only
    /// when given (otherwise libpq takes it from PGPASSWORD, ~/.pgpass…).
    public func passwordRoleURL(database: String = "postgres", password: String? = nil) -> String {
        admin.passwordRoleURL(database: database, password: password)
    }

    /// Runs SQL with `psql` at `url` (PGPASSWORD = `password` when given); returns the rows, one
    /// a line, columns separated by `|`. Throws psql's error line.
    @discardableResult
    public static func psql(_ sql: String, url: String, password: String? = nil) throws -> String {
        guard let installation = PostgresInstallation.found else {
            throw PostgresTestError("PostgreSQL is not installed (no psql)")
        }
        return try PostgresAdmin.psql(installation, sql, url: url, password: password)
    }

    // MARK: - Start

    private static func makeShared() -> Result<PostgresTestServer, PostgresTestError>? {
        let installation = PostgresInstallation.found
        if let url = ProcessInfo.processInfo.environment["BADGE_TEST_PG"], !url.isEmpty {
            guard let installation else {
                return .failure(PostgresTestError("BADGE_TEST_PG is set but PostgreSQL's psql is not installed"))
            }
            guard let components = URLComponents(string: url), let port = components.port else {
                return .failure(PostgresTestError("BADGE_TEST_PG is not a postgresql://USER@HOST:PORT/DB URL: \(url)"))
            }
            let admin = PostgresAdmin(installation: installation, host: components.host ?? "127.0.0.1", port: port)
            do {
                try admin.psql("SELECT 1")
            } catch let error as PostgresTestError {
                return .failure(PostgresTestError("BADGE_TEST_PG (\(url)) does not answer: \(error.message)"))
            } catch {
                return .failure(PostgresTestError("BADGE_TEST_PG (\(url)) does not answer: \(error)"))
            }
            return .success(PostgresTestServer(admin: admin, privateCluster: nil))
        }
        guard installation != nil else {
            warn("⚠ PostgreSQL is not installed: the PostgreSQL tests are SKIPPED")
            return nil
        }
        do {
            let cluster = try PostgresTestCluster.start()
            atexit { PostgresTestServer.shared?.privateCluster?.shutdown() }
            return .success(PostgresTestServer(admin: cluster.admin, privateCluster: cluster))
        } catch let error as PostgresTestError {
            warn("⚠ the PostgreSQL test server did not start: \(error.message)")
            return .failure(error)
        } catch {
            return .failure(PostgresTestError("the PostgreSQL test server did not start: \(error)"))
        }
    }

    static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension PostgresTestCluster {
    /// A new private cluster, or nil after printing `⚠ SKIPPED (PostgreSQL not installed): <what>`.
    /// Throws when PostgreSQL is installed but the cluster does not start.
    public static func requireOrSkip(_ what: String) throws -> PostgresTestCluster? {
        guard PostgresInstallation.found != nil else {
            PostgresTestServer.warn("⚠ SKIPPED (PostgreSQL not installed): \(what)")
            return nil
        }
        return try start()
    }
}
