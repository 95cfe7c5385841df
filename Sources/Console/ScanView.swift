import Foundation
import BadgeCore
import ScreenKit

/// The scanning line (SPEC §10): the scan line, the verdict for the last code as a full-width
/// band (symbol + word + role, never colour alone), the person's details, what Enter does, and
/// the verdicts before it.
enum ScanView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        guard let s = state.scan else { return }
        var w = buf.size.width
        let eventName = state.event(s.eventId).map { clean($0.name) } ?? "Event"
        let mode = state.expressScan ? "EXPRESS" : "STANDARD"
        let marker = state.stationMode ? "\(stationMarker) · " : ""
        // A desk working on its own copy says so here too (SPEC §11.1): the line keeps scanning.
        let offline = state.desks.flatMap { desks in
            desks.reachable ? nil
                : "✖ \(w >= 100 ? "Server unreachable" : "No server") · \(desks.offline?.queued ?? 0) queued · "
        } ?? ""
        buf.bar(y: 0, left: "Scan mode — \(eventName)", right: "\(offline)\(marker)\(mode) · \(clean(state.operatorName))",
                role: .title)
        if !offline.isEmpty {
            let right = "\(offline)\(marker)\(mode) · \(clean(state.operatorName))"
            let rx = w - 1 - DisplayWidth.of(truncate(right, w / 2))
            if rx > 0 { buf.setRole(x: rx, y: 0, width: min(DisplayWidth.of(offline), w - rx), role: .statusError) }
        }
        if state.stationMode {
            let right = "\(marker)\(mode) · \(clean(state.operatorName))"
            let rx = w - 1 - DisplayWidth.of(truncate(right, w / 2))
            if rx > 0 { buf.setRole(x: rx, y: 0, width: DisplayWidth.of(stationMarker), role: .statusWarn) }
        }

        // The scan line.
        let fx = buf.put("Scan: ", x: 2, y: 2, role: .header)
        buf.fill(x: fx, y: 2, width: w - fx - 2, height: 1, role: .input)
        let shown = clean(s.line)
        let room = w - fx - 3
        let tail = DisplayWidth.of(shown) > room ? "…" + String(shown.suffix(max(0, room - 1))) : shown
        buf.put(field(tail, focused: true), x: fx, y: 2, role: .input)
        let hint = state.expressScan ? "express: a valid scan checks in and prints at once"
                                     : "standard: a valid scan waits for Enter"
        buf.put(truncate(hint, w - 4), x: 2, y: 3, role: .dim)

        var y = 5
        let bandHeight = buf.size.height >= 30 ? 7 : 5
        if let verdict = s.verdict {
            drawVerdict(verdict, s, state, y: y, height: bandHeight, into: &buf, now: now)
            y += bandHeight + 1
            // The badge as it will print, right of what follows the band (SPEC §12 Preview).
            if let preview = s.preview, preview.attendeeId == verdict.attendee?.id, preview.fits(BadgePreview.scanBox(for: buf.size)) {
                let x = BadgePreview.draw(preview, right: w - 1, y: BadgePreview.scanTop(for: buf.size), into: &buf)
                w = x + 1
            }
            if let action = verdict.enterAction {
                let allowed = state.effectiveRole.allows(.checkIn)
                let label = s.confirmingForce && action == .forceCheckIn
                    ? "[Enter] again: force check in although NOT ATTENDING — any other key cancels"
                    : "[Enter] \(action.label)"
                buf.put(truncate(label, w - 4), x: 2, y: y, role: allowed ? .button : .buttonDisabled)
                y += 1
            }
            if let note = s.printNote {
                let role: Role = note.hasPrefix("✖") ? .statusError : (note.contains("no font has") ? .statusWarn : .normal)
                buf.put(truncate(clean(note), w - 4), x: 2, y: y, role: role)
                y += 1
            }
        } else {
            buf.fill(x: 0, y: y, width: w, height: bandHeight, role: .normal)
            buf.box(x: 0, y: y, width: w, height: bandHeight)
            buf.put(truncate("Ready: scan a badge (Eventbrite barcode or Luma QR), or type a code and press Enter",
                             w - 4), x: 2, y: y + bandHeight / 2, role: .dim)
            y += bandHeight + 1
        }

        // Earlier verdicts.
        let last = buf.size.height - 3
        if y + 1 < last && !s.recent.isEmpty {
            y += 1
            buf.put("Before", x: 2, y: y, role: .header)
            y += 1
            for line in s.recent where y < last {
                buf.put(truncate(clean(line), w - 6), x: 4, y: y, role: .dim)
                y += 1
            }
        }
    }

    /// The verdict's word, symbol and band role.
    static func headline(_ v: ScanVerdict) -> (text: String, role: Role) {
        switch v {
        case .lookingUp: return ("… LOOKING UP", .normal)
        case .ready: return ("● VALID TICKET — NOT CHECKED IN YET", .verdictOK)
        case .checkingIn: return ("… CHECKING IN", .verdictOK)
        case .checkedIn: return ("✔ CHECKED IN", .verdictOK)
        case .alreadyCheckedIn: return ("⚠ ALREADY CHECKED IN", .verdictWarn)
        case .notAttending: return ("✖ NOT ATTENDING", .verdictError)
        case .unknownCode: return ("✖ UNKNOWN CODE", .verdictError)
        case .otherEvent: return ("✖ OTHER EVENT", .verdictError)
        }
    }

    static func drawVerdict(_ v: ScanVerdict, _ s: ScanState, _ state: AppState, y: Int, height: Int,
                            into buf: inout ScreenBuffer, now: Date) {
        let w = buf.size.width
        let (word, role) = headline(v)
        buf.fill(x: 0, y: y, width: w, height: height, role: role)
        var lines: [String] = []
        let tz = state.timeZone
        let provider = state.event(s.eventId)?.provider
        switch v {
        case .lookingUp(let code):
            lines = [code]
        case .ready(let a), .checkingIn(let a), .checkedIn(let a):
            lines = [person(a)] + noteLine(a) + [details(a)]
            if case .checkedIn = v, let at = a.checkedInAt { lines.append("Checked in \(when(at, tz, now: now))") }
        case .alreadyCheckedIn(let a, let record):
            lines = [person(a)] + noteLine(a) + [details(a)]
            if let at = a.checkedInAt ?? record?.at {
                var text = "First checked in \(when(at, tz, now: now))"
                if let r = record, !r.operatorName.isEmpty, r.operatorName != "PROVIDER" {
                    text += " by \(clean(r.operatorName))"
                }
                text += " " + checkInPlace(source: a.checkInSource, station: record?.station, provider: provider,
                                           desk: state.deskName)
                lines.append(text)
            }
        case .notAttending(let a):
            lines = [person(a)] + noteLine(a) + [details(a)]
            let why = a.providerStatus.map { clean($0) } ?? (a.missingFromProvider ? "no longer on the provider" : "cancelled")
            lines.append("Status: \(why) — Enter twice forces the check-in")
        case .unknownCode(let code):
            lines = ["Code \(code) is not a ticket of \(state.event(s.eventId).map { clean($0.name) } ?? "this event")"]
        case .otherEvent(let code, let name):
            lines = ["Code \(code) belongs to: \(clean(name))", "Not valid for \(state.event(s.eventId).map { clean($0.name) } ?? "this event")"]
        }
        buf.put(truncate(word, w - 4), x: 2, y: y + (height >= 7 ? 1 : 0), role: role)
        var ly = y + (height >= 7 ? 3 : 1)
        for line in lines where ly < y + height {
            buf.put(truncate(line, w - 4), x: 2, y: ly, role: role)
            ly += 1
        }
    }

    /// "Name  ★ VIP" (the badge's name: the desk's correction when there is one).
    static func person(_ a: Attendee) -> String {
        let name = clean(a.badgeName).isEmpty ? "(no name)" : clean(a.badgeName)
        let walkIn = a.isWalkIn ? "  · walk-in" : ""
        return a.vip ? "\(name)  ★ VIP\(walkIn)" : name + walkIn
    }

    /// The attendee's note, right under the name on every verdict (SPEC §13); none without one.
    static func noteLine(_ a: Attendee) -> [String] {
        guard let note = a.notes, !clean(note).isEmpty else { return [] }
        return ["✎ NOTE: " + clean(note)]
    }

    /// "Ticket · Company".
    static func details(_ a: Attendee) -> String {
        [a.ticketLabel, a.badgeCompany ?? ""].map { clean($0) }.filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
