import BadgeCore
import Foundation
import Storage
import Testing

/// `externalChangeCounter`: another store instance's commit moves it, this store's own writes do
/// not. On PostgreSQL the news arrives asynchronously (a notification), so the test waits for it.
@Suite struct ChangeFeedContractTests {
    typealias F = ContractFixtures

    /// Polls until the counter differs from `old` (a generous deadline: this is not a timing test).
    private func awaitChange(_ store: any BadgeStore, from old: Int64) throws -> Int64? {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let now = try store.externalChangeCounter()
            if now != old { return now }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    @Test(arguments: StoreKind.allCases)
    func anotherInstancesCommitMovesTheCounterAndOwnWritesDoNot(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...3).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let other = try c.another()
        let id = try #require(try other.attendee(eventId: event.id, barcode: "BC1")).id
        let before = try store.externalChangeCounter()

        // This store's own writes of every kind.
        try store.recordAudit(operatorName: "ada", action: "test", detail: "own write", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
        try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(4)], checkpoint: nil, now: F.t0)
        try store.setSyncStatus(eventId: event.id, .active, error: nil)
        #expect(try store.externalChangeCounter() == before, "own commits are not external changes")

        // One commit by the other instance, announcing one change.
        try other.setSyncStatus(eventId: event.id, .failed, error: "from the other desk")
        let after = try #require(try awaitChange(store, from: before), "the other instance's commit was never seen")
        if kind == .postgres {
            // Notifications arrive in commit order: by the time the other desk's is counted, this
            // store's own were read and ignored, or the counter would have moved more than once.
            #expect(after == before + 1, "own writes were counted as external")
        }
        #expect(try store.event(id: event.id)?.lastError == "from the other desk", "the new state is readable")

        // And a check-in by the other desk (the case the console reloads for).
        let a2 = try #require(try other.attendee(eventId: event.id, barcode: "BC2")).id
        _ = try other.checkIn(attendeeId: a2, action: .checkIn, operatorName: "bo", station: "side", at: F.t0)
        #expect(try awaitChange(store, from: after) != nil)
        #expect(try store.stats(eventId: event.id).checkedIn == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func searchSeesAnotherInstancesWrites(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...20).map { F.person($0) }, checkpoint: nil, now: F.t0)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "person")) == 20, "index loaded")
        let other = try c.another()
        let before = try store.externalChangeCounter()
        var renamed = F.person(5)
        renamed.name = "Quentin Renamed"
        _ = try other.applyPage(eventId: event.id, attendees: [renamed, F.person(21)], checkpoint: nil, now: F.t0)
        let id = try #require(try other.attendee(eventId: event.id, providerAttendeeId: "A7")).id
        _ = try other.checkIn(attendeeId: id, action: .checkIn, operatorName: "bo", station: "s", at: F.t0)
        _ = try #require(try awaitChange(store, from: before), "the other instance's commit was never seen")
        // The counter may move once per change: wait until the search agrees (it reloads when it moves).
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline,
              try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .checkedIn, search: "person")) != 1 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "quentin")).map(\.providerAttendeeId) == ["A5"])
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "person")) == 20)
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, filter: .checkedIn, search: "person"))
            .map(\.providerAttendeeId) == ["A7"])
    }
}

extension ChangeFeedContractTests {
    /// Every kind of write another instance commits is an external change (the doc comment:
    /// "changes whenever ANOTHER connection … commits"), not only the attendee table's.
    @Test(arguments: StoreKind.allCases)
    func everyKindOfCommitByAnotherInstanceMovesTheCounter(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let other = try c.another()
        let writes: [(String, () throws -> Void)] = [
            ("audit", { try other.recordAudit(operatorName: "bo", action: "member.save", detail: "x", at: F.t0) }),
            ("wrong PIN", { try other.recordPINFailure(subject: "member:bo", at: F.t0, backoff: PINBackoff()) }),
            ("PIN cleared", { try other.clearPINAttempts(subject: "member:bo") }),
            ("checkpoint", {
                _ = try other.applyPage(eventId: event.id, attendees: [], checkpoint: ImportCheckpoint(
                    eventId: event.id, cursor: "c", pagesDone: 1, attendeesSoFar: 0, startedAt: F.t0, updatedAt: F.t0),
                                        now: F.t0)
            }),
            ("checkpoint cleared", { try other.clearImportCheckpoint(eventId: event.id) }),
            ("member", { try other.saveMember(Member(name: "bo", role: .staff, pinHash: "$6$x")) }),
            ("template", { try other.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "x")) }),
        ]
        for (label, write) in writes {
            let before = try store.externalChangeCounter()
            try write()
            #expect(try awaitChange(store, from: before) != nil, "another instance's \(label) was never seen")
        }
    }

    /// A store that does not follow the change feed (PostgreSQL `listen: false`, for one-shot
    /// commands) must still never answer a search from a stale index.
    @Test(arguments: StoreKind.allCases)
    func aStoreNotFollowingTheFeedStillSearchesFreshData(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...5).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let quiet = try c.another(listen: false)
        #expect(try quiet.attendeeCount(AttendeeQuery(eventId: event.id, search: "person")) == 5, "index loaded")
        var renamed = F.person(2)
        renamed.name = "Quentin Renamed"
        _ = try store.applyPage(eventId: event.id, attendees: [renamed], checkpoint: nil, now: F.t0)
        #expect(try quiet.attendees(AttendeeQuery(eventId: event.id, search: "quentin")).map(\.providerAttendeeId) == ["A2"])
        #expect(try quiet.attendeeCount(AttendeeQuery(eventId: event.id, search: "person")) == 4)
    }
}

extension ChangeFeedContractTests {
    /// A commit made by another instance right after this store opened (and read its counter) is
    /// not lost: the console reads the counter once at start and reloads when it moves.
    @Test(arguments: StoreKind.allCases)
    func aCommitRightAfterOpeningIsSeen(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (writer, event) = try c.withEvent()
        for round in 0..<10 {
            let fresh = try c.another(desk: "desk-\(round)")
            let before = try fresh.externalChangeCounter()
            try writer.setSyncStatus(eventId: event.id, .active, error: "round \(round)")
            #expect(try awaitChange(fresh, from: before) != nil, "round \(round): the commit was never seen")
        }
    }
}
