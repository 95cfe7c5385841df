import BadgeCore
import ScreenKit

/// `badge attendees EVENT --csv` (SPEC §5): RFC 4180 with CRLF, a header row, check-in time,
/// VIP, print count, the badge's corrected values, notes and whether the row is a walk-in. Every cell goes through the one CSV sanitiser, so provider text cannot
/// inject formulas or control sequences.
enum CSVOutput {
    static let header = [
        "id", "provider_attendee_id", "name", "first_name", "last_name", "email", "company",
        "job_title", "ticket", "status", "provider_status", "vip", "checked_in_at",
        "check_in_source", "print_count", "barcode", "order_id",
        // SPEC §13: what the badge shows (the desk's corrections applied), notes, walk-ins.
        "badge_name", "badge_company", "badge_job_title", "pronouns", "notes", "walk_in",
    ]

    static let lineEnd = "\r\n"

    /// The one place CSV cells are quoted.
    static func field(_ text: String) -> String { Sanitizer.csvField(text) }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + lineEnd
    }

    static func headerRecord() -> String { record(header) }

    static func row(_ a: Attendee) -> String {
        record([
            String(a.id), a.providerAttendeeId, a.name, a.firstName ?? "", a.lastName ?? "",
            a.email ?? "", a.company ?? "", a.jobTitle ?? "", a.ticketLabel, a.status.rawValue,
            a.providerStatus ?? "", a.vip ? "yes" : "no", a.checkedInAt.map(ISO8601.format) ?? "",
            a.checkInSource?.rawValue ?? "", String(a.printCount), a.barcode ?? "", a.orderId ?? "",
            a.badgeName, a.badgeCompany ?? "", a.badgeJobTitle ?? "", a.pronouns ?? "", a.notes ?? "",
            a.isWalkIn ? "yes" : "no",
        ])
    }
}
