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
    public static func haystack(_ a: Attendee) -> String {
        String(decoding: haystackUTF8(a), as: UTF8.self)
    }

    /// `haystack(a)` as UTF-8, built byte by byte: it runs for every row an import writes.
    public static func haystackUTF8(_ a: Attendee) -> [UInt8] {
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
        return out
    }

    /// `normalize(text)` appended to `out` (ASCII without an intermediate String), after a field
    /// separator when asked; a missing field is an empty one.
    private static func appendNormalized(_ text: String?, to out: inout [UInt8], newLineFirst: Bool = false) {
        if newLineFirst { out.append(0x0A) }
        guard var text else { return }
        text.withUTF8 { bytes in
            var ascii = true
            for unit in bytes where unit >= 0x80 {
                ascii = false
                break
            }
            if ascii {
                for unit in bytes { out.append(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit) }
            } else {
                appendFoldedWords(bytes, to: &out)
            }
        }
    }

    /// `normalize(text)` word by word: names, companies and tickets repeat their words across an
    /// event, so the costly Unicode folding runs once per distinct word (`FoldCache`), not once per
    /// row an import writes. Folding works grapheme cluster by cluster, so cutting at a space
    /// that is a cluster of its own gives the whole field's result (`isWordBreak`).
    static func appendFoldedWords(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || (bytes[i] == 0x20 && isWordBreak(bytes, space: i)) {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if word.allSatisfy({ $0 < 0x80 }) {
                    for unit in word { out.append(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit) }
                } else {
                    FoldCache.shared.appendFolded(word, to: &out)
                }
                if i < bytes.count { out.append(0x20) }
                start = i + 1
            }
            i += 1
        }
    }

    /// Whether the space at `space` is a grapheme cluster of its own: what follows cannot extend
    /// it (a combining mark, ZWJ, emoji modifier or spacing mark would) and what precedes cannot
    /// pull it in (a prepended concatenation mark or preceding repha would). Conservative: any
    /// doubt keeps the two words together, which only costs a cache entry.
    static func isWordBreak(_ bytes: UnsafeBufferPointer<UInt8>, space: Int) -> Bool {
        if space + 1 < bytes.count, bytes[space + 1] >= 0x80 {
            guard let next = scalar(in: bytes, at: space + 1) else { return false }
            let p = next.properties
            switch p.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                if p.isGraphemeExtend || p.isEmojiModifier || next.value == 0x0E33 || next.value == 0x0EB3 { return false }
            default:
                return false
            }
        }
        if space > 0, bytes[space - 1] >= 0x80 {
            var lead = space - 1
            while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let previous = scalar(in: bytes, at: lead) else { return false }
            if previous.properties.generalCategory == .format || previous.value == 0x0D4E
                || (0x11000...0x11FFF).contains(previous.value) { return false }
        }
        return true
    }

    /// The scalar whose UTF-8 sequence starts at `index` (nil when it does not).
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar? {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    public static func matches(_ a: Attendee, query: String) -> Bool {
        let terms = terms(query)
        guard !terms.isEmpty else { return true }
        let hay = haystack(a)
        return terms.allSatisfy { hay.contains($0) }
    }
}
