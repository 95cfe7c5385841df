import BadgeCore
import Foundation
import Testing
@testable import Storage
import TestSupport

@Suite struct StoreRecordsTests {
    @Test func integrationUpsertKeepsItsIdPerProvider() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.saveIntegration(Integration(provider: .eventbrite, accountLabel: "Ada",
                                                          credential: "secret-token-1234", baseURL: "http://127.0.0.1:1/v3",
                                                          connectedAt: StoreFixtures.t0))
        var second = first
        second.credential = "other-token-9999"
        second.accountLabel = "Ada L"
        let saved = try store.saveIntegration(second)
        #expect(saved.id == first.id)
        #expect(try store.integrations() == [saved])
        #expect(try store.integration(provider: .eventbrite)?.credential == "other-token-9999")
        try store.setIntegrationStatus(id: saved.id, .disconnected)
        #expect(try store.integration(id: saved.id)?.status == .disconnected)
        #expect(try store.integration(provider: .luma) == nil)
        try store.deleteIntegration(provider: .eventbrite)
        #expect(try store.integrations().isEmpty)
    }

    @Test func importingAnEventTwiceIsRefusedClearly() throws {
        let store = try SQLiteStore.inMemory()
        let event = try store.createEvent(StoreFixtures.event("51660376577"))
        #expect(event.id > 0)
        #expect(throws: StoreError.duplicateEvent(provider: .eventbrite, externalId: "51660376577")) {
            try store.createEvent(StoreFixtures.event("51660376577"))
        }
        let error = StoreError.duplicateEvent(provider: .eventbrite, externalId: "51660376577")
        #expect(error.description == "event eventbrite:51660376577 is already imported")
        // The same external id at another provider is a different event.
        #expect(try store.createEvent(StoreFixtures.event("51660376577", provider: .luma)).id != event.id)
        #expect(try store.events().count == 2)
    }

    @Test func eventRoundTripsEveryMutableField() throws {
        let (store, created) = try StoreFixtures.storeWithEvent()
        var event = created
        event.syncStatus = .failed
        event.lastError = "HTTP 503"
        event.syncCursor = "2026-01-01T00:00:00Z"
        event.lastSyncedAt = StoreFixtures.t0.addingTimeInterval(12.345)
        event.startsAt = StoreFixtures.t0
        event.endsAt = StoreFixtures.t0.addingTimeInterval(3600)
        event.timezone = "Europe/Paris"
        event.importProgress = ImportProgress(pagesDone: 3, pagesTotal: 10, attendeesSoFar: 150, attendeesTotal: nil,
                                              startedAt: StoreFixtures.t0, updatedAt: StoreFixtures.t0.addingTimeInterval(5),
                                              finished: false, error: "timeout")
        try store.updateEvent(event)
        #expect(try store.event(id: event.id) == event)
        #expect(try store.event(provider: .eventbrite, externalId: event.externalId) == event)
        try store.setSyncStatus(eventId: event.id, .active, error: nil)
        let reread = try #require(try store.event(id: event.id))
        #expect(reread.syncStatus == .active && reread.lastError == nil)
        #expect(throws: StorageError.notFound("event 999")) { try store.setSyncStatus(eventId: 999, .active, error: nil) }
    }

    @Test func templatesAreUniquePerEventAndName() throws {
        let (store, event) = try StoreFixtures.storeWithEvent()
        let base = BadgeTemplate(eventId: event.id, name: "Default", layout: "size 4x3in")
        let saved = try store.saveTemplate(base)
        var vip = BadgeTemplate(eventId: event.id, name: "VIP", ticketNames: ["VIP", "Speaker ✨"],
                                isVIPVariant: true, layout: "size A6")
        vip = try store.saveTemplate(vip)
        var replaced = base
        replaced.layout = "size 62x100mm"
        let again = try store.saveTemplate(replaced)
        #expect(again.id == saved.id)
        #expect(try store.templates(eventId: event.id) == [again, vip])
        #expect(try store.removeTemplate(eventId: event.id, name: "VIP"))
        #expect(try store.removeTemplate(eventId: event.id, name: "VIP") == false)
    }

    @Test func anEventHasOneDefaultTemplate() throws {
        let (store, event) = try StoreFixtures.storeWithEvent()
        let first = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "size 4x3in"))
        #expect(throws: StorageError.secondDefaultTemplate(existing: "Default")) {
            try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Front desk", layout: "size A6"))
        }
        #expect(StorageError.secondDefaultTemplate(existing: "Default").description.contains("already has a Default template 'Default'"))
        // Replacing the Default under its own name, and variants, stay allowed.
        let replaced = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "size A6"))
        #expect(replaced.id == first.id)
        _ = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Speakers", ticketNames: ["Speaker"], layout: "size A6"))
        _ = try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "VIP", isVIPVariant: true, layout: "size A6"))
        // A variant cannot become a second Default by losing its tickets.
        #expect(throws: StorageError.secondDefaultTemplate(existing: "Default")) {
            try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Speakers", layout: "size A6"))
        }
        #expect(try store.templates(eventId: event.id).filter(\.isDefault).map(\.name) == ["Default"])
    }

    @Test func membersAreUniqueByName() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveMember(Member(name: "ada", role: .staff, pinHash: "$6$a"))
        try store.saveMember(Member(name: "ada", role: .admin, pinHash: "$6$b"))
        try store.saveMember(Member(name: "bob", role: .staff, pinHash: "$6$c"))
        #expect(try store.members() == [Member(name: "ada", role: .admin, pinHash: "$6$b"),
                                        Member(name: "bob", role: .staff, pinHash: "$6$c")])
        #expect(try store.removeMember(name: "bob"))
        #expect(try store.member(name: "bob") == nil)
        #expect(try store.removeMember(name: "bob") == false)
    }

    @Test func checkpointIsSavedWithThePageAndCleared() throws {
        let (store, event) = try StoreFixtures.storeWithEvent()
        let checkpoint = ImportCheckpoint(eventId: event.id, cursor: "page-2", pagesDone: 1, attendeesSoFar: 2,
                                          pagesTotal: 5, startedAt: StoreFixtures.t0, updatedAt: StoreFixtures.t0)
        _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1), StoreFixtures.person(2)],
                                checkpoint: checkpoint, now: StoreFixtures.t0)
        #expect(try store.importCheckpoint(eventId: event.id) == checkpoint)
        try store.clearImportCheckpoint(eventId: event.id)
        #expect(try store.importCheckpoint(eventId: event.id) == nil)
    }

    @Test func aFailingPageRollsBackRowsAndCheckpoint() throws {
        let (store, event) = try StoreFixtures.storeWithEvent()
        // Event 999 does not exist: the checkpoint's foreign key fails after the rows were written.
        let bad = ImportCheckpoint(eventId: 999, cursor: "x", pagesDone: 1, attendeesSoFar: 1,
                                   startedAt: StoreFixtures.t0, updatedAt: StoreFixtures.t0)
        #expect(throws: StorageError.self) {
            try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1)], checkpoint: bad,
                                now: StoreFixtures.t0)
        }
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 0)
        #expect(try store.attendee(eventId: event.id, providerAttendeeId: "A1") == nil)
    }

    @Test func auditLogRecordsVIPAndExplicitEntries() throws {
        let (store, event) = try StoreFixtures.storeWithEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [StoreFixtures.person(1)], checkpoint: nil,
                                now: StoreFixtures.t0)
        let id = try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A1")).id
        let vip = try store.setVIP(attendeeId: id, true, operatorName: "ada", at: StoreFixtures.t0)
        #expect(vip.vip)
        try store.recordAudit(operatorName: "ada", action: "IMPORT", detail: "eventbrite:E1", at: StoreFixtures.t0)
        let log = try store.auditLog()
        #expect(log.map(\.action) == ["IMPORT", "VIP_ON"])
        #expect(log.allSatisfy { $0.operatorName == "ada" })
        #expect(throws: StorageError.notFound("attendee 12345")) {
            try store.setVIP(attendeeId: 12345, true, operatorName: "ada", at: StoreFixtures.t0)
        }
    }
}
