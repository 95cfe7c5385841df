import BadgeCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue #18 / SPEC §9: `badge events import` against the 30-line Python script a person would
/// write (`PythonReference`), both through their command lines, against the same warm `badge
/// simulate` child process, its rate windows reset before every run, best of two. Wall time and
/// the CPU of the importing process alone per attendee; the simulator's CPU apart.
enum CLIImportBench {
    static func run(_ options: BenchOptions, report: inout Report) throws {
        let here = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                       ?? CommandLine.arguments[0]).deletingLastPathComponent()
        let badge = here.appendingPathComponent("badge").path
        guard FileManager.default.isExecutableFile(atPath: badge) else {
            report.note("CLI import vs Python: skipped (no badge binary next to badge-bench; build the badge product)")
            return
        }
        guard let python = findPython() else {
            report.note("CLI import vs Python: skipped (python3 not installed)")
            return
        }
        let attendees = options.quick ? 2_000 : (options.sizes.max() ?? 100_000)
        let dir = NSTemporaryDirectory() + "badge-bench-cli-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/children.log"
        let script = try PythonReference.write(into: dir)
        var env = ProcessInfo.processInfo.environment
        for key in ["HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"] { env[key] = dir + "/home" }
        env["BADGE_DB"] = nil

        for provider in options.providers.compactMap(Provider.init(rawValue:)) {
            // Luma allows 200 requests a minute (badge plans 160): a Luma import is paced by the
            // provider beyond ~8 000 guests, the same for both programs; its CPU comparison runs
            // at a size that fits one minute's budget.
            let attendees = provider == .luma ? min(attendees, 7_500) : attendees
            let label = "\(provider.rawValue) \(Figure.format(Double(attendees)))"
            let simulator = Process()
            simulator.executableURL = URL(fileURLWithPath: badge)
            simulator.arguments = ["simulate", "--port", "0", "--attendees", "\(attendees)", "--events", "1"]
            simulator.environment = env
            _ = FileManager.default.createFile(atPath: dir + "/sim.log", contents: nil)
            simulator.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/sim.log"))
            simulator.standardError = FileHandle.nullDevice
            try simulator.run()
            defer { simulator.terminate(); simulator.waitUntilExit() }
            let root = try waitForSimulator(log: dir + "/sim.log")

            let base = provider == .eventbrite ? root + "/v3" : root
            let credential = provider == .eventbrite ? "sim-eventbrite-token" : "sim-luma-key"
            let event = try firstEvent(provider, log: dir + "/sim.log")
            let pythonArgv = [python, script, provider.rawValue, base, credential, event]
            // Warm: the simulator renders and caches its pages on first use (not what is measured).
            _ = try ChildProcess.run(pythonArgv + [dir + "/warm-\(provider.rawValue).sqlite"], logPath: log, environment: env)
            var pyWall = Samples(), pyCPU = Samples(), ourWall = Samples(), ourCPU = Samples(), simCPU = Samples()
            for run in 0..<2 {
                try reset(root)
                let py = try ChildProcess.run(pythonArgv + [dir + "/py-\(provider.rawValue)-\(run).sqlite"], logPath: log,
                                              environment: env)
                guard py.status == 0 else { throw BenchError.failed("the Python reference failed: \(lastLine(log))") }
                pyWall.add(py.wallSeconds * 1000)
                pyCPU.add(py.cpuSeconds * 1000)

                let db = dir + "/badge-\(provider.rawValue)-\(run).sqlite"
                let flag = provider == .eventbrite ? "--token" : "--api-key"
                let connect = try ChildProcess.run([badge, "--db", db, "integrations", "connect", provider.rawValue, flag,
                                                    credential, "--base-url", base], logPath: log, environment: env)
                guard connect.status == 0 else { throw BenchError.failed("badge integrations connect failed: \(lastLine(log))") }
                try reset(root)
                let simBefore = ChildProcess.cpuSeconds(of: simulator.processIdentifier)
                let ours = try ChildProcess.run([badge, "--db", db, "events", "import", provider.rawValue, event],
                                                logPath: log, environment: env)
                guard ours.status == 0 else { throw BenchError.failed("badge events import failed: \(lastLine(log))") }
                simCPU.add((ChildProcess.cpuSeconds(of: simulator.processIdentifier) - simBefore) * 1000)
                ourWall.add(ours.wallSeconds * 1000)
                ourCPU.add(ours.cpuSeconds * 1000)
            }
            if provider == .eventbrite {
                try DeskBesideImport.run(badge: badge, base: base, credential: credential, event: event, root: root,
                                         db: dir + "/desk-\(provider.rawValue).sqlite", log: log, env: env,
                                         label: label, report: &report)
            }
            let n = Double(attendees)
            report.add(Figure("CLI: badge events import \(label), wall (best of 2)", unit: "ms", Samples([ourWall.min])))
            report.add(Figure("CLI: Python reference \(label), wall (best of 2)", unit: "ms", Samples([pyWall.min])))
            report.add(Figure("CLI: speed-up vs Python, \(label)", unit: "×", Samples([pyWall.min / ourWall.min]),
                              goal: .atLeast(2), note: "wall time of the two command lines, same warm simulator"))
            report.add(Figure("CLI: badge CPU per attendee, \(label)", unit: "µs", Samples([ourCPU.min / n * 1000]),
                              note: "user + system of the badge process only"))
            report.add(Figure("CLI: Python CPU per attendee, \(label)", unit: "µs", Samples([pyCPU.min / n * 1000])))
            report.add(Figure("CLI: CPU ratio Python ÷ badge, \(label)", unit: "×", Samples([pyCPU.min / ourCPU.min]),
                              goal: .atLeast(3)))
            report.add(Figure("CLI: simulator CPU during the badge import, \(label)", unit: "ms", simCPU,
                              note: "the badge simulate process, apart"))
        }
    }

    /// The children's last line of output (the temporary directory goes with the bench).
    private static func lastLine(_ log: String) -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.map(String.init) ?? "no output"
    }

    private static func findPython() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The simulator's root URL, once its banner is written.
    private static func waitForSimulator(log: String) throws -> String {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if text.contains("Events:"), let range = text.range(of: "listening on ") {
                return String(text[range.upperBound...].prefix { !$0.isWhitespace })
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw BenchError.failed("badge simulate did not start")
    }

    private static func firstEvent(_ provider: Provider, log: String) throws -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 2, words[0] == Substring(provider.rawValue) { return String(words[1]) }
        }
        throw BenchError.failed("no \(provider.rawValue) event in the simulator's banner")
    }

    /// Zeroes the simulator's counters and rate windows (`POST /_sim/reset`).
    static func reset(_ root: String) throws {
        var request = URLRequest(url: URL(string: root + "/_sim/reset")!)
        request.httpMethod = "POST"
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var ok = false }
        let box = Box()
        URLSession.shared.dataTask(with: request) { _, response, _ in
            box.ok = (response as? HTTPURLResponse)?.statusCode == 200
            done.signal()
        }.resume()
        done.wait()
        guard box.ok else { throw BenchError.failed("the simulator's reset failed") }
    }
}
