import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now
private func q(_ offset: Int = 0, filter: AttendeeFilter = .all, search: String = "") -> AttendeeQuery {
    AttendeeQuery(eventId: 1, filter: filter, search: search, offset: offset, limit: EventViewState.pageSize)
}

@Suite struct SearchAndPagingTests {
    @Test func eachKeystrokeIsANewQueryFromTheTop() {
        var s = F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000)
        s.eventView!.moveCursor(to: 50)
        _ = update(&s, .key(.char("/")), now: now)
        #expect(update(&s, .key(.char("g")), now: now) == [.loadAttendeePage(q(search: "g"))])
        #expect(update(&s, .key(.char("r")), now: now) == [.loadAttendeePage(q(search: "gr"))])
        // Command letters are text while searching.
        #expect(update(&s, .key(.char("q")), now: now) == [.loadAttendeePage(q(search: "grq"))])
        #expect(s.eventView?.selected == 0 && s.eventView?.scrollTop == 0)
    }

    @Test func staleSearchResultsAreDropped() {
        var s = F.eventView()
        _ = update(&s, .key(.char("/")), now: now)
        _ = update(&s, .key(.char("g")), now: now)
        _ = update(&s, .key(.char("r")), now: now)
        _ = update(&s, .attendeePageLoaded(query: q(search: "g"), rows: F.page(offset: 0, count: 9), total: 9), now: now)
        #expect(s.eventView?.total == 4, "result for the older query 'g' must not replace the table")
        _ = update(&s, .attendeePageLoaded(query: q(search: "gr"), rows: [F.rows[2]], total: 1), now: now)
        #expect(s.eventView?.total == 1 && s.eventView?.rows == [F.rows[2]])
    }

    @Test func scrollingInsideTheWindowLoadsNothingLeavingItLoadsAPageAroundTheViewport() {
        var s = F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000)
        for _ in 0..<6 { #expect(update(&s, .key(.pageDown), now: now) == []) }   // rows 102–118 still loaded
        #expect(s.eventView?.scrollTop == 102)
        let effects = update(&s, .key(.pageDown), now: now)                           // viewport 119–135
        #expect(effects == [.loadAttendeePage(q(119 - 51))])
        // While that page is pending, moving inside it asks for nothing more.
        #expect(update(&s, .key(.down), now: now) == [])
        _ = update(&s, .attendeePageLoaded(query: q(68), rows: F.page(offset: 68, count: 120), total: 100_000), now: now)
        #expect(s.eventView?.windowOffset == 68 && s.eventView?.selectedAttendee?.name == "Person 121")
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000)
        s.eventView!.moveCursor(to: 30)
        s.eventView!.scrollTop = 20
        _ = update(&s, .resized(Size(width: 80, height: 24)), now: now)
        #expect(s.eventView?.scrollTop == 20)
        _ = update(&s, .resized(Size(width: 100, height: 30)), now: now)   // 23 rows: 20..42
        #expect(s.eventView?.scrollTop == 20)
        s.eventView!.moveCursor(to: 50)
        _ = update(&s, .resized(Size(width: 80, height: 24)), now: now)
        #expect(s.eventView?.scrollTop == 34)
    }
}

extension SearchAndPagingTests {
    @Test func resizeOffTheEventViewWaitsUntilItIsBack() {
        var s = F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000)
        s.eventView!.moveCursor(to: 100)
        _ = update(&s, .key(.down), now: now)               // selected 101, rows 85–101
        _ = update(&s, .key(.enter), now: now)              // card
        #expect(update(&s, .resized(Size(width: 80, height: 40)), now: now) == [])
        #expect(update(&s, .key(.escape), now: now) == [])  // 33 rows: 85–117, still loaded
        #expect(s.eventView?.scrollTop == 85 && s.screen == .eventView(eventId: 1))
        s.eventView!.moveCursor(to: 119)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .resized(Size(width: 80, height: 24)), now: now)
        _ = update(&s, .key(.escape), now: now)
        #expect(s.eventView?.scrollTop == 103)
    }
}

