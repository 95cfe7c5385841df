import Foundation

/// The benchmark results: a plain-text table for the terminal and the same as Markdown for
/// `BENCHMARKS.md`, with the machine and the load it ran under.
struct Report {
    var figures: [Figure] = []
    var notes: [String] = []
    var mode: String
    var loadBefore: String = ""
    var loadAfter: String = ""

    mutating func add(_ figure: Figure) {
        figures.append(figure)
        let line = "  \(figure.name): median \(Figure.format(figure.samples.median)) \(figure.unit)"
            + " (min \(Figure.format(figure.samples.min)), max \(Figure.format(figure.samples.max)), n=\(figure.samples.count))"
            + " \(figure.verdict)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    mutating func note(_ text: String) {
        notes.append(text)
        FileHandle.standardError.write(Data(("  note: " + text + "\n").utf8))
    }

    private var header: [String] { ["figure", "median", "min", "max", "n", "target", "result", "note"] }

    private func cells(_ f: Figure) -> [String] {
        [f.name, "\(Figure.format(f.samples.median)) \(f.unit)", Figure.format(f.samples.min),
         Figure.format(f.samples.max), "\(f.samples.count)", f.goal.text(unit: f.unit), f.verdict, f.note]
    }

    var failures: [Figure] { figures.filter { $0.passed == false } }

    func text() -> String {
        let rows = [header] + figures.map(cells)
        var widths = Array(repeating: 0, count: header.count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, row) in rows.enumerated() {
            out += row.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        let passed = figures.filter { $0.passed == true }.count
        let targeted = figures.filter { $0.passed != nil }.count
        out += "\n\(passed)/\(targeted) targets met (judged on the median)\n"
        return out
    }

    func markdown() -> String {
        var md = "### badge-bench \(mode) — \(Self.isoNow())\n\n"
        md += "- machine: \(Self.machine())\n"
        md += "- build: \(Self.buildKind()), \(Self.swiftVersion())\n"
        md += "- load (`uptime`) before: \(loadBefore)\n"
        md += "- load (`uptime`) after: \(loadAfter)\n\n"
        md += "| " + header.joined(separator: " | ") + " |\n"
        md += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for f in figures {
            md += "| " + cells(f).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        let passed = figures.filter { $0.passed == true }.count
        let targeted = figures.filter { $0.passed != nil }.count
        md += "\n\(passed)/\(targeted) targets met (judged on the median).\n"
        if !notes.isEmpty {
            md += "\nNotes:\n\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        return md
    }

    static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }

    static func uptime() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        let parts = text.split(separator: " ").prefix(3)
        return "load average \(parts.joined(separator: ", "))"
    }

    static func machine() -> String {
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let value = line.split(separator: ":", maxSplits: 1).last {
            model = value.trimmingCharacters(in: .whitespaces)
        }
        let memGB = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(cpus) CPUs (nproc), \(model), \(String(format: "%.0f", memGB)) GB RAM, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }

    static func buildKind() -> String {
        #if DEBUG
        return "debug build"
        #else
        return "release build (-c release)"
        #endif
    }

    static func swiftVersion() -> String {
        #if swift(>=6.3)
        return "Swift 6.3+"
        #elseif swift(>=6.2)
        return "Swift 6.2"
        #else
        return "Swift 6.x"
        #endif
    }
}
