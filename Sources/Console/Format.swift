import Foundation
import BadgeCore

/// "HH:mm" in the console's time zone.
func clock(_ date: Date, _ tz: TimeZone) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    let c = cal.dateComponents([.hour, .minute], from: date)
    return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
}

/// "2026-12-03" in the console's time zone.
func day(_ date: Date, _ tz: TimeZone) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    let c = cal.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
}

/// "12 s ago", "3 min ago", "2 h ago", "4 d ago".
func ago(_ date: Date?, now: Date) -> String {
    guard let date else { return "never" }
    let s = max(0, Int(now.timeIntervalSince(date)))
    if s < 60 { return "\(s) s ago" }
    if s < 3600 { return "\(s / 60) min ago" }
    if s < 86_400 { return "\(s / 3600) h ago" }
    return "\(s / 86_400) d ago"
}

/// "in 30 s", "in 2 min".
func inTime(_ date: Date, now: Date) -> String {
    let s = max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    return s < 60 ? "\(s) s" : "\(s / 60) min"
}

/// Thousands grouped with a space: "100 000".
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(" ") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// "01:05" minutes:seconds (or "1:02:03" with hours).
func duration(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
    return String(format: "%02d:%02d", s / 60, s % 60)
}

/// A moment for people at a desk: "14:05" today, "3 Dec 14:05" on another day this year,
/// "3 Dec 2025 14:05" in another year (SPEC §10: a time that is not today shows its date).
func when(_ date: Date, _ tz: TimeZone, now: Date) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    let d = cal.dateComponents([.year, .month, .day], from: date)
    let n = cal.dateComponents([.year, .month, .day], from: now)
    let time = clock(date, tz)
    if d == n { return time }
    let month = monthName(d.month)
    let dayPart = "\(d.day ?? 0) \(month)"
    return d.year == n.year ? "\(dayPart) \(time)" : "\(dayPart) \(d.year ?? 0) \(time)"
}

/// "Dec" for 12 (English abbreviations, as the rest of the console's words).
func monthName(_ month: Int?) -> String {
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return names[max(0, min(11, (month ?? 1) - 1))]
}

/// An event's day for a 6-wide column: "3 Dec".
func eventDate(_ date: Date, _ tz: TimeZone) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    let c = cal.dateComponents([.month, .day], from: date)
    return "\(c.day ?? 0) \(monthName(c.month))"
}

/// For a narrow column: "14:05" today, "3 Dec" on another day.
func shortWhen(_ date: Date, _ tz: TimeZone, now: Date) -> String {
    let full = when(date, tz, now: now)
    guard full.count > 5 else { return full }
    return full.split(separator: " ").prefix(2).joined(separator: " ")
}

/// Where a check-in came from, in words: "at this desk", "at desk-2", "on Eventbrite".
func checkInPlace(source: CheckInSource?, station: String?, provider: Provider?, desk: String) -> String {
    if source == .provider || station == "PROVIDER" {
        return "on \(provider?.displayName ?? "the provider")"
    }
    guard let station, !station.isEmpty else { return "at a desk" }
    return station == desk ? "at this desk" : "at \(clean(station))"
}
