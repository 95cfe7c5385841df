import BadgeCore
import Console
import Foundation
import Storage

/// Cold start to first frame: the parent spawns `badge-bench --cold-start-child DB` and times it
/// from spawn to exit; the child opens the store (default options, as the app does), loads the
/// events, opens the event view (first page + count), renders the first frame — the table with its
/// rows, "Loading statistics…" in the cards, as the console shows it — then loads the statistics
/// and renders again, and prints its phase timings, the monotonic time of its first frame and its
/// memory as one line of `key=value` pairs.
enum ColdStart {
    /// The child side.
    static func child(dbPath: String) throws {
        let t0 = ProcessClock.now()
        let store = try SQLiteStore.open(path: dbPath)
        let t1 = ProcessClock.now()
        guard let event = try store.events().max(by: {
            (try? store.attendeeCount(AttendeeQuery(eventId: $0.id))) ?? 0 < (try? store.attendeeCount(AttendeeQuery(eventId: $1.id))) ?? 0
        }) else { throw BenchError.failed("no event in \(dbPath)") }
        let t2 = ProcessClock.now()
        var d = ConsoleDriver(store: store, size: ConsoleBench.size)
        let statistics = try d.openEventRowsFirst(event.id)
        let t3 = ProcessClock.now()
        let frame = d.frame()
        let t4 = ProcessClock.now()
        guard frame.size == ConsoleBench.size else { throw BenchError.failed("frame has the wrong size") }
        try d.settle(statistics)
        guard d.state.eventView?.stats != nil else { throw BenchError.failed("statistics did not load") }
        _ = d.frame()
        let t5 = ProcessClock.now()
        let fields = [
            ("open", (t1 - t0) * 1000), ("events", (t2 - t1) * 1000), ("view", (t3 - t2) * 1000),
            ("render", (t4 - t3) * 1000), ("inside", (t4 - t0) * 1000), ("stats", (t5 - t4) * 1000),
            // CLOCK_MONOTONIC is system-wide: the parent times spawn → this first frame with it.
            ("frameAt", t4),
            ("rss", ProcessClock.statusMB("VmRSS")), ("hwm", ProcessClock.statusMB("VmHWM")),
        ]
        print(fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }

    /// The parent side: `runs` cold starts of a copy of the database (so no page cache of our own
    /// writes is "warm" in the process; the OS file cache is warm, as on a desk that just ran).
    static func run(dbPath: String, attendees: Int, runs: Int, report: inout Report) throws {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var total = Samples(), exit = Samples(), inside = Samples(), rss = Samples(), hwm = Samples()
        var phases: [String: Samples] = [:]
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: exe)
            process.arguments = ["--cold-start-child", dbPath]
            let pipe = Pipe()
            process.standardOutput = pipe
            let t0 = ProcessClock.now()
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let exitMs = (ProcessClock.now() - t0) * 1000
            guard process.terminationStatus == 0, let line = String(data: data, encoding: .utf8) else {
                throw BenchError.failed("cold-start child failed (\(process.terminationStatus))")
            }
            var values: [String: Double] = [:]
            for pair in line.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let kv = pair.split(separator: "=")
                if kv.count == 2, let v = Double(kv[1]) { values[String(kv[0])] = v }
            }
            guard let frameAt = values["frameAt"] else { throw BenchError.failed("cold-start child sent no frame time") }
            total.add((frameAt - t0) * 1000)
            exit.add(exitMs)
            inside.add(values["inside"] ?? .nan)
            rss.add(values["rss"] ?? .nan)
            hwm.add(values["hwm"] ?? .nan)
            for key in ["open", "events", "view", "render", "stats"] { phases[key, default: Samples()].add(values[key] ?? .nan) }
        }
        let breakdown = ["open", "events", "view", "render", "stats"].map { "\($0) \(Figure.format(phases[$0]?.median ?? .nan))" }
            .joined(separator: ", ")
        let label = "\(attendees.formatted())-attendee database"
        report.add(Figure("cold start → first frame (spawn to frame)", unit: "ms", total, goal: .atMost(300),
                          note: "\(label); process start + store open + events + event view rows + render"))
        report.add(Figure("cold start → statistics shown too (spawn to exit)", unit: "ms", exit,
                          note: "the statistics load after the first frame (\"Loading statistics…\")"))
        report.add(Figure("cold start inside the process", unit: "ms", inside, note: "median ms: " + breakdown))
        report.add(Figure("resident memory, event open (VmRSS)", unit: "MB", rss, goal: .atMost(150), note: label))
        report.add(Figure("peak resident memory (VmHWM)", unit: "MB", hwm, goal: .atMost(150), note: label))
    }
}
