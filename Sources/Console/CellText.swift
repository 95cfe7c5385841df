import ScreenKit

/// Table cells that must stay readable when the column is narrow (80×24): statuses get short
/// forms instead of being cut mid-word, and emails keep what tells two people apart.
enum CellText {
    /// The status of someone not attending, in `width` columns after the "✖ " symbol. The
    /// provider's raw status (the card shows it verbatim) becomes a word: "pending_approval" →
    /// "Pending approval", or "Pending" when that does not fit; "Not attending" → "Not going".
    static func notAttending(_ raw: String?, width: Int) -> String {
        let words = (raw ?? "").lowercased()
            .split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
            .joined(separator: " ")
        let (long, short) = labels(words)
        if DisplayWidth.of(long) <= width { return long }
        if let short, DisplayWidth.of(short) <= width { return short }
        return Text.truncate(short ?? long, width: width)
    }

    /// The spelled-out label and its short form for a normalised provider status.
    private static func labels(_ words: String) -> (String, String?) {
        switch words {
        // Eventbrite can close a ticket (refund, cancelled order) whose status still says
        // "Attending": the table must not say "✖ Attending".
        case "", "not attending", "attending", "checked in": return ("Not attending", "Not going")
        case "cancelled", "canceled": return ("Cancelled", nil)
        case "pending approval": return ("Pending approval", "Pending")
        case "waitlist", "waitlisted", "wait list": return ("Waitlist", nil)
        case "transferred": return ("Transferred", "Transfer")
        default:
            let label = words.prefix(1).uppercased() + words.dropFirst()
            let first = words.split(separator: " ").first.map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return (label, first.flatMap { $0 == label ? nil : $0 })
        }
    }

    /// An email in `width` columns. When it must be cut, the start of the local part and the
    /// start of the domain both stay ("maria.g…@globex.c…"): two people of the same name
    /// usually differ in one or the other, and a plain cut keeps only the local part.
    static func email(_ email: String, width: Int) -> String {
        if DisplayWidth.of(email) <= width { return email }
        guard width >= 7, let at = email.lastIndex(of: "@"), at != email.startIndex else {
            return Text.truncate(email, width: width)
        }
        let local = String(email[..<at])
        let domain = String(email[email.index(after: at)...])
        guard !domain.isEmpty else { return Text.truncate(email, width: width) }
        let room = width - 1  // the "@"
        let localWidth = DisplayWidth.of(local), domainWidth = DisplayWidth.of(domain)
        // Half each; a part shorter than its half gives the rest to the other (a short domain
        // such as "ibm.com" stays whole).
        let half = room / 2
        let localRoom: Int
        if domainWidth <= half + 2 {
            localRoom = room - domainWidth
        } else if localWidth <= room - half {
            localRoom = localWidth
        } else {
            localRoom = room - half
        }
        return Text.truncate(local, width: localRoom) + "@" + Text.truncate(domain, width: room - localRoom)
    }
}
