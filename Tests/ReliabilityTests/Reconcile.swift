import BadgeCore
import Foundation

/// "Nothing lost, nothing invented": compares the rows of an event with the provider's view.
enum Reconcile {
    /// Human-readable differences (at most a few of each kind), empty when rows and provider agree
    /// on the set of ids (no duplicates), names and statuses.
    static func mismatches(rows: [Attendee], provider: [String: ProviderAttendee], limit: Int = 5) -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        let duplicates = rows.filter { !seen.insert($0.providerAttendeeId).inserted }.map(\.providerAttendeeId)
        if !duplicates.isEmpty { problems.append("\(duplicates.count) duplicate rows, e.g. \(duplicates.prefix(limit))") }
        let missing = Set(provider.keys).subtracting(seen)
        if !missing.isEmpty { problems.append("\(missing.count) provider attendees missing, e.g. \(missing.sorted().prefix(limit))") }
        let extra = seen.subtracting(provider.keys)
        if !extra.isEmpty { problems.append("\(extra.count) rows the provider does not have, e.g. \(extra.sorted().prefix(limit))") }
        var wrong: [String] = []
        for row in rows {
            guard let p = provider[row.providerAttendeeId] else { continue }
            if row.name != p.name { wrong.append("\(row.providerAttendeeId) name '\(row.name)' ≠ '\(p.name)'") }
            if row.status != p.status { wrong.append("\(row.providerAttendeeId) status \(row.status) ≠ \(p.status)") }
        }
        if !wrong.isEmpty { problems.append("\(wrong.count) rows differ: \(wrong.prefix(limit))") }
        return problems
    }
}
