import Foundation
import BadgeCore
import ScreenKit

/// Where the boxed stat cards, the arrivals box and the ticket-type panel sit (pure geometry).
struct BoxGeometry {
    /// Card widths: Total Attendees, Checked In, Not Attending, VIP (label or figure + padding).
    static let cardWidths = [19, 22, 17, 11]
    static let cardsWidth = cardWidths.reduce(0, +)
    /// Ticket columns are at least this wide; a wide panel lists types in several columns.
    static let ticketColumnWidth = 44

    let height: Int
    /// The arrivals box when there is room for it beside the ticket panel; nil: arrivals is the
    /// first line of the ticket panel.
    let arrivalsX: Int?, arrivalsWidth: Int
    let ticketsX: Int, ticketsWidth: Int
    let ticketColumns: Int
    let ticketRows: Int

    init(width: Int, height: Int) {
        self.height = height
        let side = max(0, width - BoxGeometry.cardsWidth)
        if side >= 76 {
            arrivalsX = BoxGeometry.cardsWidth
            arrivalsWidth = 28
            ticketsX = BoxGeometry.cardsWidth + arrivalsWidth
        } else {
            arrivalsX = nil
            arrivalsWidth = 0
            ticketsX = BoxGeometry.cardsWidth
        }
        ticketsWidth = max(0, width - ticketsX)
        ticketColumns = max(1, (ticketsWidth - 2) / BoxGeometry.ticketColumnWidth)
        ticketRows = max(0, height - 2 - (arrivalsX == nil ? 1 : 0))
    }

    var ticketCapacity: Int { max(1, ticketRows * ticketColumns) }
}

extension StatCards {
    /// Four boxed cards — Total Attendees, Checked In (n / attending, % of attending), Not
    /// Attending, VIP — each with its label and its figure in bold on its own line; then the
    /// arrivals sparkline and the ticket types from `ticketTop`.
    static func drawBoxes(_ s: EventStats, ticketTop: Int, y: Int, height: Int, into buf: inout ScreenBuffer,
                          now: Date) {
        let g = BoxGeometry(width: buf.size.width, height: height)
        let cards: [(String, String, Role, String)] = [
            ("Total Attendees", grouped(s.totalAttendees), .accent, ""),
            ("Checked In", checkedInFigure(s), .statusOK, "\(s.checkedInPercent)% of attending"),
            ("Not Attending", grouped(s.notAttending), .accent, ""),
            ("VIP", grouped(s.vip), .vip, ""),
        ]
        var x = 0
        let top = y + 1 + max(0, height - 5) / 2
        for ((label, figure, role, detail), width) in zip(cards, BoxGeometry.cardWidths) {
            buf.drawBox(x: x, y: y, width: width, height: height)
            buf.put(label, x: x + 2, y: top, width: width - 4, role: .dim)
            buf.put(figure, x: x + 2, y: top + 1, width: width - 4, role: role)
            if !detail.isEmpty { buf.put(detail, x: x + 2, y: top + 2, width: width - 4, role: .dim) }
            x += width
        }

        // Arrivals: its own box on wide terminals, else the ticket panel's first line.
        if let ax = g.arrivalsX {
            let buckets = g.arrivalsWidth - 4
            buf.drawBox(x: ax, y: y, width: g.arrivalsWidth, height: height, title: "Arrivals · \(buckets * 5) min")
            let series = s.arrivalSeries(endingAt: now, count: buckets)
            buf.put(Sparkline.text(series), x: ax + 2, y: top, role: .accent)
            buf.put("peak \(grouped(series.max() ?? 0)) / 5 min", x: ax + 2, y: top + 1, width: buckets, role: .dim)
        }
        guard g.ticketsWidth >= 12 else { return }
        let count = s.byTicket.count
        let first = count == 0 ? 0 : min(ticketTop, count - 1)
        let shown = Array(s.byTicket.dropFirst(first).prefix(g.ticketCapacity))
        let title = count > g.ticketCapacity || first > 0
            ? "Tickets \(first + 1)–\(first + shown.count) of \(count) · t next" : "Ticket types"
        buf.drawBox(x: g.ticketsX, y: y, width: g.ticketsWidth, height: height, title: title)
        var row = y + 1
        let inner = g.ticketsWidth - 4
        if g.arrivalsX == nil {
            let label = "Arrivals ", tail = " min"
            let buckets = max(4, min(24, inner - DisplayWidth.of(label + tail) - 4))
            var ax = buf.put(label, x: g.ticketsX + 2, y: row, role: .dim)
            ax = buf.put(Sparkline.text(s.arrivalSeries(endingAt: now, count: buckets)), x: ax, y: row, role: .accent)
            buf.put(" \(buckets * 5)" + tail, x: ax, y: row, role: .dim)
            row += 1
        }
        if count == 0 {
            buf.put("No ticket types yet", x: g.ticketsX + 2, y: row, role: .dim)
            return
        }
        let columnWidth = (g.ticketsWidth - 2) / g.ticketColumns
        for (i, t) in shown.enumerated() {
            let cx = g.ticketsX + 2 + (i / max(1, g.ticketRows)) * columnWidth
            let cy = row + i % max(1, g.ticketRows)
            ticketLine(t, x: cx, y: cy, width: min(columnWidth - 2, inner), into: &buf)
        }
    }

    /// "General            ██████░░  40 000/90 000": name, a bar when there is room, counts.
    private static func ticketLine(_ t: EventStats.TicketStat, x: Int, y: Int, width: Int, into buf: inout ScreenBuffer) {
        let counts = "\(grouped(t.checkedIn))/\(grouped(t.total))"
        let barWidth = width >= 40 ? 10 : 0
        // Counts right-aligned in a fixed field so the bars line up.
        let countsWidth = max(DisplayWidth.of(counts), barWidth > 0 ? 15 : 0)
        let nameWidth = max(1, width - countsWidth - barWidth - (barWidth > 0 ? 2 : 1))
        var tx = buf.put(fit(clean(t.ticketName), nameWidth) + " ", x: x, y: y)
        if barWidth > 0 {
            let f = t.total > 0 ? Double(t.checkedIn) / Double(t.total) : 0
            tx = buf.put(ProgressBar.bar(fraction: f, width: barWidth), x: tx, y: y, role: .progress)
            tx = buf.put(" ", x: tx, y: y)
        }
        buf.put(fitRight(counts, countsWidth), x: tx, y: y)
    }
}
