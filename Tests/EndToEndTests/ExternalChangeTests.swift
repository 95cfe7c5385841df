import BadgeCore
import Dispatch
import Foundation
import Storage
import Testing

/// Issue #13 item 5: the console's store connection notices another process's check-in (the
/// console forwards the watcher's signal into its notification pump, which reloads rows and
/// statistics like a sync change does).
@Suite struct ExternalChangeTests {
    @Test func aCheckInByAnotherProcessIsSeenWithinASecond() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let eventId = try SeededDatabase.create(at: db)
        let console = try SQLiteStore.open(path: db)
        #expect(try console.stats(eventId: eventId).checkedIn == 1)

        let changes = DispatchSemaphore(value: 0)
        let watcher = StoreChangeWatcher(store: console) { changes.signal() }
        defer { watcher.stop() }

        let result = try badge.run(["checkin", SeededDatabase.qualifiedId, "A1", "--db", db, "--operator", "cli"])
        let exited = Date()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(changes.wait(timeout: .now() + 5) == .success, "the other process's commit was never noticed")
        #expect(Date().timeIntervalSince(exited) < 1, "noticed within a second")
        #expect(try console.stats(eventId: eventId).checkedIn == 2, "the console's connection reads the new count")
    }
}
