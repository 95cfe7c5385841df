import Foundation

/// Remembers `AttendeeSearch.normalize` of the non-ASCII words it has seen (issue #18): Unicode
/// folding through Foundation costs tens of thousands of instructions a word, and an import
/// writes a folded search text for every row. Keyed by the word's UTF-8 bytes (String keys hash
/// and compare by canonical equivalence, which costs nearly as much as folding). Bounded: it
/// starts over when full.
final class FoldCache: @unchecked Sendable {
    static let shared = FoldCache()
    static let capacity = 16_384

    private let lock = NSLock()
    private var words: [[UInt8]: [UInt8]] = [:]

    /// Appends the folded `word` (UTF-8) to `out`.
    func appendFolded(_ word: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let key = Array(word)
        lock.lock()
        if let hit = words[key] {
            lock.unlock()
            out.append(contentsOf: hit)
            return
        }
        lock.unlock()
        let folded = Array(AttendeeSearch.normalize(String(decoding: key, as: UTF8.self)).utf8)
        lock.withLock {
            if words.count >= Self.capacity { words.removeAll(keepingCapacity: true) }
            words[key] = folded
        }
        out.append(contentsOf: folded)
    }
}
