import Foundation

/// Search matching of SPEC §3 (name, email, company, ticket, barcode) as a pure rule. The store
/// implements the same rule in SQL; this is the reference the tests compare it with.
public enum AttendeeSearch {
    /// Lower-cases and strips diacritics so "jose" finds "José" and "ЖЕНЯ" finds "Женя".
    public static func normalize(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Splits a query into terms; every term must match some field (AND), each as a substring.
    public static func terms(_ query: String) -> [String] {
        normalize(query).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// The text searched for an attendee, normalised, fields separated by a newline.
    public static func haystack(_ a: Attendee) -> String {
        [a.name, a.email ?? "", a.company ?? "", a.ticketName ?? "", a.barcode ?? ""]
            .map(normalize).joined(separator: "\n")
    }

    public static func matches(_ a: Attendee, query: String) -> Bool {
        let terms = terms(query)
        guard !terms.isEmpty else { return true }
        let hay = haystack(a)
        return terms.allSatisfy { hay.contains($0) }
    }
}
