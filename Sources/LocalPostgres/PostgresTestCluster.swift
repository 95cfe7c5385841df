import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL server a test may break: its own directory under /tmp, its own port on
/// 127.0.0.1, a Unix socket inside the directory. It can be stopped, started again on the same
/// port and data (clients reconnect to the same URL), restarted, or killed with SIGKILL.
/// `shutdown()` (or the last reference going away) stops it and removes the directory; if the
/// test process dies first, a small watchdog shell does the same.
///
/// Roles: `badge` (superuser, no password) and `badge_pw` (password `badge-test-pw`, which it
/// must give over TCP: scram-sha-256), as `.ci/pg-cluster` makes them.
public final class PostgresTestCluster: Sendable {
    public enum StopMode: String, Sendable {
        case fast, immediate
    }

    /// The cluster's directory (data in `data/`, the log in `server.log`, the socket).
    public let directory: String
    public let port: Int
    let installation: PostgresInstallation
    let admin: PostgresAdmin

    /// The admin URL: `postgresql://badge@127.0.0.1:PORT/postgres`.
    public var url: String { admin.adminURL }
    var dataDirectory: String { directory + "/data" }
    var logFile: String { directory + "/server.log" }

    private init(directory: String, port: Int, installation: PostgresInstallation) {
        self.directory = directory
        self.port = port
        self.installation = installation
        admin = PostgresAdmin(installation: installation, port: port)
    }

    deinit { shutdown() }

