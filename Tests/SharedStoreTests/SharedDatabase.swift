import BadgeCore
import Foundation
import PostgresStore
import Storage
import TestSupport

/// One test's database on a PostgreSQL server (the shared test server, or a private cluster the
/// test may break): the badge schema (`badge db init`), one ACTIVE event of `attendees` people,
/// and desk stores on it. The database is dropped when the value goes away.
final class SharedDatabase: @unchecked Sendable {
    let url: String
    /// The seeded event (nil when the test imports its own).
    let event: Event?
    var eventId: Int64 { event?.id ?? 0 }
    /// The event's attendee ids, ascending.
    let attendeeIds: [Int64]
    private let drop: @Sendable () -> Void

    /// `attendees` nil: the schema only, no event.
    private init(url: String, attendees: Int?, drop: @escaping @Sendable () -> Void) throws {
        self.url = url
        self.drop = drop
        let setup = try PostgresStore.open(url: url, options: .init(desk: "setup", migrate: true, listen: false))
        guard let attendees else {
            event = nil
            attendeeIds = []
            return
        }
        let event = try setup.createEvent(Event(provider: .eventbrite, externalId: "E-desks", name: "Several desks",
                                                syncStatus: .active, accessCode: "ABC123"))
        self.event = event
        if attendees > 0 {
            _ = try setup.applyPage(eventId: event.id, attendees: (0..<attendees).map(Self.person), checkpoint: nil,
                                    now: Date())
        }
        attendeeIds = try setup.attendees(AttendeeQuery(eventId: event.id, limit: 1_000_000)).map(\.id).sorted()
    }

    deinit { drop() }

    /// A database on the shared test server; nil (skipped, said loudly) without PostgreSQL.
    static func onTestServer(_ what: String, attendees: Int?) throws -> SharedDatabase? {
        guard let server = try PostgresTestServer.requireOrSkip(what) else { return nil }
        let url = try server.createDatabase("desks")
        return try SharedDatabase(url: url, attendees: attendees) { try? server.dropDatabase(url: url) }
    }

    /// A database in a private cluster (the cluster goes with the test).
    static func on(_ cluster: PostgresTestCluster, attendees: Int) throws -> SharedDatabase {
        let url = try cluster.createDatabase("desks")
        return try SharedDatabase(url: url, attendees: attendees) {}
    }

    /// A desk: its own store (its own server connections), named `name`.
    func desk(_ name: String, listen: Bool = false, reconnectWindow: TimeInterval = 8) throws -> PostgresStore {
        try PostgresStore.open(url: url, options: .init(desk: name, reconnectWindow: reconnectWindow, listen: listen))
    }

    /// Runs SQL in this database through psql (a connection of no desk); rows one a line.
    @discardableResult
    func psql(_ sql: String) throws -> String { try PostgresTestServer.psql(sql, url: url) }

    /// `attendee_id|count|station` of every CHECK_IN row, grouped by attendee.
    func checkInRows() throws -> [Int64: (count: Int, station: String)] {
        let text = try psql("""
            SELECT attendee_id, count(*), min(station) FROM checkins WHERE action = 'CHECK_IN' GROUP BY attendee_id
            """)
        var rows: [Int64: (count: Int, station: String)] = [:]
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, let id = Int64(cells[0]), let n = Int(cells[1]) else { continue }
            rows[id] = (n, cells[2])
        }
        return rows
    }

    /// How many attendees of the event are checked in now.
    func checkedInCount() throws -> Int {
        Int(try psql("SELECT count(*) FROM attendees WHERE checked_in_at IS NOT NULL")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    static func person(_ n: Int) -> ProviderAttendee {
        ProviderAttendee(providerAttendeeId: "A\(n)", orderId: "O\(n)", name: "Person \(n)", firstName: "Person",
                         lastName: "\(n)", email: "p\(n)@example.com", company: "Corp", jobTitle: "Engineer",
                         ticketName: "General", barcode: "BC\(n)", status: .attending, providerStatus: "Attending",
                         checkedInAt: nil, changedAt: Date(timeIntervalSince1970: 1_750_000_000))
    }
}

/// Waits (polling) until `condition` holds or `seconds` pass; returns whether it held.
func eventually(_ seconds: TimeInterval, every interval: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return try condition()
}

/// A value several threads write and the test reads (under a lock).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
    var current: Value { withLock { $0 } }
}

/// Runs `body(i)` for i in 0..<count on `count` real threads at once (not a pool of core-count
/// width: eight desks are eight concurrent clients even on two cores), and waits for all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    let start = DispatchSemaphore(value: 0)
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            start.wait()
            body(i)
            group.leave()
        }
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    group.wait()
}

/// A small deterministic generator (SplitMix64) for reproducible shuffles.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `eventually` for async tests: waits with `Task.sleep`, never blocking a cooperative thread.
func eventuallyAsync(_ seconds: TimeInterval, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return try condition()
}
