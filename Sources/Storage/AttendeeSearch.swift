import BadgeCore
import Foundation

/// Search text normalisation (pure; unit-tested).
///
/// DECISION: search is a case- and accent-insensitive SUBSTRING match: every whitespace-separated
/// term of the search box must occur somewhere in the name, email, company, ticket name or
/// barcode ("ada lov", "velace", "@example", "太郎", "👩🏽‍💻" all work). Each row stores
/// `searchText` (those fields folded and joined by newlines, so a term never spans two fields)
/// and a query scans the covering index (event_id, search_text) with `instr`. Measured against an
/// FTS5 index: FTS made a 100 000-attendee import in 50-row pages about twice as slow (every
/// commit writes and merges FTS segments) and only matched word prefixes, while the scan costs
/// ~10–20 ms per keystroke on 100 000 rows.
enum AttendeeSearch {
    /// Lower-cased, accent- and width-folded text; combining marks dropped, so NFC and NFD
    /// spellings of a name compare equal.
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {  // fast path: ASCII lower-casing only
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    /// The stored search text of an attendee.
    static func searchText(of a: Attendee) -> String {
        [a.name, a.email ?? "", a.company ?? "", a.ticketName ?? "", a.barcode ?? ""]
            .map(fold).joined(separator: "\n")
    }

    /// The folded terms of the search box; empty when there is nothing to search for.
    static func terms(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map { fold(String($0)) }.filter { !$0.isEmpty }
    }
}
