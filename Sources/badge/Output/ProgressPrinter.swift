import BadgeCore
import Foundation

/// Import progress on stderr (SPEC §4 `events import`): a redrawn bar when stderr is a terminal,
/// otherwise a plain line at most every 2 seconds (logs and pipes stay readable).
final class ProgressPrinter: @unchecked Sendable {
    private let isTerminal: Bool
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var drewBar = false

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ p: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        // Only believable totals and ETAs (`ImportProgress.knownPagesTotal`, `eta`): a bogus
        // page_count never reads "1/-1 pages" or "ETA 21242619 s".
        let pages = p.knownPagesTotal.map { "\(p.pagesDone)/\($0) pages" } ?? "\(p.pagesDone) pages"
        let rate = Int(p.rate(now: now))
        let eta = p.eta(now: now).map { " · ETA \(Int($0.rounded(.up))) s" } ?? ""
        let summary = "\(pages) · \(p.attendeesSoFar) attendees · \(rate)/s\(eta)"
        if isTerminal {
            let width = 30
            let fraction = p.fraction ?? 0
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let percent = p.fraction.map { String(format: "%3d%%", Int($0 * 100)) } ?? " …"
            write("\r\u{1B}[2KImporting \(bar) \(percent) \(summary)")
            drewBar = true
        } else if now.timeIntervalSince(lastLine) >= 2 {
            lastLine = now
            write("importing: \(summary)\n")
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewBar { write("\n") }
        drewBar = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
