import Foundation
import BadgeCore
import ScreenKit

/// Import in progress (SPEC §3 screen 4): bar, pages, attendees, rate, elapsed, ETA; live.
enum ImportProgressView {
    static func draw(_ state: AppState, eventId: Int64, into buf: inout ScreenBuffer, now: Date) {
        guard let e = state.event(eventId) else {
            drawTitle("Import", state, into: &buf)
            buf.put("Loading event…", x: 2, y: 2, role: .dim)
            return
        }
        drawTitle("Import — \(clean(e.name)) · \(e.provider.displayName)", state, into: &buf)
        var y = 2
        if let alert = state.alert(for: eventId) {
            drawAlert(alert, eventId: eventId, state, y: 1, into: &buf, now: now)
            y = 5
        } else {
            let status = statusIndicator(e, state, now: now)
            buf.put(status.text, x: 2, y: y, role: status.role)
            y += 2
        }
        let progress = state.importsRunning[eventId] ?? state.importProgress[eventId] ?? e.importProgress
        guard let p = progress else {
            buf.put("Waiting for the first page…", x: 2, y: y, role: .dim)
            return
        }
        let barWidth = min(60, buf.size.width - 12)
        if let f = p.fraction {
            let x = buf.put(ProgressBar.bar(fraction: f, width: barWidth), x: 2, y: y, role: .progress)
            buf.put(" \(Int((f * 100).rounded(.down)))%", x: x, y: y)
        } else {
            buf.put("Total not known yet — counting as pages arrive", x: 2, y: y, role: .dim)
        }
        y += 2
        let pages = p.knownPagesTotal.map { "\(grouped(p.pagesDone)) / \(grouped($0))" } ?? grouped(p.pagesDone)
        let attendees = p.knownAttendeesTotal.map { "\(grouped(p.attendeesSoFar)) / \(grouped($0))" } ?? grouped(p.attendeesSoFar)
        let running = state.importsRunning[eventId] != nil
        let clockNow = running ? now : p.updatedAt
        let rate = p.rate(now: clockNow)
        let lines: [(String, String)] = [
            ("Pages", pages),
            ("Attendees", attendees),
            ("Rate", "\(grouped(Int(rate.rounded()))) attendees/s"),
            ("Elapsed", duration(clockNow.timeIntervalSince(p.startedAt))),
            ("ETA", running ? (p.eta(now: now).map(duration) ?? "—") : "—"),
        ]
        for (label, value) in lines {
            let x = buf.put(fit(label, 12), x: 2, y: y, role: .dim)
            buf.put(value, x: x, y: y)
            y += 1
        }
        y += 1
        if running {
            buf.put("The event view opens by itself when the import finishes.", x: 2, y: y, role: .dim)
        }
    }
}
