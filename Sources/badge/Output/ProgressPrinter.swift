import BadgeCore
import Foundation

/// Import progress on stderr (SPEC §4 `events import`): a bar redrawn at most ten times a second
/// when stderr is a terminal, otherwise a plain line at most every 2 seconds (logs and pipes stay
/// readable).
///
/// A bar only when a total is known (Eventbrite's page count, Luma's guest count): without one
/// the line counts without a bar, and a finished import ends on a full bar — never an empty one
/// (issue #17).
final class ProgressPrinter: @unchecked Sendable {
    private let isTerminal: Bool
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var drewBar = false
    private var last: ImportProgress?

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ p: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        last = p
        let now = Date()
        if isTerminal {
            // At most ten redraws a second: an import commits a page every millisecond or two.
            guard now.timeIntervalSince(lastLine) >= 0.1 else { return }
            lastLine = now
            write("\r\u{1B}[2K" + Self.barLine(p, now: now, done: false))
            drewBar = true
        } else if now.timeIntervalSince(lastLine) >= 2 {
            lastLine = now
            write("importing: \(Self.summary(p, now: now))\n")
        }
    }

    /// Ends the progress line; after a successful import the terminal line is redrawn complete.
    func finish(succeeded: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if drewBar, succeeded, let last { write("\r\u{1B}[2K" + Self.barLine(last, now: Date(), done: true)) }
        if drewBar { write("\n") }
        drewBar = false
    }

    /// "Importing ███░░ 42% 12/30 pages · 600/1500 attendees · 300/s · ETA 3 s", or without a
    /// bar when no believable total is known; `done` shows the import complete.
    static func barLine(_ p: ImportProgress, now: Date, done: Bool) -> String {
        guard let fraction = done ? 1 : p.fraction else {
            return "Importing… \(summary(p, now: now))"
        }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let verb = done ? "Imported" : "Importing"
        return "\(verb) \(bar) \(String(format: "%3d%%", Int(fraction * 100))) \(summary(p, now: now, done: done))"
    }

    /// Pages, attendees (of the total when known), rate and ETA. Only believable totals and ETAs
    /// (`ImportProgress.knownPagesTotal`, `eta`): a bogus page_count never reads "1/-1 pages" or
    /// "ETA 21242619 s".
    static func summary(_ p: ImportProgress, now: Date, done: Bool = false) -> String {
        let pages = p.knownPagesTotal.map { "\(p.pagesDone)/\($0) pages" } ?? "\(p.pagesDone) pages"
        let attendees = (done ? nil : p.knownAttendeesTotal).map { "\(p.attendeesSoFar)/\($0) attendees" }
            ?? "\(p.attendeesSoFar) attendees"
        let rate = Int(p.rate(now: now))
        if done { return "\(pages) · \(attendees)" + (rate > 0 ? " · \(rate)/s" : "") }
        let eta = p.eta(now: now).map { " · ETA \(Int($0.rounded(.up))) s" } ?? ""
        return "\(pages) · \(attendees) · \(rate)/s\(eta)"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
