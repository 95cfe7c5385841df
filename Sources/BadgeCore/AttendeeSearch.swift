import Foundation

/// Search matching of SPEC §3 (name, email, company, ticket, barcode, corrected name and company) as one pure rule, used by the
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
    /// Built byte by byte: it runs for every row an import writes.
    public static func haystack(_ a: Attendee) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(a.name.utf8.count + (a.email?.utf8.count ?? 0) + (a.company?.utf8.count ?? 0) + 48)
        appendNormalized(a.name, to: &out)
        appendNormalized(a.email, to: &out, newLineFirst: true)
        appendNormalized(a.company, to: &out, newLineFirst: true)
        appendNormalized(a.ticketName, to: &out, newLineFirst: true)
        appendNormalized(a.barcode, to: &out, newLineFirst: true)
        // Badge corrections are searchable too (the provider's spelling still finds the person).
        if let n = a.corrections.name { appendNormalized(n, to: &out, newLineFirst: true) }
        if let c = a.corrections.company { appendNormalized(c, to: &out, newLineFirst: true) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `normalize(text)` appended to `out` (ASCII without an intermediate String), after a field
    /// separator when asked; a missing field is an empty one.
    private static func appendNormalized(_ text: String?, to out: inout [UInt8], newLineFirst: Bool = false) {
        if newLineFirst { out.append(0x0A) }
        guard let text else { return }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for unit in text.utf8 { out.append(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit) }
        } else {
            out.append(contentsOf: normalize(text).utf8)
        }
    }

    public static func matches(_ a: Attendee, query: String) -> Bool {
        let terms = terms(query)
        guard !terms.isEmpty else { return true }
        let hay = haystack(a)
        return terms.allSatisfy { hay.contains($0) }
    }
}
