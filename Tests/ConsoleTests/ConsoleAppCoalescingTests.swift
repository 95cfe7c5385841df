import Testing
import Foundation
import BadgeCore
@testable import Console

/// A batch of background results as the UI loop drains it from its mailbox.
@Suite struct ConsoleAppCoalescingTests {
    @Test func resultsKeepTheirOrder() {
        let batch: [Action] = [.syncStarted(eventId: 1), .tick, .operationFailed("a"), .operationFailed("b"),
                               .dataChanged(eventId: 1)]
        #expect(Action.coalesced(batch) == batch)
    }

    @Test func repeatedReloadsOfOneEventCollapseIntoTheLastOne() {
        let progress = ImportProgress(pagesDone: 3, attendeesSoFar: 300, startedAt: F.now)
        let batch: [Action] = [.dataChanged(eventId: 1), .importProgressed(eventId: 1, progress),
                               .dataChanged(eventId: 2), .dataChanged(eventId: 1), .syncStarted(eventId: 2)]
        #expect(Action.coalesced(batch) == [.importProgressed(eventId: 1, progress), .dataChanged(eventId: 2),
                                            .dataChanged(eventId: 1), .syncStarted(eventId: 2)],
                "the reload comes after everything it must show; other events keep theirs")
    }

    @Test func nothingIsDroppedButDuplicateReloads() {
        let batch: [Action] = [.operationFailed("x"), .operationFailed("x"), .dataChanged(eventId: 7),
                               .dataChanged(eventId: 7), .dataChanged(eventId: 7)]
        #expect(Action.coalesced(batch) == [.operationFailed("x"), .operationFailed("x"), .dataChanged(eventId: 7)])
        #expect(Action.coalesced([]) == [])
    }
}
