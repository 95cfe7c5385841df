import BadgeCore
import Foundation

/// One stored beat of a print station process; `health` folds them (and the queue counts) into
/// one `PrintStationHealth` per station name, the same way for every store.
package struct PrintStationBeatRow: Sendable, Hashable {
    package var session: String
    package var name: String
    package var printer: String
    package var lastSeen: Date
    package var lastError: String?
    package var lastErrorAt: Date?

    package init(session: String, name: String, printer: String, lastSeen: Date, lastError: String?, lastErrorAt: Date?) {
        self.session = session
        self.name = name
        self.printer = printer
        self.lastSeen = lastSeen
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }

    /// `beats` in `lastSeen` order; a station with jobs but no beat yet shows as offline.
    package static func health(beats: [PrintStationBeatRow], counts: [String: [PrintJobStatus: Int]],
                               now: Date) -> [PrintStationHealth] {
        var byName: [String: PrintStationHealth] = [:]
        for beat in beats {
            let live = now.timeIntervalSince(beat.lastSeen) <= PrintStationHealth.onlineWindow
            var h = byName[beat.name] ?? PrintStationHealth(
                name: beat.name, printer: beat.printer, lastSeen: beat.lastSeen, processes: 0, queued: 0, sending: 0,
                failed: 0, lastError: nil, lastErrorAt: nil, liveSessions: [])
            h.printer = beat.printer
            h.lastSeen = max(h.lastSeen, beat.lastSeen)
            if live {
                h.processes += 1
                h.liveSessions.insert(beat.session)
            }
            if let at = beat.lastErrorAt, at >= (h.lastErrorAt ?? .distantPast) {
                h.lastError = beat.lastError
                h.lastErrorAt = at
            }
            byName[beat.name] = h
        }
        for (name, c) in counts {
            var h = byName[name] ?? PrintStationHealth(
                name: name, printer: "", lastSeen: Date(timeIntervalSince1970: 0), processes: 0, queued: 0, sending: 0,
                failed: 0, lastError: nil, lastErrorAt: nil, liveSessions: [])
            h.queued = c[.queued] ?? 0
            h.sending = c[.sent] ?? 0
            h.failed = c[.failed] ?? 0
            byName[name] = h
        }
        return byName.values.sorted { $0.name < $1.name }
    }
}
