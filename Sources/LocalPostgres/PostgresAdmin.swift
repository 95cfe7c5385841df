import Foundation

/// What tests do to a test server as its admin, through `psql` (TestSupport has no libpq):
/// databases, the password role's URL, one-off queries.
struct PostgresAdmin: Sendable {
    /// The role that must give a password (scram-sha-256) over TCP, and that password.
    static let passwordRole = "badge_pw"
    static let rolePassword = "badge-test-pw"

    /// pg_hba.conf of every test cluster: `badge_pw` needs its password over TCP, the rest is trusted.
    static let hbaConfiguration = """
        # Test cluster: badge_pw must give its password over TCP; everything else is trusted.
        local   all   all                        trust
        host    all   badge_pw   127.0.0.1/32    scram-sha-256
        host    all   all        127.0.0.1/32    trust

        """

    let installation: PostgresInstallation
    let host: String
    let port: Int

    init(installation: PostgresInstallation, host: String = "127.0.0.1", port: Int) {
        self.installation = installation
        self.host = host
        self.port = port
    }

    var adminURL: String { url(database: "postgres") }

    func url(database: String) -> String { "postgresql://badge@\(host):\(port)/\(database)" }

    func passwordRoleURL(database: String, password: String?) -> String {
        let name = Self.databaseName(database)
        guard let password else { return "postgresql://\(Self.passwordRole)@\(host):\(port)/\(name)" }
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password
        return "postgresql://\(Self.passwordRole):\(encoded)@\(host):\(port)/\(name)"
    }

    /// Runs SQL as the admin in `database` (default `postgres`); returns psql's unaligned output.
    @discardableResult
    func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.psql(installation, sql, url: url(database: database))
    }

    /// A new empty database named `<prefix>_<pid>_<random>`; returns its URL.
    func createDatabase(_ prefix: String, owner: String?) throws -> String {
        let clean = prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        let suffix = UInt32.random(in: 0...UInt32.max)
        let name = "\(clean.isEmpty ? "t" : String(clean.prefix(30)))_\(getpid())_\(String(suffix, radix: 16))"
        var sql = "CREATE DATABASE \(Self.identifier(name))"
        if let owner { sql += " OWNER \(Self.identifier(owner))" }
        try psql(sql)
        return url(database: name)
    }

    /// Drops a database (a URL or a name); its connections are ended first (WITH (FORCE)).
    func dropDatabase(url: String) throws {
        try psql("DROP DATABASE IF EXISTS \(Self.identifier(Self.databaseName(url))) WITH (FORCE)")
    }

    /// The database name in a `postgresql://…/NAME?…` URL; a plain name is returned as it is.
    static func databaseName(_ urlOrName: String) -> String {
        guard urlOrName.contains("://"), let components = URLComponents(string: urlOrName) else { return urlOrName }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return path.isEmpty ? "postgres" : path
    }

    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `psql -X -At -v ON_ERROR_STOP=1 -d URL -c SQL`; `password` goes in PGPASSWORD. A failure
    /// throws psql's first error line.
    static func psql(_ installation: PostgresInstallation, _ sql: String, url: String,
                     password: String? = nil) throws -> String {
        var environment: [String: String] = [:]
        if let password { environment["PGPASSWORD"] = password }
        let result = try PostgresCommand.run(
            installation.program("psql"), ["-X", "-w", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
            environment: environment)
        guard result.status == 0 else {
            throw PostgresTestError(PostgresCommand.firstLine(result.output))
        }
        return result.output
    }
}
