import BadgeCore
import Foundation
import Storage
import Testing

/// Integrations, events, templates, members, wrong PINs, checkpoints and the audit log: the same
/// contract on every store.
@Suite struct RecordsContractTests {
    typealias F = ContractFixtures

    @Test(arguments: StoreKind.allCases)
    func integrationUpsertKeepsItsIdPerProvider(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let first = try store.saveIntegration(Integration(provider: .eventbrite, accountLabel: "Ada",
                                                          credential: "secret-token-1234", baseURL: "http://127.0.0.1:1/v3",
                                                          connectedAt: F.at(0.0004)))
        #expect(first.id > 0 && first.connectedAt == F.t0, "dates come back at millisecond precision")
        var second = first
        second.credential = "other-token-9999"
        second.accountLabel = "Ada L"
        let saved = try store.saveIntegration(second)
        #expect(saved.id == first.id)
        let luma = try store.saveIntegration(Integration(provider: .luma, accountLabel: "Bo", credential: "k",
                                                         baseURL: "http://127.0.0.1:2", connectedAt: F.t0))
        #expect(try store.integrations() == [saved, luma])
        #expect(try store.integration(provider: .eventbrite) == saved)
        #expect(try store.integration(id: luma.id) == luma)
        try store.setIntegrationStatus(id: saved.id, .disconnected)
        #expect(try store.integration(id: saved.id)?.status == .disconnected)
        #expect(throws: StorageError.notFound("integration 987654")) {
            try store.setIntegrationStatus(id: 987_654, .connected)
        }
        try store.deleteIntegration(provider: .eventbrite)
        #expect(try store.integrations() == [luma])
        #expect(try store.integration(provider: .eventbrite) == nil)
        #expect(try store.integration(id: saved.id) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func deletingAnIntegrationKeepsItsEvents(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let integration = try store.saveIntegration(Integration(provider: .eventbrite, accountLabel: "Ada", credential: "t",
                                                                baseURL: "http://127.0.0.1:1", connectedAt: F.t0))
        var event = F.event()
        event.integrationId = integration.id
        let created = try store.createEvent(event)
        #expect(created.integrationId == integration.id)
        try store.deleteIntegration(provider: .eventbrite)
        let kept = try #require(try store.event(id: created.id))
        #expect(kept.externalId == "E1" && kept.integrationId == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func importingAnEventTwiceIsRefused(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let event = try store.createEvent(F.event("51660376577"))
        #expect(event.id > 0)
        #expect(throws: StoreError.duplicateEvent(provider: .eventbrite, externalId: "51660376577")) {
            try store.createEvent(F.event("51660376577"))
        }
        let luma = try store.createEvent(F.event("51660376577", provider: .luma))
        #expect(luma.id != event.id)
        #expect(try store.events() == [event, luma])
        #expect(try store.event(provider: .luma, externalId: "51660376577") == luma)
        #expect(try store.event(provider: .eventbrite, externalId: "nope") == nil)
        #expect(try store.event(id: 424_242) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func anEventOfAnUnknownIntegrationIsNotCalledADuplicate(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        var event = F.event("E9")
        event.integrationId = 4242
        #expect {
            try c.store.createEvent(event)
        } throws: { error in
            guard let error = error as? StorageError, error.isConstraintViolation else { return false }
            if case .duplicateEvent = error { return false }
            return true
        }
        #expect(try c.store.events().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func eventRoundTripsEveryMutableField(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, created) = try c.withEvent()
        #expect(try store.event(id: created.id) == created)
        var event = created
        event.name = "Renamed Conf ✨"
        event.syncStatus = .failed
        event.lastError = "HTTP 503"
        event.syncCursor = "2026-01-01T00:00:00Z"
        event.lastSyncedAt = F.at(12.345)
        event.startsAt = F.t0
        event.endsAt = F.at(3600)
        event.timezone = "Europe/Paris"
        event.accessCode = "ZZZ999"
        event.importProgress = ImportProgress(pagesDone: 3, pagesTotal: 10, attendeesSoFar: 150, attendeesTotal: nil,
                                              startedAt: F.t0, updatedAt: F.at(5), finished: false, error: "timeout")
        try store.updateEvent(event)
        #expect(try store.event(id: event.id) == event)
        #expect(try store.event(provider: .eventbrite, externalId: event.externalId) == event)
        event.importProgress = ImportProgress(pagesDone: 10, pagesTotal: nil, attendeesSoFar: 500, attendeesTotal: 500,
                                              startedAt: F.t0, updatedAt: nil, finished: true, error: nil)
        event.timezone = nil
        event.startsAt = nil
        try store.updateEvent(event)
        #expect(try store.event(id: event.id) == event)
        try store.setSyncStatus(eventId: event.id, .active, error: nil)
        let reread = try #require(try store.event(id: event.id))
        #expect(reread.syncStatus == .active && reread.lastError == nil && reread.syncCursor == event.syncCursor)
        try store.setSyncStatus(eventId: event.id, .disconnected, error: "token revoked")
        #expect(try store.event(id: event.id)?.lastError == "token revoked")
        #expect(throws: StorageError.notFound("event 999")) { try store.setSyncStatus(eventId: 999, .active, error: nil) }
        var missing = event
        missing.id = 999
        #expect(throws: StorageError.notFound("event 999")) { try store.updateEvent(missing) }
    }

    @Test(arguments: StoreKind.allCases)
    func heldCancellationIsWrittenOnlyBySetHeldCancellation(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let held = HeldCancellation(count: 40, attending: 50, detectedAt: F.at(7))
        try store.setHeldCancellation(eventId: event.id, held)
        #expect(try store.event(id: event.id)?.heldCancellation == held)
        var stale = event  // heldCancellation nil in this copy
        stale.syncStatus = .active
        try store.updateEvent(stale)
        #expect(try store.event(id: event.id)?.heldCancellation == held, "updateEvent leaves it alone")
        try store.setHeldCancellation(eventId: event.id, nil)
        #expect(try store.event(id: event.id)?.heldCancellation == nil)
        #expect(throws: StorageError.notFound("event 999")) { try store.setHeldCancellation(eventId: 999, held) }
    }

    @Test(arguments: StoreKind.allCases)
    func templatesAreUniquePerEventAndName(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let base = BadgeTemplate(eventId: event.id, name: "Default", layout: "size 4x3in")
        let saved = try store.saveTemplate(base)
        let vip = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "VIP", ticketNames: ["VIP", "Speaker ✨"],
                                                       isVIPVariant: true, layout: "size A6"))
        var replaced = base
        replaced.layout = "size 62x100mm"
        let again = try store.saveTemplate(replaced)
        #expect(again.id == saved.id)
        #expect(try store.templates(eventId: event.id) == [again, vip])
        #expect(try store.removeTemplate(eventId: event.id, name: "VIP"))
        #expect(try store.removeTemplate(eventId: event.id, name: "VIP") == false)
        #expect(try store.templates(eventId: event.id) == [again])
        // Another event has its own names.
        let other = try store.createEvent(F.event("E2"))
        #expect(try store.saveTemplate(BadgeTemplate(eventId: other.id, name: "Default", layout: "x")).id != saved.id)
    }

    @Test(arguments: StoreKind.allCases)
    func anEventHasOneDefaultTemplate(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let first = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "size 4x3in"))
        #expect(throws: StorageError.secondDefaultTemplate(existing: "Default")) {
            try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Front desk", layout: "size A6"))
        }
        let replaced = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "size A6"))
        #expect(replaced.id == first.id)
        _ = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Speakers", ticketNames: ["Speaker"], layout: "A6"))
        _ = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "VIP", isVIPVariant: true, layout: "A6"))
        #expect(throws: StorageError.secondDefaultTemplate(existing: "Default")) {
            try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Speakers", layout: "size A6"))
        }
        #expect(try store.templates(eventId: event.id).filter(\.isDefault).map(\.name) == ["Default"])
        #expect(try store.templates(eventId: event.id).first { $0.name == "Speakers" }?.ticketNames == ["Speaker"],
                "the refused save changed nothing")
    }

    @Test(arguments: StoreKind.allCases)
    func membersAreUniqueByName(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        try store.saveMember(Member(name: "bob", role: .staff, pinHash: "$6$c"))
        try store.saveMember(Member(name: "ada", role: .staff, pinHash: "$6$a"))
        try store.saveMember(Member(name: "ada", role: .admin, pinHash: "$6$b"))
        try store.saveMember(Member(name: "Zed", role: .staff, pinHash: "$6$z"))
        #expect(try store.members() == [Member(name: "Zed", role: .staff, pinHash: "$6$z"),
                                        Member(name: "ada", role: .admin, pinHash: "$6$b"),
                                        Member(name: "bob", role: .staff, pinHash: "$6$c")], "by name, byte-wise")
        #expect(try store.member(name: "ada") == Member(name: "ada", role: .admin, pinHash: "$6$b"))
        #expect(try store.removeMember(name: "bob"))
        #expect(try store.member(name: "bob") == nil)
        #expect(try store.removeMember(name: "bob") == false)
    }

    @Test(arguments: StoreKind.allCases)
    func wrongPINsLockOutBackOffAndClear(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let ann = PINAttempts.subject(member: "Ann")
        var at = F.t0
        var locks: [Int] = []
        for i in 1...12 {
            let attempts = try store.recordPINFailure(subject: ann, at: at, backoff: PINBackoff())
            #expect(attempts.failures == i)
            #expect(try store.pinAttempts(subject: ann) == attempts, "what it returns is what is stored")
            locks.append(attempts.secondsLeft(now: at))
            at = at.addingTimeInterval(3600)
        }
        #expect(locks == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900, 900, 900])
        #expect(try store.pinAttempts(subject: PINAttempts.stationAdminSubject) == PINAttempts(), "per subject")
        // Another connection (a restart, another desk) reads the same lock.
        #expect(try c.another().pinAttempts(subject: PINAttempts.subject(member: "ann")).failures == 12)
        try store.clearPINAttempts(subject: ann)
        #expect(try store.pinAttempts(subject: ann) == PINAttempts())
    }

    @Test(arguments: StoreKind.allCases)
    func aNewPINLiftsTheMembersLock(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let store = c.store
        let ann = PINAttempts.subject(member: "Ann")
        for _ in 1...5 { try store.recordPINFailure(subject: ann, at: F.t0, backoff: PINBackoff()) }
        let locked = try store.pinAttempts(subject: ann)
        #expect(locked.isLocked(now: F.at(59)) && !locked.isLocked(now: F.at(60)))
        try store.recordPINFailure(subject: PINAttempts.stationAdminSubject, at: F.t0, backoff: PINBackoff())
        try store.saveMember(Member(name: "Ann", role: .admin, pinHash: "$6$new"))
        #expect(try store.pinAttempts(subject: ann) == PINAttempts())
        #expect(try store.pinAttempts(subject: PINAttempts.stationAdminSubject).failures == 1, "only hers")
    }

    @Test(arguments: StoreKind.allCases)
    func checkpointIsSavedWithThePageAndCleared(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        #expect(try store.importCheckpoint(eventId: event.id) == nil)
        let first = ImportCheckpoint(eventId: event.id, cursor: "page-2", pagesDone: 1, attendeesSoFar: 2,
                                     pagesTotal: 5, startedAt: F.t0, updatedAt: F.t0)
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1), F.person(2)], checkpoint: first, now: F.t0)
        #expect(try store.importCheckpoint(eventId: event.id) == first)
        let second = ImportCheckpoint(eventId: event.id, cursor: nil, pagesDone: 2, attendeesSoFar: 3,
                                      pagesTotal: nil, startedAt: F.t0, updatedAt: F.at(9))
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(3)], checkpoint: second, now: F.t0)
        #expect(try store.importCheckpoint(eventId: event.id) == second)
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(4)], checkpoint: nil, now: F.t0)
        #expect(try store.importCheckpoint(eventId: event.id) == second, "a page without one keeps it")
        try store.clearImportCheckpoint(eventId: event.id)
        #expect(try store.importCheckpoint(eventId: event.id) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func aFailingPageRollsBackRowsAndCheckpoint(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let bad = ImportCheckpoint(eventId: 999, cursor: "x", pagesDone: 1, attendeesSoFar: 1,
                                   startedAt: F.t0, updatedAt: F.t0)
        #expect(throws: StorageError.self) {
            try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: bad, now: F.t0)
        }
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 0)
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "A1") == nil)
        // The store is usable afterwards.
        #expect(try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
            == SyncCounts(added: 1))
    }

    @Test(arguments: StoreKind.allCases)
    func auditLogRecordsVIPPrintsCheckInsAndExplicitEntries(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1")).id
        let vip = try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        #expect(vip.vip && vip.id == id)
        #expect(try store.attendee(id: id) == vip)
        try store.recordAudit(operatorName: "ada", action: "IMPORT", detail: "eventbrite:E1", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "bo", station: "door", at: F.t0)
        try store.recordPrint(PrintRecord(attendeeId: id, at: F.t0, templateName: "Default", output: "x.pdf",
                                          operatorName: "bo"))
        let off = try store.setVIP(attendeeId: id, false, operatorName: "cy", at: F.t0)
        #expect(!off.vip)
        let log = try c.auditLog()
        #expect(log.map(\.action) == ["VIP_OFF", "PRINT", "CHECK_IN", "IMPORT", "VIP_ON"])
        #expect(log.map(\.operatorName) == ["cy", "bo", "bo", "ada", "ada"])
        #expect(log.allSatisfy { $0.at == F.t0 })
        #expect(log.map(\.id) == log.map(\.id).sorted(by: >), "newest first")
        #expect(log.map(\.detail) == ["attendee \(id) (A1)", "attendee \(id) template Default",
                                      "attendee \(id) (A1) at door", "eventbrite:E1", "attendee \(id) (A1)"])
        #expect(throws: StorageError.notFound("attendee 12345")) {
            try store.setVIP(attendeeId: 12345, true, operatorName: "ada", at: F.t0)
        }
    }
}