    /// A fresh cluster: initdb, settings for tests (fsync off, 300 connections), the two roles.
    public static func start() throws -> PostgresTestCluster {
        guard let installation = PostgresInstallation.found else {
            throw PostgresTestError("PostgreSQL is not installed (no initdb/pg_ctl/psql)")
        }
        // Under /tmp, not $TMPDIR: the socket path must fit in 107 bytes.
        var template = Array("/tmp/badge-pg-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw PostgresTestError("cannot create a directory under /tmp: \(String(cString: strerror(errno)))")
        }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        startWatchdog(directory: directory)
        do {
            try installation.giveToServer(directory)
            let initdb = try installation.runServerCommand(
                "initdb", ["-D", directory + "/data", "-A", "trust", "-U", "badge", "--encoding", "UTF8",
                           "--locale", "C", "--no-sync"], in: directory)
            guard initdb.status == 0 else {
                throw PostgresTestError("initdb failed: \(PostgresCommand.firstLine(initdb.output))")
            }
            try write(PostgresAdmin.hbaConfiguration, to: directory + "/data/pg_hba.conf", installation)
            var lastError = PostgresTestError("the server did not start")
            for _ in 0..<5 {
                let port = try LoopbackPort.pickFree()
                try write(settings(directory: directory, port: port), to: directory + "/data/postgresql.auto.conf",
                          installation)
                do {
                    try startServer(installation, directory: directory)
                } catch let error as PostgresTestError {
                    // Most likely another process took the port between the check and the start.
                    lastError = error
                    continue
                }
                let cluster = PostgresTestCluster(directory: directory, port: port, installation: installation)
                try cluster.admin.psql("CREATE ROLE \(PostgresAdmin.passwordRole) LOGIN CREATEDB PASSWORD '\(PostgresAdmin.rolePassword)'")
                return cluster
            }
            throw lastError
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Starts the stopped server again, on the same port and data.
    public func start() throws {
        if !postmasterAlive() {
            // A SIGKILLed postmaster may linger as a zombie (PID 1 in a container need not reap
            // it), which the new server would take for a running one.
            try? FileManager.default.removeItem(atPath: dataDirectory + "/postmaster.pid")
            try? FileManager.default.removeItem(atPath: "\(directory)/.s.PGSQL.\(port).lock")
        }
        try Self.startServer(installation, directory: directory)
    }

    private static func startServer(_ installation: PostgresInstallation, directory: String) throws {
        let logFile = directory + "/server.log"
        let status = try installation.runDaemonizingServerCommand(
            "pg_ctl", ["-D", directory + "/data", "-l", logFile, "-w", "-t", "60", "start"], in: directory)
        guard status == 0 else {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            let lines = log.split(whereSeparator: \.isNewline).map(String.init)
            let last = lines.last(where: { $0.contains("FATAL") }) ?? lines.last ?? "no log"
            throw PostgresTestError("the PostgreSQL test server did not start: \(last) (log: \(logFile))")
        }
    }

    /// Stops the server (`fast` disconnects clients and shuts down cleanly; `immediate` is a crash
    /// for the server's purposes). The data stays for `start()`. A stopped server stays stopped.
    public func stop(mode: StopMode = .fast) throws {
        guard postmasterAlive() else { return }
        let result = try installation.runServerCommand(
            "pg_ctl", ["-D", dataDirectory, "-m", mode.rawValue, "-w", "-t", "60", "stop"], in: directory)
        guard result.status == 0 else {
            throw PostgresTestError("pg_ctl stop failed: \(PostgresCommand.firstLine(result.output))")
        }
    }

    /// `stop(mode: .fast)` (when it runs) then `start()`.
    public func restart() throws {
        try stop(mode: .fast)
        try start()
    }

    /// SIGKILL to the postmaster, as if the server crashed; returns once it and its backends are
    /// gone (backends notice the postmaster's death and exit; stragglers are killed too).
    public func killPostmaster() throws {
        guard let pid = postmasterPID(), processAlive(pid) else {
            throw PostgresTestError("the PostgreSQL test server is not running")
        }
        let children = childProcesses(of: pid)
        kill(pid, SIGKILL)
        let everyone = [pid] + children
        for _ in 0..<300 where everyone.contains(where: processAlive) {
            usleep(50_000)
        }
        for child in children where processAlive(child) { kill(child, SIGKILL) }
        for _ in 0..<100 where everyone.contains(where: processAlive) {
            usleep(50_000)
        }
    }

    /// Ends every other connection to `database` (pg_terminate_backend); returns how many.
    @discardableResult
    public func terminateBackends(database: String) throws -> Int {
        let name = PostgresAdmin.databaseName(database)
        let output = try admin.psql("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = \(PostgresAdmin.literal(name)) AND pid <> pg_backend_pid()
            """)
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// A fresh empty database; returns its URL.
    public func createDatabase(_ prefix: String = "t", owner: String? = nil) throws -> String {
        try admin.createDatabase(prefix, owner: owner)
    }

    /// Drops a database made by `createDatabase` (its connections are ended first).
    public func dropDatabase(url: String) throws { try admin.dropDatabase(url: url) }

    /// A URL for the password role `badge_pw` (with `password` in it when given).
    public func passwordRoleURL(database: String = "postgres", password: String? = nil) -> String {
        admin.passwordRoleURL(database: database, password: password)
    }

    /// True while the postmaster runs.
    public var isRunning: Bool { postmasterAlive() }

    /// Stops the server (immediate) and removes the directory. Idempotent.
    public func shutdown() {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        if postmasterAlive() {
            if (try? stop(mode: .immediate)) == nil, let pid = postmasterPID() {
                kill(pid, SIGQUIT)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Processes

    private func postmasterPID() -> pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let first = text.split(whereSeparator: \.isNewline).first else { return nil }
        return pid_t(first.trimmingCharacters(in: .whitespaces))
    }

    private func postmasterAlive() -> Bool {
        guard let pid = postmasterPID() else { return false }
        return processAlive(pid)
    }

    /// Alive = exists and is not a zombie.
    private func processAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return kill(pid, 0) == 0
        }
        guard let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }

    private func childProcesses(of pid: pid_t) -> [pid_t] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// If this process dies without `shutdown()` (a crash, SIGKILL), a shell waiting on it stops
    /// the server (SIGQUIT: immediate) and removes the directory. It ends by itself once the
    /// directory is gone. It ignores Ctrl-C (sent to the whole process group), to outlive the
    /// test process and clean up after it.
    private static func startWatchdog(directory: String) {
        let script = """
            trap '' INT TERM HUP
            while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
            [ -d "$2" ] || exit 0
            pid=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null)
            if [ -n "$pid" ]; then
                kill -QUIT "$pid" 2>/dev/null
                n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 30 ]; do sleep 1; n=$((n+1)); done
            fi
            rm -rf "$2"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "badge-pg-watchdog", String(getpid()), directory]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    // MARK: - Files

    private static func settings(directory: String, port: Int) -> String {
        """
        # PostgresTestCluster (tests)
        listen_addresses = '127.0.0.1'
        port = \(port)
        unix_socket_directories = '\(directory)'
        max_connections = 300
        shared_buffers = 64MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        password_encryption = 'scram-sha-256'
        log_min_messages = warning
        log_line_prefix = '%m [%p] %q%u@%d '

        """
    }

    private static func write(_ text: String, to path: String, _ installation: PostgresInstallation) throws {
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw PostgresTestError("cannot write \(path): \(error.localizedDescription)")
        }
        try installation.giveToServer(path)
    }
}
