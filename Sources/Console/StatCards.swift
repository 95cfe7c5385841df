import Foundation
import BadgeCore
import ScreenKit

/// The stat cards of the event view. At 100 columns and wider: boxed cards (label, figure in bold
/// on its own line) beside the arrivals sparkline and a ticket-type panel (`StatCards+Boxes`).
/// Narrower: the compact lines — counts, arrivals and ticket types on two lines at 80×24, one
/// ticket type per line with a bar when taller. `t` pages through the ticket types everywhere.
enum StatCards {
    /// Terminal width from which the boxed cards show (issue #17).
    static let cardsMinWidth = 100

    static func draw(_ v: EventViewState, _ layout: EventViewLayout, into buf: inout ScreenBuffer, now: Date) {
        guard let s = v.stats else {
            buf.put("Loading statistics…", x: 1, y: layout.stats, role: .dim)
            return
        }
        if layout.cards {
            drawBoxes(s, ticketTop: v.ticketTop, y: layout.stats, height: layout.statsHeight, into: &buf, now: now)
        } else {
            drawCompact(s, ticketTop: v.ticketTop, y: layout.stats, height: layout.statsHeight, into: &buf, now: now)
        }
    }

    /// How many ticket types the panel shows from `top` at this size (what `t` pages by).
    static func ticketsShown(_ s: EventStats, top: Int, layout: EventViewLayout, width: Int) -> Int {
        if layout.cards { return BoxGeometry(width: width, height: layout.statsHeight).ticketCapacity }
        if layout.statsHeight <= 2 { return compactLine(s, top: top, room: width - 1 - arrivalsEnd(width) - 3).shown }
        let rows = layout.statsHeight - 2
        return s.byTicket.count - top > rows ? rows - 1 : rows
    }

    /// "Checked in" as a figure: "41 230 / 98 796" (of those attending).
    static func checkedInFigure(_ s: EventStats) -> String { "\(grouped(s.checkedIn)) / \(grouped(s.attending))" }

    // MARK: Compact (narrower than 100 columns)

    static func drawCompact(_ s: EventStats, ticketTop: Int, y: Int, height: Int, into buf: inout ScreenBuffer,
                            now: Date) {
        let w = buf.size.width
        // Line 1: the counts ("Checked in n/attending (p%)": the percentage is of those attending).
        var x = 1
        x = item("Total", grouped(s.totalAttendees), x: x, y: y, into: &buf)
        x = sep(x, y, &buf)
        x = item("Checked in", "\(grouped(s.checkedIn))/\(grouped(s.attending)) (\(s.checkedInPercent)%)",
                 x: x, y: y, role: .checkedIn, into: &buf)
        x = sep(x, y, &buf)
        x = item("Not attending", grouped(s.notAttending), x: x, y: y, into: &buf)
        x = sep(x, y, &buf)
        _ = item("VIP", grouped(s.vip), x: x, y: y, role: .vip, into: &buf)

        // Line 2: arrivals, then ticket types as far as they fit (compact) or on their own lines.
        let buckets = compactBuckets(w)
        x = buf.put("Arrivals ", x: 1, y: y + 1, role: .dim)
        x = buf.put(Sparkline.text(s.arrivalSeries(endingAt: now, count: buckets)), x: x, y: y + 1, role: .accent)
        x = buf.put(" last \(buckets * 5) min", x: x, y: y + 1, role: .dim)
        let top = min(ticketTop, max(0, s.byTicket.count - 1))
        if height <= 2 {
            let line = compactLine(s, top: top, room: w - 1 - x - 3).text
            if !line.isEmpty {
                x = sep(x, y + 1, &buf)
                buf.put(truncate(line, w - x - 1), x: x, y: y + 1)
            }
        } else {
            let rows = height - 2
            let nameWidth = 24, barWidth = 20
            let rest = Array(s.byTicket.dropFirst(top))
            for (i, t) in rest.prefix(rows).enumerated() {
                let ty = y + 2 + i
                if i == rows - 1 && rest.count > rows {
                    buf.put("+\(rest.count - rows + 1) more ticket types · t next", x: 1, y: ty, role: .dim)
                    break
                }
                var tx = buf.put(fit(clean(t.ticketName), nameWidth) + " ", x: 1, y: ty)
                let f = t.total > 0 ? Double(t.checkedIn) / Double(t.total) : 0
                tx = buf.put(ProgressBar.bar(fraction: f, width: barWidth), x: tx, y: ty, role: .progress)
                buf.put(" \(grouped(t.checkedIn))/\(grouped(t.total)) checked in", x: tx, y: ty)
            }
        }
    }

    private static func compactBuckets(_ w: Int) -> Int { w >= 120 ? 24 : 16 }

    /// Where the compact arrivals text ends ("Arrivals ▁▂… last 80 min").
    private static func arrivalsEnd(_ w: Int) -> Int {
        let b = compactBuckets(w)
        return 1 + DisplayWidth.of("Arrivals ") + b + DisplayWidth.of(" last \(b * 5) min")
    }

    /// Ticket types from `top` that fit in `room` columns: "General 40 000/90 000 · VIP 230/300 ·
    /// +1 more (t)"; `shown` is how many are listed.
    static func compactLine(_ s: EventStats, top: Int, room: Int) -> (text: String, shown: Int) {
        let rest = Array(s.byTicket.dropFirst(min(top, s.byTicket.count)))
        var line = ""
        var shown = 0
        for (i, t) in rest.enumerated() {
            let item = "\(clean(t.ticketName)) \(grouped(t.checkedIn))/\(grouped(t.total))"
            let candidate = line.isEmpty ? item : line + " · " + item
            let more = rest.count - i - 1
            let reserve = more > 0 ? DisplayWidth.of(" · +\(more) more (t)") : 0
            if DisplayWidth.of(candidate) + reserve > room {
                line += line.isEmpty ? "" : " · +\(rest.count - i) more (t)"
                break
            }
            line = candidate
            shown += 1
        }
        return (line, max(1, shown))
    }

    private static func item(_ label: String, _ value: String, x: Int, y: Int, role: Role = .accent,
                             into buf: inout ScreenBuffer) -> Int {
        let x = buf.put(label + " ", x: x, y: y, role: .dim)
        return buf.put(value, x: x, y: y, role: role)
    }

    private static func sep(_ x: Int, _ y: Int, _ buf: inout ScreenBuffer) -> Int {
        buf.put(" │ ", x: x, y: y, role: .border)
    }
}
