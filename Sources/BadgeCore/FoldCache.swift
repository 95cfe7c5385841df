import Foundation

/// Remembers `AttendeeSearch.normalize` of the non-ASCII words it has seen (issue #18): Unicode
/// folding through Foundation costs tens of thousands of instructions a word, and an import
/// writes a folded search text for every row. Bounded: it starts over when full.
final class FoldCache: @unchecked Sendable {
    static let shared = FoldCache()
    static let capacity = 16_384

    private let lock = NSLock()
    private var words: [Substring: String] = [:]

    func folded(_ word: Substring) -> String {
        if let hit = lock.withLock({ words[word] }) { return hit }
        let folded = AttendeeSearch.normalize(String(word))
        lock.withLock {
            if words.count >= Self.capacity { words.removeAll(keepingCapacity: true) }
            words[word] = folded
        }
        return folded
    }
}
