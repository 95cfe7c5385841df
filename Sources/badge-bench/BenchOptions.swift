import Foundation

/// Command line of `badge-bench`.
///
///     badge-bench [--quick] [--markdown FILE] [--base-url URL] [--sizes 10000,100000] [--runs N]
///                 [--big-runs N] [--latency-size N] [--latency-ms N] [--skip-reference]
///                 [--only import,cli,latency,poll,console,cold,scan,stages,desks,label]
///     badge-bench --cold-start-child DB     (internal: the cold start measured by the parent)
struct BenchOptions {
    var quick = false
    var markdownPath: String?
    /// An external simulator (`badge simulate`) instead of the in-process one: only the import
    /// figures run against it (poll changes and latency need the in-process control API).
    var baseURL: String?
    var sizes: [Int] = [10_000, 100_000]
    /// Runs per figure for sizes below 50 000, and for the larger ones.
    var runs = 3
    var bigRuns = 2
    /// Attendees per event of the 100 ms-latency import (Luma pages sequentially, 50 per request:
    /// 100 000 guests would be 2 000 × 100 ms = 200 s a run).
    var latencySize = 10_000
    var latencyMs = 100
    var skipReference = false
    /// Also time the reference script with autocommit (one transaction per row), once, at the
    /// smallest size.
    var referenceAutocommit = false
    /// Run only these parts (import, latency, poll, console, cold, scan, desks, label); all when empty.
    /// `stages` (only when named) splits the largest import into fetch + decode and merge.
    var only: Set<String> = []
    /// Providers of the import figures (`--providers eventbrite,luma`).
    var providers: [String] = ["eventbrite", "luma"]
    var coldStartChild: String?
    /// Keep the largest imported database at this path (for profiling queries).
    var keepDB: String?

    static func parse(_ args: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw BenchError.usage("\(args[i - 1]) needs a value") }
            return args[i]
        }
        func int() throws -> Int {
            let text = try value()
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw BenchError.usage("not a positive number: \(text)")
            }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--quick": o.quick = true
            case "--markdown": o.markdownPath = try value()
            case "--base-url": o.baseURL = try value()
            case "--sizes":
                o.sizes = try value().split(separator: ",").map {
                    guard let n = Int($0), n > 0 else { throw BenchError.usage("bad size \($0)") }
                    return n
                }
            case "--runs": o.runs = try int()
            case "--big-runs": o.bigRuns = try int()
            case "--latency-size": o.latencySize = try int()
            case "--latency-ms": o.latencyMs = try int()
            case "--skip-reference": o.skipReference = true
            case "--reference-autocommit": o.referenceAutocommit = true
            case "--providers": o.providers = try value().split(separator: ",").map(String.init)
            case "--only": o.only = Set(try value().split(separator: ",").map(String.init))
            case "--keep-db": o.keepDB = try value()
            case "--cold-start-child": o.coldStartChild = try value()
            case "-h", "--help":
                throw BenchError.usage("")
            default: throw BenchError.usage("unknown argument \(args[i])")
            }
            i += 1
        }
        if o.quick {
            o.sizes = [1_000]
            o.runs = 1
            o.bigRuns = 1
            o.latencySize = 300
            o.latencyMs = 20
        }
        return o
    }

    func runs(for size: Int) -> Int { size >= 50_000 ? bigRuns : runs }

    func wants(_ part: String) -> Bool { only.isEmpty || only.contains(part) }

    static let usage = """
        usage: badge-bench [--quick] [--markdown FILE] [--base-url URL] [--sizes N,N] [--runs N]
                           [--big-runs N] [--latency-size N] [--latency-ms N] [--skip-reference]
                           [--only import,cli,latency,poll,console,cold,scan,stages,desks,label] [--providers eventbrite,luma] [--keep-db FILE] [--reference-autocommit]
        """
}

/// Why the harness stopped (a crash or error: nonzero exit; a missed target is not an error).
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let m): return m.isEmpty ? BenchOptions.usage : "\(m)\n\(BenchOptions.usage)"
        case .failed(let m): return m
        }
    }
}
