import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command run to completion as a child process, timed the way a user would time it: wall
/// clock from spawn to exit, and the CPU (user + system) of that process alone (`wait4`'s
/// rusage), so the simulator's or this bench's own work never counts.
struct ChildProcess {
    struct Outcome {
        var status: Int32
        var wallSeconds: Double
        var cpuSeconds: Double
    }

    /// Runs `argv` with stdout and stderr to `logPath` (appended).
    static func run(_ argv: [String], logPath: String, environment: [String: String]? = nil) throws -> Outcome {
        try start(argv, logPath: logPath, environment: environment).wait()
    }

    /// A child started and not yet waited for.
    struct Running {
        let pid: pid_t
        let started: Double

        /// Whether it has exited (without reaping it).
        var isRunning: Bool {
            var info = siginfo_t()
            return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
        }

        func wait() -> Outcome {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            let wall = ProcessClock.now() - started
            let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return Outcome(status: exit, wallSeconds: wall, cpuSeconds: cpu)
        }
    }

    /// Starts `argv` with stdout and stderr to `logPath` (appended).
    static func start(_ argv: [String], logPath: String, environment: [String: String]? = nil) throws -> Running {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let started = ProcessClock.now()
        let rc = withCStrings(argv) { args in
            withCStrings(env) { envp in posix_spawnp(&pid, argv[0], &actions, nil, args, envp) }
        }
        guard rc == 0 else { throw BenchError.failed("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return Running(pid: pid, started: started)
    }

    /// CPU seconds (user + system) a running process has used so far (`/proc/PID/stat`).
    static func cpuSeconds(of pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
