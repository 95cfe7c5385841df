import BadgeCore
import Testing

/// Issue #17: a sync run's counts add up to the attendees it saw, however often it merged each.
@Suite struct SyncTallyTests {
    @Test func anAttendeeMergedTwiceCountsOnce() {
        var tally = SyncTally()
        tally.record([("a", .added), ("b", .unchanged), ("c", .unchanged), ("d", .updated([.name]))])
        // The closing sweep re-reads a, b and d, and finds c changed meanwhile.
        tally.record([("a", .unchanged), ("b", .unchanged), ("c", .updated([.company])), ("d", .unchanged)])
        let c = tally.counts
        #expect(c == SyncCounts(added: 1, updated: 2, cancelled: 0, unchanged: 1))
        #expect(c.added + c.updated + c.cancelled + c.unchanged == 4)
        #expect(tally.attendeesSeen == 4)
    }

    @Test func theMostTellingChangeWinsInAnyOrder() {
        var first = SyncTally()
        first.record("x", .added)
        first.record("x", .cancelled)
        first.record("y", .updated([.email]))
        first.record("y", .cancelled)
        first.record("z", .unchanged)
        first.record("z", .updated([.name]))
        var reversed = SyncTally()
        reversed.record("z", .updated([.name]))
        reversed.record("z", .unchanged)
        reversed.record("y", .cancelled)
        reversed.record("y", .updated([.email]))
        reversed.record("x", .cancelled)
        reversed.record("x", .added)
        #expect(first.counts == SyncCounts(added: 1, updated: 1, cancelled: 1, unchanged: 0))
        #expect(reversed.counts == first.counts)
    }

    @Test func rowsCancelledOutsideTheMergeAreAddedOnTop() {
        var tally = SyncTally()
        tally.record([("a", .unchanged), ("b", .unchanged)])
        tally.add(SyncCounts(cancelled: 3))
        #expect(tally.counts == SyncCounts(added: 0, updated: 0, cancelled: 3, unchanged: 2))
    }
}
