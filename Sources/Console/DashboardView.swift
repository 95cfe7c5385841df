import Foundation
import BadgeCore
import ScreenKit

/// The dashboard (SPEC §3 screen 1): events with provider, status, attendees, checked in.
enum DashboardView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        drawTitle("Badge Console — Events", state, into: &buf)
        let w = buf.size.width
        // Event (the rest) · Date 7 · Provider 11 · Status 16 · Attendees 10 · Checked in 13.
        let nameW = max(12, w - 2 - 7 - 11 - 16 - 10 - 13)
        let header = "  " + fit("Event", nameW) + fit("Date", 7) + fit("Provider", 11) + fit("Status", 16)
            + fitRight("Attendees", 9) + " " + fitRight("Checked in", 13)
        buf.fill(x: 0, y: 2, width: w, height: 1, role: .header)
        buf.put(header, x: 0, y: 2, role: .header)
        guard !state.events.isEmpty else {
            let text = !state.dashboard.loaded ? "Loading events…"
                : state.effectiveRole.allows(.importEvent) ? "No events yet — press i to import one from Eventbrite or Luma"
                : "No events yet — ask an admin to import one"
            buf.put(text, x: 2, y: 4, role: .dim)
            return
        }
        let rows = w > 0 ? buf.size.height - 6 : 0
        let top = max(0, state.dashboard.selected - rows + 1)
        for (i, summary) in state.events.enumerated().dropFirst(top).prefix(rows) {
            let y = 3 + i - top
            let e = summary.event
            let selected = i == state.dashboard.selected
            if selected { buf.put("▶", x: 0, y: y) }
            // A long name is cut in the middle: "… — Day 2" must stay readable.
            let name = Text.truncateMiddle(clean(e.name), width: nameW - 1, tail: 9)
            var x = buf.put(fit(name, nameW - 1) + " ", x: 2, y: y)
            x = buf.put(fit(e.startsAt.map { eventDate($0, state.timeZone) } ?? "—", 7), x: x, y: y,
                        role: e.startsAt == nil ? .dim : .normal)
            x = buf.put(fit(e.provider.displayName, 11), x: x, y: y)
            let status = statusIndicator(e, state, now: now)
            x = buf.put(fit(status.text, 16), x: x, y: y, role: status.role)
            if let s = summary.stats {
                x = buf.put(fitRight(grouped(s.totalAttendees), 9) + " ", x: x, y: y)
                buf.put(fitRight("\(grouped(s.checkedIn)) (\(s.checkedInPercent)%)", 13), x: x, y: y, role: .checkedIn)
            } else {
                buf.put(fitRight("—", 9) + " " + fitRight("—", 13), x: x, y: y, role: .dim)
            }
            if selected { buf.setRole(x: 0, y: y, width: w, role: .selection) }
        }
    }
}
