import Foundation
import BadgeCore
import ScreenKit

/// The self check-in kiosk (SPEC §13), seen by attendees: large, centred, one person at a time.
/// It shows no one's data but the person who scanned their ticket or typed their own last name
/// and email — name, ticket and company, the email masked — and never a list of candidates.
enum KioskView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        guard let k = state.kiosk else { return }
        let w = buf.size.width
        let eventName = state.event(k.eventId).map { clean($0.name) } ?? "the event"
        buf.bar(y: 0, left: "Self check-in — \(eventName)", right: "KIOSK", role: .title)
        let top = max(3, (buf.size.height - 16) / 2)
        switch k.phase {
        case .welcome:
            center("Welcome to \(eventName)", y: top, role: .header, into: &buf)
            center("Scan the barcode or QR code on your ticket", y: top + 3, into: &buf)
            center("— or —", y: top + 5, role: .dim, into: &buf)
            center("press Enter to find your registration by last name and email", y: top + 7, into: &buf)
        case .form:
            center("Find your registration", y: top, role: .header, into: &buf)
            let fw = min(48, w - 20)
            let x = (w - fw - 12) / 2
            inputField("Last name", k.lastName, focused: k.field == .lastName, x: x, y: top + 3, width: fw, into: &buf)
            inputField("Email", k.email, focused: k.field == .email, x: x, y: top + 5, width: fw, into: &buf)
            center("Both must match your registration.", y: top + 8, role: .dim, into: &buf)
            center("Tab: next field · Enter: find · Esc: start over", y: top + 9, role: .dim, into: &buf)
        case .lookingUp:
            center("… Looking up your registration", y: top + 3, role: .header, into: &buf)
        case .confirm(let a):
            center("Is this you?", y: top, role: .header, into: &buf)
            card(a, state, y: top + 2, into: &buf)
            center("[Enter] Print my badge & check in", y: top + 9, role: .button, into: &buf)
            center("[Esc] Not me — start over", y: top + 11, role: .keyHint, into: &buf)
        case .checkingIn(let a):
            center("… Checking you in", y: top, role: .header, into: &buf)
            card(a, state, y: top + 2, into: &buf)
        case .done(let a):
            let band = top
            buf.fill(x: 0, y: band, width: w, height: 3, role: .verdictOK)
            center("✔ You are checked in — welcome, \(firstName(a))!", y: band + 1, role: .verdictOK, into: &buf)
            card(a, state, y: top + 4, into: &buf)
            if let note = k.printNote {
                let role: Role = note.hasPrefix("✖") ? .statusError : .normal
                center(clean(note), y: top + 11, role: role, into: &buf)
            }
        case .askAtDesk(let why):
            buf.fill(x: 0, y: top, width: w, height: 3, role: .verdictWarn)
            center("▲ \(why.headline)", y: top + 1, role: .verdictWarn, into: &buf)
            center("Please ask at the desk — our staff will help you.", y: top + 5, into: &buf)
            center("[Enter] Start over", y: top + 8, role: .keyHint, into: &buf)
        }
        // The person's own badge as it will print, beside their card (level with it).
        if let preview = k.preview, preview.attendeeId == k.attendee?.id, preview.fits(BadgePreview.kioskBox(for: buf.size)) {
            let cardRight = (w - min(60, w - 8)) / 2 + min(60, w - 8)
            let right = min(w - 1, cardRight + 3 + BadgePreview.innerWidth(preview) + 2)
            var y = BadgePreview.kioskTop(for: buf.size)
            if case .done = k.phase { y += 2 }  // the card sits under the "checked in" band
            BadgePreview.draw(preview, right: right, y: y, into: &buf)
        }
        // What happens next, in words (the idle reset).
        let y = buf.size.height - 3
        if k.isAtRest {
            center("Your details are shown only to you, and cleared when you are done.", y: y, role: .dim, into: &buf)
        } else {
            let left = max(0, Int((k.idleSeconds - now.timeIntervalSince(k.lastActivity)).rounded(.up)))
            center("Starting over in \(left) s without a key", y: y, role: .dim, into: &buf)
        }
    }

    /// The person's own badge info: name, ticket, company, masked email.
    static func card(_ a: Attendee, _ state: AppState, y: Int, into buf: inout ScreenBuffer) {
        let w = buf.size.width
        let bw = min(60, w - 8)
        let x = (w - bw) / 2
        buf.box(x: x, y: y, width: bw, height: 6)
        let name = clean(a.name).isEmpty ? "(no name)" : clean(a.name)
        buf.put(truncate(name, bw - 4), x: x + 2, y: y + 1, role: .header)
        let rows: [(String, String)] = [
            ("Ticket", clean(a.ticketLabel)),
            ("Company", clean(a.company ?? "")),
            ("Email", clean(EmailMask.mask(a.email ?? ""))),
        ]
        var ry = y + 2
        for (label, value) in rows {
            let lx = buf.put(label, x: x + 2, y: ry, role: .dim)
            _ = lx
            buf.put(truncate(value.isEmpty ? "—" : value, bw - 15), x: x + 12, y: ry)
            ry += 1
        }
    }

    static func firstName(_ a: Attendee) -> String {
        let first = a.firstName.map { clean($0) } ?? ""
        if !first.isEmpty { return first }
        return clean(a.name).split(separator: " ").first.map(String.init) ?? clean(a.name)
    }

    static func inputField(_ label: String, _ value: String, focused: Bool, x: Int, y: Int, width: Int,
                           into buf: inout ScreenBuffer) {
        buf.put(label, x: x, y: y, role: focused ? .header : .dim)
        let fx = x + 12
        buf.fill(x: fx, y: y, width: width, height: 1, role: .input)
        let shown = clean(value)
        let room = width - 1
        let tail = DisplayWidth.of(shown) > room ? "…" + String(shown.suffix(max(0, room - 2))) : shown
        buf.put(field(tail, focused: focused), x: fx, y: y, role: .input)
    }

    static func center(_ text: String, y: Int, role: Role = .normal, into buf: inout ScreenBuffer) {
        let t = truncate(text, buf.size.width - 4)
        buf.put(t, x: max(2, (buf.size.width - DisplayWidth.of(t)) / 2), y: y, role: role)
    }
}
