import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
@testable import Sync
import Testing

/// Luma has no change filter: head scans see new registrations and check-ins, and a periodic
/// full scan, rolled over several polls, catches edits and declines of older guests.
@Suite(.serialized) struct LumaPeriodicScanTests {
    @Test func pollsRollAFullScanThatCatchesEditsAndDeclinesOfOldGuests() async throws {
        let f = try SyncFixture(attendees: 1_000,
                                config: SyncConfig(lumaFullScanInterval: 0, lumaFullScanPagesPerPoll: 6))
        let event = try await f.imported(.luma)
        let order = try f.simulator.attendees(event: event.externalId)  // guest-list order
        let firstGuest = order.first { $0.status == .attending }!
        let lastGuest = order.last { $0.status == .attending }!
        let rows = try f.rows(event.id)
        let vipRow = rows[lastGuest.providerAttendeeId]!
        try f.store.setVIP(attendeeId: vipRow.id, true, operatorName: "ada", at: Date())

        try f.simulator.edit(event: event.externalId, attendee: firstGuest.providerAttendeeId,
                             AttendeeEdit(name: "Ada Renamed", company: "Analytical Engines"))
        try f.simulator.cancel(event: event.externalId, attendee: lastGuest.providerAttendeeId)

        // The first slice starts at page 1: the edit of the first guest arrives at once, the
        // decline of the last one only when the pass reaches the last page.
        let first = try await f.engine.poll(eventId: event.id)
        #expect(first.requests <= 2 + 6, "a poll fetched \(first.requests) requests")
        #expect(try f.store.attendee(id: rows[firstGuest.providerAttendeeId]!.id)?.name == "Ada Renamed")
        #expect(try f.store.attendee(id: vipRow.id)?.status == .attending)
        #expect(await f.engine.periodicScanCursor(eventId: event.id) != nil)

        var polls = 1
        while try f.store.attendee(id: vipRow.id)?.status == .attending && polls < 10 {
            let r = try await f.engine.poll(eventId: event.id)
            #expect(r.requests <= 2 + 6)
            polls += 1
        }
        let declined = try f.store.attendee(id: vipRow.id)!
        #expect(declined.status == .notAttending)
        #expect(declined.providerStatus == "declined")
        #expect(declined.vip)
        // 1 000 guests are 20 pages of 50: four slices of at most 6 pages.
        #expect(polls == 4)
        #expect(await f.engine.periodicScanCursor(eventId: event.id) == nil)
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
    }

    /// An event too big to scan in one go under Luma's real limit (80 pages vs 160 planned
    /// requests a minute) still gets its full scans, and the budget is never exceeded.
    @Test func aLargeEventIsFullyScannedWithinTheRealBudget() async throws {
        let clock = VirtualPolicyClock(start: Date())
        let f = try SyncFixture(attendees: 4_000, config: SyncConfig(pollInterval: 15, lumaFullScanInterval: 300),
                                clock: clock, lumaLimit: .luma)
        let event = try await f.imported(.luma)
        let lastGuest = try f.simulator.attendees(event: event.externalId).last!
        try f.simulator.edit(event: event.externalId, attendee: lastGuest.providerAttendeeId,
                             AttendeeEdit(name: "Zoë Last-Page"))
        var pollsUntilSeen: Int?
        for round in 1...80 {  // 20 minutes of polling
            clock.advance(by: 15)
            await f.engine.pollDueEvents()
            if pollsUntilSeen == nil,
               try f.store.attendee(eventId: event.id, providerAttendeeId: lastGuest.providerAttendeeId)?.name == "Zoë Last-Page" {
                pollsUntilSeen = round
            }
        }
        #expect(pollsUntilSeen != nil, "the edit of the last guest never arrived")
        let peak = f.recorder.maxInAnyWindow(seconds: 60, pathPart: "/v1/")
        #expect(peak <= 160, "Luma peak \(peak)/min")
        #expect(try f.store.event(id: event.id)?.syncStatus == .active)
    }

    @Test func noSliceRunsWhenTheBudgetIsSpentOrBlocked() {
        let now = Date()
        let roomy = RateBudgetSnapshot(remaining: 150, limit: 160, window: 60)
        #expect(SyncEngine.scanAllowance(roomy, maxPages: 40, now: now) == 40)
        let tight = RateBudgetSnapshot(remaining: 60, limit: 160, window: 60)
        #expect(SyncEngine.scanAllowance(tight, maxPages: 40, now: now) == 30)
        let spent = RateBudgetSnapshot(remaining: 1, limit: 160, window: 60)
        #expect(SyncEngine.scanAllowance(spent, maxPages: 40, now: now) == 0)
        let blocked = RateBudgetSnapshot(remaining: 150, limit: 160, window: 60, blockedUntil: now.addingTimeInterval(30))
        #expect(SyncEngine.scanAllowance(blocked, maxPages: 40, now: now) == 0)
    }
}
