import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line saying what went wrong with a test PostgreSQL server (start, stop, psql).
public struct PostgresTestError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Where PostgreSQL's programs are on this machine, and who runs the server: the server refuses
/// to run as root, so as root its commands run (via `runuser`) as the system user `badgepg`
/// (created when missing, `nobody` when it cannot be). The same rules as `.ci/pg-cluster`.
struct PostgresInstallation: Sendable {
    let bindir: String
    /// The user server commands run as; nil when this process is not root (they run directly).
    let serverUser: String?

    /// nil when PostgreSQL (initdb, pg_ctl, psql) is not installed.
    static let found: PostgresInstallation? = locate()

    func program(_ name: String) -> String { (bindir as NSString).appendingPathComponent(name) }

    private static func locate() -> PostgresInstallation? {
        guard let bindir = candidateBindirs().first(where: hasPrograms) else { return nil }
        return PostgresInstallation(bindir: bindir, serverUser: geteuid() == 0 ? unprivilegedUser() : nil)
    }

    private static func hasPrograms(_ dir: String) -> Bool {
        ["initdb", "pg_ctl", "postgres", "psql"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: (dir as NSString).appendingPathComponent($0))
        }
    }

    /// `BADGE_PG_BINDIR` alone when set (a version of choice, or a missing dir to see the
    /// not-installed path); else `pg_config --bindir`, Debian's /usr/lib/postgresql/N/bin (newest
    /// first), then PATH.
    private static func candidateBindirs() -> [String] {
        if let chosen = ProcessInfo.processInfo.environment["BADGE_PG_BINDIR"], !chosen.isEmpty { return [chosen] }
        var dirs: [String] = []
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let pathDirs = path.split(separator: ":").map(String.init)
        if let pgConfig = pathDirs.map({ ($0 as NSString).appendingPathComponent("pg_config") })
            .first(where: FileManager.default.isExecutableFile(atPath:)),
           let result = try? PostgresCommand.run(pgConfig, ["--bindir"]), result.status == 0 {
            dirs.append(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            dirs.append("\(debian)/\(version)/bin")
        }
        return dirs + pathDirs
    }

    /// `badgepg` (created with useradd when missing), else `nobody`.
    private static func unprivilegedUser() -> String {
        if getpwnam("badgepg") == nil {
            for useradd in ["/usr/sbin/useradd", "/sbin/useradd"] where FileManager.default.isExecutableFile(atPath: useradd) {
                _ = try? PostgresCommand.run(useradd, ["--system", "--no-create-home", "--home-dir", "/nonexistent",
                                                       "--shell", "/usr/sbin/nologin", "badgepg"])
                break
            }
        }
        return getpwnam("badgepg") != nil ? "badgepg" : "nobody"
    }

    /// Runs a server program (initdb, pg_ctl) from `directory`, as the unprivileged user when root.
    func runServerCommand(_ name: String, _ arguments: [String], in directory: String) throws -> PostgresCommand.Result {
        let line = serverCommandLine(name, arguments)
        return try PostgresCommand.run(line[0], Array(line.dropFirst()), in: directory)
    }

    /// Runs a command that leaves a daemon behind (`pg_ctl start`): see `PostgresCommand.spawnDetached`.
    func runDaemonizingServerCommand(_ name: String, _ arguments: [String], in directory: String) throws -> Int32 {
        let line = serverCommandLine(name, arguments)
        return try PostgresCommand.spawnDetached(["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", directory] + line)
    }

    private func serverCommandLine(_ name: String, _ arguments: [String]) -> [String] {
        guard let user = serverUser else { return [program(name)] + arguments }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) ?? "/usr/sbin/runuser"
        return [runuser, "-u", user, "--", program(name)] + arguments
    }

    /// Hands a file or directory we created to the server user (no-op when not root).
    func giveToServer(_ path: String) throws {
        guard let user = serverUser, let entry = getpwnam(user) else { return }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw PostgresTestError("cannot hand \(path) to \(user): \(String(cString: strerror(errno)))")
        }
    }
}

/// Runs a command line and collects its output (stdout and stderr together).
enum PostgresCommand {
    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    /// The libpq environment variables are dropped (a stray PGSSLMODE or PGSERVICE would change
    /// every connection); `environment` adds to what is left.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true) }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw PostgresTestError("cannot run \(executable): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs a command whose children outlive it (pg_ctl start leaves the postmaster running) and
    /// waits for the command itself. Not with Foundation's `Process`: on Linux it sees a child end
    /// when every copy of a socket it hands the child is closed, and the postmaster would inherit
    /// that socket (the wait would last as long as the server). posix_spawn with stdio on
    /// /dev/null and every other descriptor closed (closefrom) leaves the daemon nothing of ours.
    static func spawnDetached(_ command: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        closeInheritedDescriptors(&actions)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }.map { "\($0.key)=\($0.value)" }
        env.sort()
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw PostgresTestError("cannot run \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (macros Swift does not import).
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc ≥ 2.34's posix_spawn_file_actions_addclosefrom_np (Swift's Glibc module does not
    /// import it); older systems close what /proc/self/fd lists now.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    /// The first meaningful line of a failed command's output, for a one-line error.
    static func firstLine(_ output: String) -> String {
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first(where: { $0.contains("error") || $0.contains("FATAL") || $0.contains("ERROR") })
            ?? lines.first ?? "(no output)"
    }
}

/// Free TCP ports on 127.0.0.1, in the private range the test clusters use.
enum LoopbackPort {
    /// A random port in 20000–40000 that nothing is bound to right now.
    static func pickFree() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20000...40000)
            if isFree(port) { return port }
        }
        throw PostgresTestError("no free port on 127.0.0.1 in 20000-40000")
    }

    static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0
    }
}
