import Foundation
import Storage

/// A fresh SQLite store in its own temporary directory, removed by `remove()`.
final class TempStore: @unchecked Sendable {
    let dir: String
    let path: String
    let store: SQLiteStore

    init() throws {
        dir = NSTemporaryDirectory() + "badge-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/badge.sqlite"
        store = try SQLiteStore.open(path: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
