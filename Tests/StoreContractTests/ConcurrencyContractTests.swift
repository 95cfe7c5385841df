import BadgeCore
import Foundation
import Storage
import Testing

/// SPEC §11 "Exactly once": several desks checking in one attendee at once give one record.
@Suite struct ConcurrencyContractTests {
    typealias F = ContractFixtures

    @Test(arguments: StoreKind.allCases)
    func twoInstancesRacingOnOneAttendeeGiveOneCheckIn(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (0..<10).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let ids = try store.attendees(AttendeeQuery(eventId: event.id, limit: 10)).map(\.id)
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        let threadsPerDesk = 6

        for id in ids {
            let outcomes = try await withThrowingTaskGroup(of: CheckInOutcome.self) { group in
                for (d, desk) in desks.enumerated() {
                    for t in 0..<threadsPerDesk {
                        group.addTask {
                            try desk.checkIn(attendeeId: id, action: .checkIn, operatorName: "op\(d)-\(t)",
                                             station: "desk\(d)", at: F.at(Double(d * 10 + t)))
                        }
                    }
                }
                var all: [CheckInOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let records = outcomes.compactMap { outcome -> CheckInRecord? in
                if case .recorded(_, let record) = outcome { return record }
                return nil
            }
            #expect(records.count == 1, "attendee \(id): \(outcomes)")
            guard let winner = records.first else { continue }
            let refusals = outcomes.filter { $0 == .alreadyCheckedIn(at: winner.at, by: winner.operatorName) }
            #expect(refusals.count == outcomes.count - 1, "every other call is told who and when: \(outcomes)")
            #expect(try store.checkInHistory(attendeeId: id) == [winner])
            #expect(try store.attendee(id: id)?.checkedInAt == winner.at)
        }
        #expect(try store.stats(eventId: event.id).checkedIn == ids.count)
    }

    @Test(arguments: StoreKind.allCases)
    func oneInstanceIsSafeToShareBetweenThreads(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (0..<40).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let ids = try store.attendees(AttendeeQuery(eventId: event.id, limit: 40)).map(\.id)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for (n, id) in ids.enumerated() where n % 4 == worker {
                        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "w\(worker)",
                                              station: "s", at: F.t0)
                        _ = try store.stats(eventId: event.id)
                        _ = try store.attendees(AttendeeQuery(eventId: event.id, search: "person", limit: 10))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.stats(eventId: event.id).checkedIn == 40)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .checkedIn, search: "person")) == 40)
    }
}

extension ConcurrencyContractTests {
    /// Two desks importing the same new page at once (a resync at each, a CLI sync beside the
    /// console): both succeed, every attendee is added once, and the page is applied exactly as
    /// if one had gone after the other.
    @Test(arguments: StoreKind.allCases)
    func twoInstancesApplyingOnePageAtOnceAddEachAttendeeOnce(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        for round in 0..<8 {
            let event = try c.store.createEvent(F.event("R\(round)"))
            let page = (0..<200).map { F.person($0) }
            let results = try await withThrowingTaskGroup(of: SyncCounts.self) { group in
                for desk in desks {
                    group.addTask { try desk.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0) }
                }
                var all: [SyncCounts] = []
                for try await counts in group { all.append(counts) }
                return all
            }
            #expect(results.map(\.added).reduce(0, +) == 200, "round \(round): \(results)")
            #expect(results.map(\.unchanged).reduce(0, +) == 200, "round \(round): \(results)")
            #expect(try c.store.attendeeCount(AttendeeQuery(eventId: event.id)) == 200)
        }
    }

    /// Two desks saving a Default template under different names at once: one wins, the other
    /// is refused (an event has one Default).
    @Test(arguments: StoreKind.allCases)
    func twoInstancesSavingADefaultAtOnceKeepOneDefault(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        for round in 0..<20 {
            let event = try c.store.createEvent(F.event("T\(round)"))
            let refusals = await withTaskGroup(of: Bool.self) { group in
                for (n, desk) in desks.enumerated() {
                    group.addTask {
                        do {
                            try desk.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default \(n)", layout: "x"))
                            return false
                        } catch let error as StorageError {
                            if case .secondDefaultTemplate = error { return true }
                            Issue.record("round \(round): \(error)")
                            return false
                        } catch {
                            Issue.record("round \(round): \(error)")
                            return false
                        }
                    }
                }
                var refused = 0
                for await r in group where r { refused += 1 }
                return refused
            }
            #expect(refusals == 1, "round \(round)")
            #expect(try c.store.templates(eventId: event.id).filter(\.isDefault).count == 1, "round \(round)")
        }
    }
}

extension ConcurrencyContractTests {
    /// Two desks importing the same event at once: one creates it, the other is told it exists.
    @Test(arguments: StoreKind.allCases)
    func twoInstancesCreatingOneEventAtOnceMakeOne(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        for round in 0..<20 {
            let outcomes = await withTaskGroup(of: String.self) { group in
                for desk in desks {
                    group.addTask {
                        do {
                            return "created \(try desk.createEvent(F.event("X\(round)")).id > 0)"
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all.sorted()
            }
            #expect(outcomes == ["created true", "event eventbrite:X\(round) is already imported"], "round \(round)")
        }
        #expect(try c.store.events().count == 20)
    }

    /// Wrong PINs typed at two desks at once all count (a lockout cannot be dodged by racing).
    @Test(arguments: StoreKind.allCases)
    func wrongPINsAtTwoInstancesAtOnceAllCount(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        let subject = PINAttempts.subject(member: "ann")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for desk in desks {
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<3 { try desk.recordPINFailure(subject: subject, at: F.t0, backoff: PINBackoff()) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try c.store.pinAttempts(subject: subject).failures == 24)
    }
}

extension ConcurrencyContractTests {
    /// A desk checking someone in while another desk merges a provider edit of that person: both
    /// survive, whichever commits first (the merge never overwrites the check-in, SPEC §2.4).
    @Test(arguments: StoreKind.allCases)
    func aCheckInAndAProviderEditAtOnceBothSurvive(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let people = (0..<15).map { F.person($0) }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: F.t0)
        let desks = [try c.another(desk: "door"), try c.another(desk: "sync")]
        for (n, person) in people.enumerated() {
            let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: person.providerAttendeeId)).id
            var renamed = person
            renamed.name = "Edited \(n)"
            let edited = renamed
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    _ = try desks[0].checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "door", at: F.at(1))
                }
                group.addTask {
                    _ = try desks[1].applyPage(eventId: event.id, attendees: [edited], checkpoint: nil, now: F.t0)
                }
                try await group.waitForAll()
            }
            let after = try #require(try store.attendee(id: id))
            #expect(after.name == "Edited \(n)" && after.checkedInAt == F.at(1) && after.checkInSource == .local, "\(n)")
        }
    }

    /// Prints at two desks at once: every print is logged and counted.
    @Test(arguments: StoreKind.allCases)
    func printsAtTwoInstancesAtOnceAreAllCounted(kind: StoreKind) async throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1")).id
        let desks = [try c.another(desk: "desk-a"), try c.another(desk: "desk-b")]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for desk in desks {
                for t in 0..<3 {
                    group.addTask {
                        for _ in 0..<4 {
                            try desk.recordPrint(PrintRecord(attendeeId: id, at: F.t0, templateName: "Default",
                                                             output: "t\(t).pdf", operatorName: "op\(t)"))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.attendee(id: id)?.printCount == 24)
        #expect(try store.prints(attendeeId: id).count == 24)
    }
}
