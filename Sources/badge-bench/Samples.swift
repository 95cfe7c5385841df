import Foundation

/// Repeated measurements of one figure: median, minimum, maximum (and p95 for many samples).
struct Samples: Sendable {
    var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func add(_ value: Double) { values.append(value) }

    var isEmpty: Bool { values.isEmpty }
    var count: Int { values.count }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    var median: Double { quantile(0.5) }
    var p95: Double { quantile(0.95) }

    /// Nearest-rank style quantile with linear interpolation between the two closest ranks.
    func quantile(_ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        let fraction = position - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }
}

/// What a figure must reach (SPEC §9). Pass/fail is judged on the median.
enum Goal: Sendable {
    case atMost(Double)
    case atLeast(Double)
    /// Reported for context, no target.
    case info

    func passes(_ value: Double) -> Bool? {
        switch self {
        case .atMost(let limit): return value <= limit
        case .atLeast(let limit): return value >= limit
        case .info: return nil
        }
    }

    func text(unit: String) -> String {
        switch self {
        case .atMost(let v): return "≤ \(Figure.format(v)) \(unit)".trimmingCharacters(in: .whitespaces)
        case .atLeast(let v): return "≥ \(Figure.format(v)) \(unit)".trimmingCharacters(in: .whitespaces)
        case .info: return "—"
        }
    }
}

/// One row of the report.
struct Figure: Sendable {
    var name: String
    var unit: String
    var samples: Samples
    var goal: Goal
    var note: String

    init(_ name: String, unit: String, _ samples: Samples, goal: Goal = .info, note: String = "") {
        self.name = name
        self.unit = unit
        self.samples = samples
        self.goal = goal
        self.note = note
    }

    /// nil when the figure has no target or no samples.
    var passed: Bool? { samples.isEmpty ? nil : goal.passes(samples.median) }

    var verdict: String {
        switch passed {
        case true?: return "PASS"
        case false?: return "FAIL"
        case nil: return samples.isEmpty ? "n/a" : "info"
        }
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "—" }
        let a = abs(v)
        if a >= 1000 { return String(format: "%.0f", v) }
        if a >= 100 { return String(format: "%.1f", v) }
        if a >= 10 { return String(format: "%.2f", v) }
        return String(format: "%.3f", v)
    }
}
