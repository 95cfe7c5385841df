import Foundation

/// The database files this process has open through `SQLiteStore`.
///
/// POSIX record locks belong to the process and the file: closing ANY descriptor of a file drops
/// every lock the process holds on it — including SQLite's, taken through another descriptor.
/// SQLite's own connections share one descriptor per file, but `DatabaseFile.checkHeader` reads
/// the header through a plain descriptor and closes it. So the header is only checked for a
/// file this process does not have open already (a file that is open passed the check and is
/// being used by SQLite).
final class OpenDatabases: @unchecked Sendable {
    static let shared = OpenDatabases()

    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    /// The path with symlinks and `..` resolved, so two spellings of one file are one key.
    static func key(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &buffer) != nil else { return (path as NSString).standardizingPath }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func isOpen(_ key: String) -> Bool { lock.withLock { counts[key, default: 0] > 0 } }

    func opened(_ key: String) { lock.withLock { counts[key, default: 0] += 1 } }

    func closed(_ key: String) {
        lock.withLock {
            let left = counts[key, default: 0] - 1
            counts[key] = left > 0 ? left : nil
        }
    }
}
