import Foundation
import Storage

/// SPEC §11 "One poller per event", "Desk identity".
///
/// Leadership is a session advisory lock per event, held on a connection of its own (`PGLeases`):
/// the server releases it when that connection ends for any reason — the desk quit, was killed,
/// lost the network (server-side keepalives notice in seconds) — and the next desk to ask takes
/// over. Who leads is read from `pg_locks` and the holder's `application_name` ("badge DESK"), so
/// no row can go stale. Desks online are the sessions listening to the change feed.
extension PostgresStore: SyncCoordinator {
    public var deskName: String { options.desk }

    /// The first key of every leadership lock ("ba"); the second is the event id.
    static let leaseClass: Int32 = 0x6261

    public func leadSync(eventId: Int64) throws -> Bool {
        try leases.lead(Int32(truncatingIfNeeded: eventId))
    }

    public func releaseSync(eventId: Int64) {
        leases.release(Int32(truncatingIfNeeded: eventId))
    }

    public func syncLeader(eventId: Int64) throws -> String? {
        try syncLeaders()[eventId]
    }

    /// Every event's leader in one query (the header asks once a second).
    public func syncLeaders() throws -> [Int64: String] {
        try read { c in
            let r = try c.query("""
                SELECT l.objid::bigint, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database
                    WHERE datname = current_database())
                  AND l.classid = $1 AND l.objsubid = 2
                """, [.integer(Int64(Self.leaseClass))])
            var leaders: [Int64: String] = [:]
            for i in 0..<r.count {
                if let desk = Self.desk(fromApplicationName: r.text(i, 1)) { leaders[r.int64(i, 0)] = desk }
            }
            return leaders
        }
    }

    public func requestResync(eventId: Int64) throws {
        try write { c in
            try c.query("""
                INSERT INTO resync_requests (event_id, requested_by, requested_at) VALUES ($1, $2, $3)
                ON CONFLICT (event_id) DO UPDATE SET requested_by = excluded.requested_by,
                    requested_at = excluded.requested_at
                """, [.integer(eventId), .text(options.desk), Self.date(Date())])
        }
    }

    public func takeResyncRequest(eventId: Int64) throws -> Bool {
        try write { c in
            try c.query("DELETE FROM resync_requests WHERE event_id = $1", [.integer(eventId)]).changes > 0
        }
    }

    public func desksOnline() throws -> [String] {
        try read { c in
            let r = try c.query("""
                SELECT DISTINCT application_name FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE 'badge % (feed)'
                """)
            return Set((0..<r.count).compactMap { Self.desk(fromApplicationName: r.text($0, 0)) }).sorted()
        }
    }

    /// "badge door-a (feed)" → "door-a". PostgreSQL keeps 63 bytes of an application name.
    static func desk(fromApplicationName name: String) -> String? {
        guard name.hasPrefix("badge ") else { return nil }
        var desk = String(name.dropFirst("badge ".count))
        if desk.hasSuffix(" (feed)") { desk = String(desk.dropLast(" (feed)".count)) }
        if desk.hasSuffix(" (lease)") { desk = String(desk.dropLast(" (lease)".count)) }
        return desk.isEmpty ? nil : desk
    }
}

/// The connection that holds this desk's leadership locks, and which ones it holds.
final class PGLeases: @unchecked Sendable {
    private let lock = NSLock()
    private let url: String
    private let applicationName: String
    private var connection: PGConnection?
    private var held: Set<Int32> = []

    init(url: String, applicationName: String) {
        self.url = url
        self.applicationName = applicationName
    }

    /// True while this desk leads `key`. A broken connection lost every lock it held: they are
    /// asked for again on a new one (another desk may have taken them meanwhile).
    func lead(_ key: Int32) throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let connection, !connection.isHealthy {
            self.connection = nil
            held = []
        }
        let c: PGConnection
        if let connection {
            c = connection
        } else {
            c = try PGConnection(url: url, applicationName: applicationName)
            connection = c
            held = []
        }
        do {
            if held.contains(key) {
                // Still ours as long as the connection lives; a cheap round trip proves it does.
                try c.query("SELECT 1")
                return true
            }
            let r = try c.query("SELECT pg_try_advisory_lock($1::int, $2::int)",
                                [.integer(Int64(PostgresStore.leaseClass)), .integer(Int64(key))])
            if r.bool(0, 0) { held.insert(key) }
            return r.bool(0, 0)
        } catch {
            connection = nil
            held = []
            throw error
        }
    }

    func release(_ key: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard held.contains(key), let connection else { return }
        _ = try? connection.query("SELECT pg_advisory_unlock($1::int, $2::int)",
                                  [.integer(Int64(PostgresStore.leaseClass)), .integer(Int64(key))])
        held.remove(key)
    }

    func releaseAll() {
        lock.lock()
        defer { lock.unlock() }
        connection = nil  // closing the connection releases every lock
        held = []
    }
}
