import Foundation

/// Runs every benchmark in order and prints / writes the report.
enum BenchRunner {
    static func run(_ options: BenchOptions) async throws {
        var report = Report(mode: options.quick ? "--quick" : "full")
        report.loadBefore = Report.uptime()
        log("badge-bench \(report.mode): sizes \(options.sizes), \(Report.buildKind()); \(report.loadBefore)")

        if options.only.contains("stages") {
            log("[0/5] import stages (fetch + decode alone, merge alone)")
            try await StageBench.run(options, report: &report)
        }
        log("[1/5] imports (ours vs reference)")
        // The imported event is what the poll, console and cold-start figures measure.
        let kept = ["import", "poll", "console", "cold"].contains(where: options.wants)
            ? try await ImportBench.run(options, report: &report) : nil
        if options.wants("cli") && options.baseURL == nil {
            log("[1b/5] command-line import vs the Python reference (issue #18)")
            try CLIImportBench.run(options, report: &report)
        }
        if options.wants("latency") {
            log("[2/5] imports with \(options.latencyMs) ms latency")
            try await ImportBench.latency(options, report: &report)
        }
        if let kept {
            if options.wants("poll") {
                log("[3/5] live polls")
                try await PollBench.run(kept, options: options, report: &report)
            }
            await kept.engine.shutdown()
            kept.rig.stop()
            if options.wants("console") {
                log("[4/5] console")
                try ConsoleBench.run(store: kept.temp.store, eventId: kept.event.id, attendees: kept.rig.attendees,
                                     options: options, report: &report)
            }
            if options.wants("cold") {
                log("[5/5] cold start")
                try ColdStart.run(dbPath: kept.temp.path, attendees: kept.rig.attendees, runs: options.quick ? 1 : 7,
                                  report: &report)
            }
            if let keep = options.keepDB {
                try? FileManager.default.removeItem(atPath: keep)
                try FileManager.default.copyItem(atPath: kept.temp.path, toPath: keep)
                log("kept the \(kept.rig.attendees)-attendee database at \(keep)")
            }
            kept.temp.remove()
        }
        if options.wants("scan") {
            log("[6/6] scanning line (the console in a pseudo-terminal, a busy process beside it)")
            try ScanBench.run(options: options, report: &report)
        }
        if options.wants("desks") {
            log("[7/7] several desks on PostgreSQL (round trip, desk-to-desk, 8 × 200/s, import vs SQLite)")
            try await DesksBench.run(options, report: &report)
        }
        if options.wants("label") {
            log("[8/8] label printer badge (62×100 mm, 300 dpi: raster + ZPL / Brother QL)")
            try LabelBench.run(options: options, report: &report)
        }
        report.loadAfter = Report.uptime()
        report.note("parent process peak resident memory (simulator + datasets + benches): \(Figure.format(ProcessClock.statusMB("VmHWM"))) MB")
        print(report.text())
        if let path = options.markdownPath {
            try report.markdown().write(toFile: path, atomically: true, encoding: .utf8)
            log("markdown written to \(path)")
        }
    }

    static func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
