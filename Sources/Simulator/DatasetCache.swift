import Foundation

/// Filtered/sorted index lists, Luma id lookups and each item's encoded JSON, shared by every copy
/// of a dataset (so route handlers can work on a snapshot outside the simulator's lock and still
/// reuse the work).
/// Entries carry the event version (or guest count) they were built for; stale ones are rebuilt.
final class DatasetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var queries: [String: (version: Int, indices: [Int32])] = [:]
    private var lookups: [Int: (count: Int, map: [String: Int32])] = [:]
    private var rendered: [RenderKey: (version: Int, items: [String?])] = [:]

    /// The JSON shapes whose per-item text is kept (orders are indexed by order, the rest by attendee).
    enum Shape: Int { case eventbriteAttendee, eventbriteOrder, eventbriteOrderExpanded, lumaGuest, lumaLegacyEntry }

    private struct RenderKey: Hashable {
        var event: Int
        var shape: Shape
    }

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

    /// The encoded JSON of one attendee in `shape`, when it was rendered at this event version.
    ///
    /// A provider's server answers from its own storage; what the simulator spends encoding the
    /// same unchanged attendee again is not something a client could ever see, yet on a 2-core
    /// machine it competes with the client being measured. Every mutation bumps the event's
    /// version, which drops that event's texts, so a response never differs from a fresh render.
    func rendered(event position: Int, shape: Shape, index: Int, version: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = rendered[RenderKey(event: position, shape: shape)], hit.version == version,
              index < hit.items.count else { return nil }
        return hit.items[index]
    }

    func storeRendered(event position: Int, shape: Shape, index: Int, version: Int, count: Int, _ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let key = RenderKey(event: position, shape: shape)
        if let hit = rendered[key], hit.version > version { return }
        if rendered[key]?.version != version || (rendered[key]?.items.count ?? 0) != count {
            rendered[key] = (version, Array(repeating: nil, count: count))
        }
        guard index < count else { return }
        rendered[key]!.items[index] = text
    }
}
