import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Clocks and resource readings of this process (Linux): monotonic wall time, process CPU time,
/// and `VmRSS`/`VmHWM`.
enum ProcessClock {
    /// Monotonic seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds used by every thread of the process.
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A field of `/proc/self/status` in MB (`VmRSS`, `VmHWM`).
    static func statusMB(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.split(separator: " ").compactMap { Double($0) }
            if let kb = digits.first { return kb / 1024 }
        }
        return .nan
    }

    /// Wall milliseconds of `body`.
    static func timeMs<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let t0 = now()
        let value = try body()
        return (value, (now() - t0) * 1000)
    }

    static func timeMs<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let t0 = now()
        let value = try await body()
        return (value, (now() - t0) * 1000)
    }
}
