import Foundation
import BadgeCore
import ScreenKit

/// The event view (SPEC §3 screen 5): header, alert, stat cards, attendee table, search line.
enum EventView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        guard let v = state.eventView, let e = state.event(v.eventId) else {
            drawTitle("Loading event…", state, into: &buf)
            return
        }
        let layout = EventViewLayout(state: state, size: buf.size)
        drawHeader(e, state, into: &buf, now: now)
        if let y = layout.alert, let alert = state.alert(for: e.id) {
            drawAlert(alert, eventId: e.id, state, y: y, into: &buf, now: now)
        }
        StatCards.draw(v, layout, into: &buf, now: now)
        if let purgedAt = e.purgedAt {
            drawPurged(purgedAt, state, layout, into: &buf)
            return
        }
        drawTable(v, state, layout, into: &buf, now: now)
        drawStatusLine(v, y: layout.statusLine, visibleRows: layout.tableRows, into: &buf)
    }

    /// A purged event (issue #17): in place of the table, what happened and what is left.
    static func drawPurged(_ at: Date, _ state: AppState, _ layout: EventViewLayout, into buf: inout ScreenBuffer) {
        let w = buf.size.width
        let y = layout.tableHeader
        buf.box(x: 0, y: y, width: w, height: 5)
        let when = "\(day(at, state.timeZone)) \(clock(at, state.timeZone))"
        buf.put(truncate("⊘ PURGED \(when) — personal data erased", w - 4), x: 2, y: y + 1, role: .header)
        buf.put(truncate("Names, emails, companies, barcodes, notes are gone; the statistics stay.", w - 4),
                x: 2, y: y + 2)
        buf.put(truncate("No more syncing, nothing to check in. The purge export has the list.", w - 4),
                x: 2, y: y + 3, role: .dim)
    }

    /// "Name · Provider     ● Syncing · synced 12 s ago · API 1 540 / h  [S]ync".
    static func drawHeader(_ e: Event, _ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        buf.fill(x: 0, y: 0, width: buf.size.width, height: 1, role: .title)
        let indicator = statusIndicator(e, state, now: now)
        var parts: [(String, Role)] = [(indicator.text, indicator.role), (" · " + (buf.size.width >= 100 ? "synced " : "") + ago(e.lastSyncedAt, now: now), .title)]
        if let desks = state.desks {
            parts.append((desks.headerText(desk: state.deskName, eventId: e.id, wide: buf.size.width >= 120),
                          desks.reachable ? .title : .statusError))
        }
        if let budget = state.rateBudgets[e.provider] {
            parts.append((" · " + budget.headerText, .title))
        }
        if let station = stationHeaderText(state) {
            parts.append((" · " + station.text, station.warning ? .statusWarn : .title))
        }
        let inFlight = state.syncInFlight.contains(e.id)
        parts.append(("  ", .title))
        if e.purgedAt == nil {  // a purged event has no Sync button at all
            parts.append(inFlight ? ("[Syncing…]", .buttonDisabled)
                         : (KeyBindings.canSync(state) ? ("[S]ync", .button) : ("[no sync]", .buttonDisabled)))
        }
        let rightWidth = parts.reduce(0) { $0 + DisplayWidth.of($1.0) }
        var x = buf.size.width - rightWidth - 1
        let marker = state.stationMode ? stationMarker + " │ " : ""
        // The event's name wins over the provider's; a name too long for the room is cut in the
        // middle (its end often says which day) and the provider left out.
        let name = clean(e.name)
        let room = x - 3 - DisplayWidth.of(marker)
        let left = DisplayWidth.of(name) <= room
            ? "\(marker)\(name) · \(e.provider.displayName)"
            : marker + Text.truncateMiddle(name, width: room, tail: 9)
        buf.put(truncate(left, x - 3), x: 1, y: 0, role: .title)
        if state.stationMode { buf.setRole(x: 1, y: 0, width: DisplayWidth.of(stationMarker), role: .statusWarn) }
        for (text, role) in parts { x = buf.put(text, x: x, y: 0, role: role) }
    }

    static func drawTable(_ v: EventViewState, _ state: AppState, _ layout: EventViewLayout, into buf: inout ScreenBuffer,
                          now: Date) {
        let w = buf.size.width
        let cols = AttendeeColumns(width: w)
        let header = "   " + fit("Name", cols.name) + " " + fit("Email", cols.email) + " " + fit("Company", cols.company)
            + " " + fit("Ticket", cols.ticket) + " " + fit("Status", cols.status) + " " + fit("In", cols.time)
        buf.fill(x: 0, y: layout.tableHeader, width: w, height: 1, role: .header)
        buf.put(header, x: 0, y: layout.tableHeader, role: .header)

        if v.loaded && v.total == 0 {
            let why = v.search.isEmpty && v.filter == .all ? "No attendees yet" : "No attendees match"
            buf.put(why, x: 3, y: layout.tableTop, role: .dim)
            return
        }
        if !v.loaded && v.rows.isEmpty {
            buf.put("Loading attendees…", x: 3, y: layout.tableTop, role: .dim)
            return
        }
        // Only the visible rows are drawn: cost does not grow with the attendee count.
        for i in 0..<layout.tableRows {
            let index = v.scrollTop + i
            guard index < v.total else { break }
            let y = layout.tableTop + i
            guard let a = v.row(at: index) else {
                buf.put("…", x: 3, y: y, role: .dim)
                continue
            }
            drawRow(a, selected: index == v.selected, cols: cols, y: y, state: state, into: &buf, now: now)
        }
    }

    static func drawRow(_ a: Attendee, selected: Bool, cols: AttendeeColumns, y: Int, state: AppState,
                        into buf: inout ScreenBuffer, now: Date) {
        if selected { buf.put("▶", x: 0, y: y, role: .selection) }
        if a.vip { buf.put("★", x: 1, y: y, role: .vip) }
        var x = 3
        x = buf.put(fit(clean(a.badgeName), cols.name) + " ", x: x, y: y)
        x = buf.put(fit(CellText.email(clean(state.shownEmail(a.email) ?? ""), width: cols.email), cols.email) + " ", x: x, y: y)
        x = buf.put(fit(clean(a.badgeCompany ?? ""), cols.company) + " ", x: x, y: y)
        x = buf.put(fit(clean(a.ticketLabel), cols.ticket) + " ", x: x, y: y)
        let (status, role) = statusCell(a, width: cols.status)
        x = buf.put(fit(status, cols.status) + " ", x: x, y: y, role: role)
        if let at = a.checkedInAt { buf.put(shortWhen(at, state.timeZone, now: now), x: x, y: y, role: .checkedIn) }
        if selected { buf.setRole(x: 0, y: y, width: buf.size.width, role: .selection) }
    }

    /// Status text with a symbol: checked in, attending, or why not (the provider's status as a
    /// word that fits `width`; the card shows it verbatim).
    static func statusCell(_ a: Attendee, width: Int) -> (String, Role) {
        if a.isCheckedIn { return ("✔ Checked in", .checkedIn) }
        if a.status == .attending { return ("Attending", .normal) }
        return ("✖ " + CellText.notAttending(clean(a.providerStatus ?? ""), width: width - 2), .dim)
    }

    /// "Filter: All  Search: ana▏                    rows 1–17 of 100 000".
    static func drawStatusLine(_ v: EventViewState, y: Int, visibleRows: Int, into buf: inout ScreenBuffer) {
        var x = buf.put("Filter: ", x: 1, y: y, role: .dim)
        x = buf.put(v.filter.label, x: x, y: y, role: v.filter == .all ? .normal : .accent)
        if v.searchMode || !v.search.isEmpty {
            x = buf.put("  Search: ", x: x, y: y, role: .dim)
            let field = truncate(clean(v.search), 30) + (v.searchMode ? "▏" : "")
            buf.put(field, x: x, y: y, role: v.searchMode ? .input : .accent)
        } else {
            buf.put("  / to search", x: x, y: y, role: .dim)
        }
        let rows = position(v, visibleRows: visibleRows)
        buf.put(rows, x: buf.size.width - DisplayWidth.of(rows) - 1, y: y, role: .dim)
    }

    /// "rows 1–17 of 100 000": the visible range of the result.
    static func position(_ v: EventViewState, visibleRows: Int) -> String {
        guard v.total > 0 else { return v.loaded ? "0 rows" : "" }
        let last = min(v.total, v.scrollTop + visibleRows)
        return "rows \(grouped(v.scrollTop + 1))–\(grouped(last)) of \(grouped(v.total))"
    }
}

extension EventView {
    /// The desk's print station in the header (issue #16): "print Hall ok", "print Hall 3 queued",
    /// "print Hall 1 failed", "print Hall OFFLINE"; nil when the desk prints on its own.
    static func stationHeaderText(_ state: AppState) -> (text: String, warning: Bool)? {
        guard let mine = state.printStation else { return nil }
        guard let s = state.printStations.first(where: { $0.name == mine }), s.online else {
            return ("print \(clean(mine)) OFFLINE", true)
        }
        if s.failed > 0 { return ("print \(clean(mine)) \(s.failed) failed", true) }
        return ("print \(clean(mine)) " + (s.queued > 0 ? "\(s.queued) queued" : "ok"), false)
    }
}
