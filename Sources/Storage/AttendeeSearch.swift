import Foundation

/// Turns the search box text into an FTS5 query (pure; unit-tested).
///
/// DECISION: search is token-prefix, case- and accent-insensitive: every whitespace-separated
/// term must begin a word of the name, email, company, ticket name or barcode ("ada lov" finds
/// "Ada Lovelace", "exam" finds "ada@example.com"). It runs on the FTS5 index, so it stays fast on
/// 100 000 rows. A term with punctuation inside is a phrase ("ada@ex" = "ada" then a word
/// starting "ex"). Text with no letters or digits at all (e.g. only emoji) falls back to a plain
/// substring scan, `substringNeedle`.
enum AttendeeSearch {
    /// The FTS5 MATCH expression, or nil when the text has no searchable terms.
    static func ftsQuery(_ text: String) -> String? {
        let terms = text.split(whereSeparator: { $0.isWhitespace })
            .filter { term in term.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The trimmed text for the substring fallback, or nil when it is empty (no search).
    static func substringNeedle(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
