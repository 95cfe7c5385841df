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

    /// An email in `width` columns. When it must be cut, the domain is cut first (its start
    /// stays: "@co…"), and a local part that still does not fit is cut in the middle so its END
    /// stays — where "aarav.reddy184" and "aarav.reddy17" differ ("aarav…y184@co…" /
    /// "aarav…dy17@ma…"); a short domain ("ibm.com") stays whole (issue #17: cutting both parts
    /// at their end made same-named people look alike).
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
        if localWidth + min(domainWidth, 3) <= room {
            return local + "@" + Text.truncate(domain, width: room - localWidth)
        }
        let domainRoom = domainWidth <= 7 && room - domainWidth >= 6 ? domainWidth : min(domainWidth, 3)
        let localRoom = room - domainRoom
        return Text.truncateMiddle(local, width: localRoom, tail: localRoom / 2) + "@"
            + Text.truncate(domain, width: domainRoom)
    }
}
