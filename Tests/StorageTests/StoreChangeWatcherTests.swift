import BadgeCore
import Dispatch
import Foundation
import Testing
@testable import Storage
import TestSupport

/// Issue #13 item 5: a commit by another connection (another process, another desk) is seen.
@Suite struct StoreChangeWatcherTests {
    /// Two connections on one file: the console's and, say, a CLI's.
    private func twoConnections(_ dir: TemporaryDirectory) throws -> (SQLiteStore, SQLiteStore, Attendee) {
        let path = dir.file("badge.sqlite")
        let console = try SQLiteStore.open(path: path)
        let event = try console.createEvent(StoreFixtures.event())
        _ = try console.applyPage(eventId: event.id, attendees: (1...3).map { StoreFixtures.person($0) },
                                  checkpoint: nil, now: StoreFixtures.t0)
        let cli = try SQLiteStore.open(path: path)
        let attendee = try #require(try cli.attendee(eventId: event.id, barcode: "BC1"))
        return (console, cli, attendee)
    }

    @Test func anotherConnectionsCommitMovesTheCounterAndOwnWritesDoNot() throws {
        let dir = try TemporaryDirectory()
        let (console, cli, attendee) = try twoConnections(dir)
        let before = try console.externalChangeCounter()
        try console.recordAudit(operatorName: "ada", action: "test", detail: "own write", at: StoreFixtures.t0)
        #expect(try console.externalChangeCounter() == before, "the console's own commit is not an external change")
        _ = try cli.checkIn(attendeeId: attendee.id, action: .checkIn, operatorName: "cli", station: "cli",
                            at: StoreFixtures.t0)
        #expect(try console.externalChangeCounter() != before)
    }

    @Test func theWatcherFiresWithinASecondOfAnotherConnectionsCheckIn() throws {
        let dir = try TemporaryDirectory()
        let (console, cli, attendee) = try twoConnections(dir)
        let fired = DispatchSemaphore(value: 0)
        let watcher = StoreChangeWatcher(store: console) { fired.signal() }
        defer { watcher.stop() }
        // Nothing changed yet: the baseline read is not a change.
        #expect(fired.wait(timeout: .now() + 0.6) == .timedOut)

        let committed = Date()
        _ = try cli.checkIn(attendeeId: attendee.id, action: .checkIn, operatorName: "cli", station: "cli",
                            at: StoreFixtures.t0)
        #expect(fired.wait(timeout: .now() + 5) == .success, "the watcher never saw the other connection's commit")
        #expect(Date().timeIntervalSince(committed) < 1, "seen within a second of the commit")
        // The console's connection now reads the new state.
        #expect(try console.stats(eventId: attendee.eventId).checkedIn == 1)
    }
}
