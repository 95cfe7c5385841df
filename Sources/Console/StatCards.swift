import Foundation
import BadgeCore
import ScreenKit

/// The stat cards of the event view: counts, arrivals sparkline, per-ticket-type lines. Two lines
/// at 80×24; with more height one line per ticket type (up to three) with a bar.
enum StatCards {
    static func draw(_ stats: EventStats?, y: Int, height: Int, into buf: inout ScreenBuffer, now: Date) {
        guard let s = stats else {
            buf.put("Loading statistics…", x: 1, y: y, role: .dim)
            return
        }
        let w = buf.size.width
        // Line 1: the counts.
        var x = 1
        x = card("Total", grouped(s.totalAttendees), x: x, y: y, into: &buf)
        x = sep(x, y, &buf)
        x = card("Checked in", "\(grouped(s.checkedIn))/\(grouped(s.totalAttendees)) (\(s.checkedInPercent)%)",
                 x: x, y: y, role: .checkedIn, into: &buf)
        x = sep(x, y, &buf)
        x = card("Not attending", grouped(s.notAttending), x: x, y: y, into: &buf)
        x = sep(x, y, &buf)
        _ = card("VIP", grouped(s.vip), x: x, y: y, role: .vip, into: &buf)

        // Line 2: arrivals, then ticket types as far as they fit (compact) or on their own lines.
        let buckets = w >= 120 ? 24 : 16
        x = buf.put("Arrivals ", x: 1, y: y + 1, role: .dim)
        x = buf.put(Sparkline.text(s.arrivalSeries(endingAt: now, count: buckets)), x: x, y: y + 1, role: .accent)
        x = buf.put(" last \(buckets * 5) min", x: x, y: y + 1, role: .dim)
        if height <= 2 {
            var line = ""
            for (i, t) in s.byTicket.enumerated() {
                let item = "\(clean(t.ticketName)) \(grouped(t.checkedIn))/\(grouped(t.total))"
                let candidate = line.isEmpty ? item : line + " · " + item
                let more = s.byTicket.count - i - 1
                let reserve = more > 0 ? DisplayWidth.of(" · +\(more) more") : 0
                if x + 3 + DisplayWidth.of(candidate) + reserve > w - 1 {
                    line += line.isEmpty ? "" : " · +\(s.byTicket.count - i) more"
                    break
                }
                line = candidate
            }
            if !line.isEmpty {
                x = sep(x, y + 1, &buf)
                buf.put(truncate(line, w - x - 1), x: x, y: y + 1)
            }
        } else {
            let rows = height - 2
            let nameWidth = 24, barWidth = 20
            for (i, t) in s.byTicket.prefix(rows).enumerated() {
                let ty = y + 2 + i
                if i == rows - 1 && s.byTicket.count > rows {
                    buf.put("+\(s.byTicket.count - rows + 1) more ticket types", x: 1, y: ty, role: .dim)
                    break
                }
                var tx = buf.put(fit(clean(t.ticketName), nameWidth) + " ", x: 1, y: ty)
                let f = t.total > 0 ? Double(t.checkedIn) / Double(t.total) : 0
                tx = buf.put(ProgressBar.bar(fraction: f, width: barWidth), x: tx, y: ty, role: .progress)
                buf.put(" \(grouped(t.checkedIn))/\(grouped(t.total)) checked in", x: tx, y: ty)
            }
        }
    }

    private static func card(_ label: String, _ value: String, x: Int, y: Int, role: Role = .accent,
                             into buf: inout ScreenBuffer) -> Int {
        let x = buf.put(label + " ", x: x, y: y, role: .dim)
        return buf.put(value, x: x, y: y, role: role)
    }

    private static func sep(_ x: Int, _ y: Int, _ buf: inout ScreenBuffer) -> Int {
        buf.put(" │ ", x: x, y: y, role: .border)
    }
}