@Suite struct DeskActionTests {
    @Test func vipFailureRevertsWithAMessage() {
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.char("v")), now: now)
        #expect(s.eventView?.rows[1].vip == true)
        let effects = update(&s, .vipToggleFailed(attendeeId: 2, message: "database is locked"), now: now)
        #expect(effects == [])
        #expect(s.eventView?.rows[1].vip == false)
        #expect(s.eventView?.pendingVIP.isEmpty == true)
        #expect(s.toast?.text == "VIP not changed: database is locked" && s.toast?.kind == .error)
    }

    @Test func vipSuccessKeepsTheFlagAndRefreshesStats() {
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.char("v")), now: now)
        // A page reload arriving before the store answered still shows the optimistic flag.
        _ = update(&s, .dataChanged(eventId: 1), now: now)
        _ = update(&s, .attendeePageLoaded(query: q(), rows: F.rows, total: 4), now: now)
        #expect(s.eventView?.rows[1].vip == true)
        var stored = F.rows[1]
        stored.vip = true
        #expect(update(&s, .vipToggled(stored), now: now) == [.loadStats(eventId: 1)])
        #expect(s.eventView?.pendingVIP.isEmpty == true && s.eventView?.rows[1].vip == true)
    }

    @Test func recordedCheckInUpdatesTheRowAndReloadsStatsAndWindow() {
        var s = F.eventView()
        var alan = F.rows[1]
        alan.checkedInAt = now
        let record = CheckInRecord(attendeeId: 2, at: now, action: .checkIn, operatorName: "ada", station: "desk-1")
        let effects = update(&s, .checkInRecorded(attendeeId: 2, .recorded(alan, record)), now: now)
        #expect(effects == [.loadStats(eventId: 1), .loadAttendeePage(q())])
        #expect(s.eventView?.rows[1].isCheckedIn == true)
        #expect(s.toast?.text == "Checked in: Alan Turing")
    }

    @Test func alreadyCheckedInSaysWhenAndByWhomAndOffersAReprint() {
        var s = F.eventView()
        _ = update(&s, .checkInRecorded(attendeeId: 1, .alreadyCheckedIn(at: F.at(9, 12), by: "bob")), now: now)
        #expect(s.toast?.text == "Already checked in 09:12 by bob — [p] Reprint")
    }

    @Test func theCardSaysReprintOnlyOnceABadgeWasPrinted() {
        var a = F.rows[1]
        a.checkedInAt = now
        #expect(CardState(attendeeId: a.id, attendee: a, loaded: true).primaryAction == .print)
        a.printCount = 1
        #expect(CardState(attendeeId: a.id, attendee: a, loaded: true).primaryAction == .reprint)
        a.printCount = 0
        let printed = PrintRecord(attendeeId: a.id, at: now, templateName: "default", output: "/tmp/b.pdf", operatorName: "ada")
        #expect(CardState(attendeeId: a.id, attendee: a, prints: [printed], loaded: true).primaryAction == .reprint)
        a.checkedInAt = nil
        #expect(CardState(attendeeId: a.id, attendee: a, loaded: true).primaryAction == .printAndCheckIn)
    }

    @Test func printAndCheckInPrintsOnlyAfterTheDurableCheckIn() {
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.enter), now: now)
        #expect(update(&s, .key(.enter), now: now) == [.checkIn(attendeeId: 2, .checkIn)])
        var alan = F.rows[1]
        alan.checkedInAt = now
        let record = CheckInRecord(attendeeId: 2, at: now, action: .checkIn, operatorName: "ada", station: "desk-1")
        let effects = update(&s, .checkInRecorded(attendeeId: 2, .recorded(alan, record)), now: now)
        #expect(effects == [.loadStats(eventId: 1), .loadCard(attendeeId: 2), .loadAttendeePage(q()), .printBadge(attendeeId: 2)])
        #expect(s.card?.primaryAction == .print, "the badge is on its way, not printed yet")
        #expect(s.card?.history == [record])
    }

    @Test func refusedCheckInDoesNotPrint() {
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .key(.enter), now: now)
        #expect(update(&s, .checkInRecorded(attendeeId: 2, .alreadyCheckedIn(at: now, by: "bob")), now: now) == [])
        #expect(s.printAfterCheckIn.isEmpty)
    }

    @Test func staffAndStationModeAreRefusedAdminKeysClearly() {
        var s = F.dashboard()
        s.stationMode = true
        #expect(update(&s, .key(.char("i")), now: now) == [])
        #expect(s.screen == .dashboard)
        #expect(s.toast?.text == "importing an event needs an admin (station mode)")
        #expect(!KeyBindings.footer(for: s).contains { $0.adminOnly })
        #expect(!KeyBindings.helpSections(for: s).flatMap(\.bindings).contains { $0.adminOnly })
        s.stationMode = false
        #expect(KeyBindings.footer(for: s).contains { $0.command == .importDialog })
    }
}

