import Foundation

/// Picks the badge template for an attendee (SPEC §6). Pure domain logic so the console, the CLI
/// and the printer agree on which variant a person gets.
///
/// Order: the VIP variant (only when the attendee is VIP) → the first non-VIP variant whose ticket
/// names include the attendee's `ticketName` (trimmed, case-insensitive, exact otherwise) → the
/// Default template (no ticket names, not VIP) → `nil`. Ties go to the earliest template in the
/// array, so callers pass templates in a stable order (e.g. by id).
public enum TemplateSelector {
    public static func select(for attendee: Attendee, from templates: [BadgeTemplate]) -> BadgeTemplate? {
        if attendee.vip, let vip = templates.first(where: { $0.isVIPVariant }) {
            return vip
        }
        if let ticket = normalized(attendee.ticketName), !ticket.isEmpty {
            let variant = templates.first { template in
                !template.isVIPVariant
                    && template.ticketNames.contains { normalized($0) == ticket }
            }
            if let variant { return variant }
        }
        return templates.first { $0.isDefault }
    }

    /// Ticket-name key used for matching: whitespace trimmed, lower-cased.
    static func normalized(_ ticketName: String?) -> String? {
        ticketName?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
