import Foundation
import BadgeCore
import ScreenKit

/// The attendee card (SPEC §3 screen 6): details, check-in history, print count, primary action.
enum AttendeeCardView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        guard let card = state.card, let a = card.attendee else {
            drawTitle("Attendee", state, into: &buf)
            buf.put("Loading attendee…", x: 2, y: 2, role: .dim)
            return
        }
        drawTitle("Attendee — \(clean(a.badgeName))", state, into: &buf)
        // The badge as it will print, framed on the right; the details keep to its left.
        var previewX: Int?
        if let preview = card.preview, preview.attendeeId == a.id, preview.fits(BadgePreview.cardBox(for: buf.size)) {
            previewX = BadgePreview.draw(preview, right: buf.size.width - 1, y: 2, into: &buf)
        }
        let w = previewX.map { $0 + 1 } ?? buf.size.width
        let tz = state.timeZone
        var y = 2
        var x = buf.put(clean(a.badgeName), x: 2, y: y, role: .header)
        if a.vip { x = buf.put("  ★ VIP", x: x, y: y, role: .vip) }
        if a.isWalkIn { buf.put("  · walk-in", x: x, y: y, role: .dim) }
        y += 1
        // The note, prominent, right under the name (SPEC §13): up to two lines.
        if let note = a.notes.map(clean), !note.isEmpty {
            let lines = noteLines(note, width: w - 4)
            for line in lines {
                buf.fill(x: 2, y: y, width: w - 4, height: 1, role: .statusWarn)
                buf.put(line, x: 2, y: y, role: .statusWarn)
                y += 1
            }
        }
        y += 1
        let status = a.status == .attending ? "ATTENDING" : "NOT_ATTENDING"
        let raw = a.providerStatus.map { " (\(clean($0)))" } ?? ""
        let checked: String
        if let at = a.checkedInAt {
            let record = card.history.last { $0.action != .undo }
            let place = checkInPlace(source: a.checkInSource, station: record?.station,
                                     provider: state.event(a.eventId)?.provider, desk: state.deskName)
            let who = record.map { $0.operatorName == "PROVIDER" ? "" : " by \(clean($0.operatorName))" } ?? ""
            checked = "✔ \(when(at, tz, now: now))\(who) \(place)"
        } else {
            checked = "not checked in"
        }
        var fields: [(String, String, Role)] = [
            ("Email", clean(state.shownEmail(a.email) ?? "—"), .normal),
            ("Company", corrected(a, .company), .normal),
            ("Job title", corrected(a, .jobTitle), .normal),
            ("Ticket", clean(a.ticketLabel.isEmpty ? "—" : a.ticketLabel), .normal),
            ("Status", status + raw, a.status == .attending ? .normal : .statusWarn),
            ("Checked in", checked, a.isCheckedIn ? .checkedIn : .dim),
            ("Barcode", clean(a.barcode ?? "—"), .normal),
            ("Badges", a.printCount == 0 ? "not printed" : "printed \(a.printCount)×", .normal),
        ]
        // Print stations' health (issue #16): the desk's own station, else every known one.
        if let line = printingLine(state) { fields.append(("Printing", line.text, line.warning ? .statusWarn : .normal)) }
        // A corrected name gets its own row with the provider's spelling; pronouns when set.
        if a.corrections.name != nil { fields.insert(("Name", corrected(a, .name), .normal), at: 0) }
        if let p = a.pronouns { fields.insert(("Pronouns", clean(p), .normal), at: a.corrections.name != nil ? 4 : 3) }
        for (label, value, role) in fields {
            x = buf.put(fit(label, 12), x: 2, y: y, role: .dim)
            buf.put(truncate(value, w - x - 2), x: x, y: y, role: role)
            y += 1
        }
        if let notice = card.printJob {
            buf.put(truncate("▲ " + clean(notice.line), w - 4), x: 2, y: y, role: .statusWarn)
            y += 1
        }
        y += 1
        if card.confirmingForce {
            let text = "Force check in \(clean(a.name)), who is NOT ATTENDING? [Enter] Yes, check in  [Esc] No"
            buf.fill(x: 0, y: y, width: w, height: 1, role: .alert)
            buf.put(truncate("▲ " + text, w - 4), x: 2, y: y, role: .alert)
            y += 3
        } else if let action = card.primaryAction {
            var label = "[Enter] \(action.label)"
            if action == .reprint || action == .print, let at = a.checkedInAt { label += " — checked in \(when(at, tz, now: now))" }
            let allowed = state.effectiveRole.allows(.checkIn)
            let end = buf.put(truncate(label, w - 4), x: 2, y: y, role: allowed ? .button : .buttonDisabled)
            // What the other keys do, in words: p never checks in (issue #17).
            if !a.isCheckedIn, state.effectiveRole.allows(.printBadge) {
                buf.put(truncate("   [p] Print only (not checked in)", max(0, w - end - 2)), x: end, y: y, role: .keyHint)
            }
            y += 2
        }
        buf.put("Check-in history", x: 2, y: y, role: .header)
        y += 1
        let room = buf.size.height - 3 - y
        if card.history.isEmpty {
            buf.put(card.loaded ? "none" : "loading…", x: 4, y: y, role: .dim)
        }
        for r in card.history.suffix(max(0, room)).reversed() {
            let place = checkInPlace(source: r.station == "PROVIDER" ? .provider : .local, station: r.station,
                                     provider: state.event(a.eventId)?.provider, desk: state.deskName)
            let line = "\(day(r.at, tz)) \(clock(r.at, tz))  \(fit(r.action.rawValue, 14)) \(clean(r.operatorName)) \(place)"
            buf.put(truncate(line, w - 6), x: 4, y: y)
            y += 1
        }
    }

    /// "Jon Smith (provider: John Smith)" when the desk corrected the field, else the value.
    static func corrected(_ a: Attendee, _ field: BadgeField) -> String {
        let shown = clean(a.badgeValue(of: field) ?? "—")
        guard a.corrections[field] != nil else { return shown }
        return "\(shown) (provider: \(clean(a.providerValue(of: field) ?? "—")))"
    }

    /// "✎ NOTE: …" cut into at most two lines of `width` columns (the second ends with … when cut).
    static func noteLines(_ note: String, width: Int) -> [String] {
        let text = "✎ NOTE: " + note
        guard DisplayWidth.of(text) > width else { return [text] }
        var first = ""
        var rest = Substring(text)
        while let c = rest.first, DisplayWidth.of(first + String(c)) <= width {
            first.append(c)
            rest = rest.dropFirst()
        }
        // Break at the last space of the first line when there is one.
        if let space = first.lastIndex(of: " "), rest.first != " " {
            rest = Substring(first[first.index(after: space)...]) + rest
            first = String(first[..<space])
        }
        return [first, truncate("        " + rest.trimmingCharacters(in: .whitespaces), width)]
    }
}

extension AttendeeCardView {
    /// "station Hall A: online · 2 queued" for a desk that sends to a station; the stations
    /// known to the store otherwise; nil when there are none (a laptop with its own printer).
    static func printingLine(_ state: AppState) -> (text: String, warning: Bool)? {
        if let mine = state.printStation {
            guard let status = state.printStations.first(where: { $0.name == mine }) else {
                return ("station \(clean(mine)): never seen online", true)
            }
            return ("station " + clean(status.summary), status.isWarning)
        }
        guard !state.printStations.isEmpty else { return nil }
        let text = state.printStations.map { clean($0.summary) }.joined(separator: "; ")
        return ("stations " + text, state.printStations.contains { $0.isWarning })
    }
}