@Suite struct SyncAndImportResultTests {
    @Test func importFinishedSwapsToTheEventViewByItself() {
        var s = F.dashboard()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 1, startedAt: now)), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.enter), now: now)
        #expect(s.screen == .importProgress(eventId: 2))
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 250), requests: 5, durationMs: 900)
        let effects = update(&s, .importFinished(eventId: 2, result), now: now)
        let q2 = AttendeeQuery(eventId: 2, limit: EventViewState.pageSize)
        #expect(effects == [.loadEventView(eventId: 2), .loadAttendeePage(q2), .loadStats(eventId: 2)])
        #expect(s.screen == .eventView(eventId: 2) && s.backStack == [.dashboard])
        #expect(s.event(2)?.syncStatus == .active && s.importsRunning.isEmpty)
        #expect(s.toast?.text == "Import finished: 250 attendees")
    }

    @Test func aReimportReportsEveryAttendeeNotJustTheNewOnes() {
        var s = F.dashboard()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 1, startedAt: now)), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.enter), now: now)
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 2, updated: 3, unchanged: 795),
                                requests: 5, durationMs: 900)
        _ = update(&s, .importFinished(eventId: 2, result), now: now)
        #expect(s.toast?.text == "Import finished: 800 attendees (2 new, 3 changed)")
    }

    @Test func syncFinishedReEnablesTheButtonAndRefreshes() {
        var s = F.eventView()
        _ = update(&s, .key(.char("S")), now: now)
        #expect(update(&s, .key(.char("S")), now: now) == [])
        let result = SyncResult(eventId: 1, syncStatus: .active, counts: SyncCounts(added: 3, updated: 2, cancelled: 1),
                                requests: 4, durationMs: 300)
        #expect(update(&s, .syncFinished(result), now: now) == [.loadStats(eventId: 1), .loadAttendeePage(q())])
        #expect(s.syncInFlight.isEmpty)
        #expect(s.toast?.text == "Synced: 3 added, 2 updated, 1 cancelled")
        #expect(update(&s, .key(.char("S")), now: now) == [.runResync(eventId: 1)])
    }

    @Test func backgroundPollsUpdateSilentlyAndOnlyReloadWhenSomethingChanged() {
        var s = F.eventView()
        s.toast = nil
        let quiet = SyncResult(eventId: 1, syncStatus: .active, counts: SyncCounts(unchanged: 4), requests: 1, durationMs: 20)
        #expect(update(&s, .syncFinished(quiet), now: now) == [])
        #expect(s.toast == nil)
        let busy = SyncResult(eventId: 1, syncStatus: .active, counts: SyncCounts(added: 2), requests: 1, durationMs: 20)
        #expect(update(&s, .syncFinished(busy), now: now) == [.loadStats(eventId: 1), .loadAttendeePage(q())])
        #expect(s.toast == nil, "a poll must not hide a check-in or print message")
    }

    @Test func anEventTurningDisconnectedReloadsTheIntegrationsOnce() {
        var s = F.eventView()
        var e = F.summit
        e.syncStatus = .disconnected
        #expect(update(&s, .eventStatusChanged(e), now: now) == [.loadIntegrations])
        #expect(update(&s, .eventStatusChanged(e), now: now) == [])
    }

    @Test func syncFailedShowsTheAlertAndRRetries() {
        var s = F.eventView()
        _ = update(&s, .syncFailed(eventId: 1, reason: "503 from provider", nextRetryAt: now.addingTimeInterval(30)), now: now)
        #expect(s.alert(for: 1) == .syncFailed(reason: "503 from provider"))
        #expect(update(&s, .key(.char("R")), now: now) == [.retry(eventId: 1), .recordAudit(action: .retry, detail: "eventbrite:51660376577")])
    }

    @Test func disconnectedWithADisconnectedIntegrationGoesToIntegrationsFirst() {
        var s = F.eventView()
        var e = F.summit
        e.syncStatus = .disconnected
        e.lastError = "401 token revoked"
        _ = update(&s, .eventStatusChanged(e), now: now)
        _ = update(&s, .integrationsLoaded([F.integration(.eventbrite, .disconnected)]), now: now)
        #expect(update(&s, .key(.char("R")), now: now) == [.loadIntegrations])
        #expect(s.screen == .integrations && s.integrationsScreen.entry?.provider == .eventbrite)
        // New token, then back to the event: R now reconnects.
        for c in "new-token-1234" { _ = update(&s, .key(.char(c)), now: now) }
        #expect(update(&s, .key(.enter), now: now) == [.connectIntegration(.eventbrite, Secret("new-token-1234"))])
        _ = update(&s, .integrationConnected(F.integration()), now: now)
        // Issue #17: its disconnected events are offered for reconnecting; Esc: not now.
        #expect(s.integrationsScreen.reconnectOffer?.eventIds == [1])
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .integrations)
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .eventView(eventId: 1))
        #expect(update(&s, .key(.char("R")), now: now) == [.reconnect(eventId: 1), .recordAudit(action: .reconnect, detail: "eventbrite:51660376577")])
        _ = update(&s, .importStarted(e), now: now)
        #expect(s.screen == .importProgress(eventId: 1))
    }

    @Test func dataChangedReloadsTheVisiblePageAndStatsOnly() {
        var s = F.eventView(rows: F.page(offset: 68, count: 120), total: 100_000)
        s.eventView!.windowOffset = 68
        #expect(update(&s, .dataChanged(eventId: 1), now: now) == [.loadStats(eventId: 1), .loadAttendeePage(q(68))])
        #expect(update(&s, .dataChanged(eventId: 9), now: now) == [])
    }

    @Test func credentialNeverAppearsInDescriptions() {
        let effect = Effect.connectIntegration(.luma, Secret("secret-key-abcd"))
        #expect(!"\(effect)".contains("secret-key"))
        #expect("\(effect)".contains("••••abcd"))
        var s = F.dashboard()
        _ = update(&s, .key(.char("I")), now: now)
        _ = update(&s, .key(.enter), now: now)
        for c in "secret-key-abcd" { _ = update(&s, .key(.char(c)), now: now) }
        #expect(!String(describing: s).contains("secret-key"))
        #expect(!F.text(s).contains("secret"))
        #expect(F.text(s).contains("•••••••••••••••"))
    }
}

