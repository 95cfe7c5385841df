import Foundation

/// Search matching of SPEC §3 (name, email, company, ticket, barcode) as one pure rule, used by the
/// store (which keeps `haystack` folded in a column and matches `terms` with `instr`) and by tests
/// as the reference.
///
/// A case-, accent- and width-insensitive SUBSTRING match: every whitespace-separated term must
/// occur somewhere in one of the fields ("ada lov", "velace", "@example", "太郎" all work). Fields
/// are joined by newlines so a term never spans two fields.
public enum AttendeeSearch {
    /// Lower-cased, accent- and width-folded text; combining marks dropped, so NFC and NFD
    /// spellings compare equal ("jose" finds "José", "abc" finds "ＡＢＣ").
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {  // fast path: ASCII lower-casing only
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    /// The folded terms of a query; empty when there is nothing to search for.
    public static func terms(_ query: String) -> [String] {
        query.split(whereSeparator: { $0.isWhitespace }).map { normalize(String($0)) }.filter { !$0.isEmpty }
    }

    /// The folded text searched for an attendee, fields separated by a newline.
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
