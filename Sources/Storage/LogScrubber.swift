import Foundation

/// Takes personal values out of the log file after a purge (issue #17, SPEC §13): a failed
/// `badge checkin` logs "Ada Lovelace is already checked in…", a Luma warning names a guest id.
/// Each occurrence of a value becomes `[purged]`; the rest of the line (time, level, what
/// happened) stays.
///
/// Matching is by word so a 2 MB log against thousands of attendees stays fast: every value is
/// filed under its longest word, a line is checked only against the values filed under its own
/// words, and a candidate is confirmed with a plain substring test.
public struct LogScrubber: Sendable {
    private var byWord: [String: [String]] = [:]

    /// `values`: names, emails, barcodes, provider ids… Values under 3 bytes are ignored (they
    /// would match ordinary text).
    public init<S: Sequence>(values: S) where S.Element == String {
        for raw in Set(values) {
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard value.utf8.count >= 3,
                  let word = Self.words(value).max(by: { $0.utf8.count < $1.utf8.count }) else { continue }
            byWord[word, default: []].append(value)
        }
        for key in byWord.keys { byWord[key]?.sort { $0.utf8.count > $1.utf8.count } }
    }

    public var isEmpty: Bool { byWord.isEmpty }

    /// The words of a text: split at whitespace, punctuation trimmed from both ends.
    static func words(_ text: String) -> [String] {
        let edge = CharacterSet.alphanumerics.inverted
        return text.split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: edge) }
            .filter { !$0.isEmpty }
    }

    /// The line with every value it quotes replaced, or nil when it quotes none.
    public func redact(_ line: String) -> String? {
        var result = line
        var changed = false
        for word in Set(Self.words(line)) {
            for value in byWord[word] ?? [] where result.contains(value) {
                result = result.replacingOccurrences(of: value, with: SQLiteStore.purgedMarker)
                changed = true
            }
        }
        return changed ? result : nil
    }

    /// Rewrites `path` and its rotated `path.1` in place (writers appending to them keep their
    /// descriptors), only when a line changes; returns how many lines were redacted.
    @discardableResult
    public func scrub(logAt path: String) throws -> Int {
        guard !isEmpty else { return 0 }
        var total = 0
        for file in [path, path + ".1"] {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            var redacted = 0
            for i in lines.indices {
                if let clean = redact(lines[i]) { lines[i] = clean; redacted += 1 }
            }
            guard redacted > 0 else { continue }
            guard let handle = FileHandle(forWritingAtPath: file) else {
                throw StorageError.cannotOpen(path: file, reason: "cannot rewrite the log")
            }
            defer { try? handle.close() }
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(lines.joined(separator: "\n").utf8))
            try handle.synchronize()
            total += redacted
        }
        return total
    }
}
