import Foundation

/// Filtered/sorted index lists and Luma id lookups, shared by every copy of a dataset (so route
/// handlers can work on a snapshot outside the simulator's lock and still reuse the work).
/// Entries carry the event version (or guest count) they were built for; stale ones are rebuilt.
final class DatasetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var queries: [String: (version: Int, indices: [Int32])] = [:]
    private var lookups: [Int: (count: Int, map: [String: Int32])] = [:]

    func indices(_ key: String, version: Int) -> [Int32]? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = queries[key], hit.version == version else { return nil }
        return hit.indices
    }

    func store(_ key: String, version: Int, _ indices: [Int32]) {
        lock.lock()
        defer { lock.unlock() }
        if queries.count > 64 { queries.removeAll(keepingCapacity: true) }
        if let existing = queries[key], existing.version > version { return }
        queries[key] = (version, indices)
    }

    func lookup(event position: Int, count: Int) -> [String: Int32]? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = lookups[position], hit.count == count else { return nil }
        return hit.map
    }

    func storeLookup(event position: Int, count: Int, _ map: [String: Int32]) {
        lock.lock()
        defer { lock.unlock() }
        if let existing = lookups[position], existing.count > count { return }
        lookups[position] = (count, map)
    }
}
