import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// What the operator reads after background work answers, as seen running the console in tmux.
@Suite struct ConsoleAppMessagesTests {
    @Test func vipToggleSaysWhoChanged() {
        var s = F.eventView()
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.char("v")), now: F.now)
        var stored = F.rows[1]
        stored.vip = true
        _ = update(&s, .vipToggled(stored), now: F.now)
        #expect(s.toast?.text == "★ VIP: \(stored.name)")
        stored.vip = false
        _ = update(&s, .vipToggled(stored), now: F.now)
        #expect(s.toast?.text == "VIP removed: \(stored.name)")
    }

    @Test func importFinishedCountsAreGroupedLikeEveryOtherCount() {
        var s = Scene.importing()
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 6_000), requests: 27,
                                durationMs: 4_000)
        _ = update(&s, .importFinished(eventId: 2, result), now: F.now)
        #expect(s.toast?.text == "Import finished: 6 000 attendees")
    }

    @Test func importFinishedCountsTheAttendeesPagedNotTheSweepsSecondLook() {
        var s = Scene.importing()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 27, pagesTotal: 27, attendeesSoFar: 2_500,
                                                                    startedAt: F.now)), now: F.now)
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 2_500, unchanged: 24),
                                requests: 28, durationMs: 4_000)
        _ = update(&s, .importFinished(eventId: 2, result), now: F.now)
        #expect(s.toast?.text == "Import finished: 2 500 attendees")
    }

    @Test func registrationsThatArriveDuringTheImportAreCounted() {
        var s = Scene.importing()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 27, pagesTotal: 27, attendeesSoFar: 2_500,
                                                                    startedAt: F.now)), now: F.now)
        // The closing sweep added one registration made while the pages were read.
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 2_501, unchanged: 3),
                                requests: 28, durationMs: 4_000)
        _ = update(&s, .importFinished(eventId: 2, result), now: F.now)
        #expect(s.toast?.text == "Import finished: 2 501 attendees")
    }

    @Test func aResumedImportSaysHowManyWereNew() {
        var s = Scene.importing()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 27, pagesTotal: 27, attendeesSoFar: 2_500,
                                                                    startedAt: F.now)), now: F.now)
        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 1_935, unchanged: 3),
                                requests: 21, durationMs: 3_000)
        _ = update(&s, .importFinished(eventId: 2, result), now: F.now)
        #expect(s.toast?.text == "Import finished: 2 500 attendees (1 935 new, 0 changed)")
    }

    @Test func helpSaysWhenMoreKeysAreBelowAndAbove() {
        var s = Scene.help()
        #expect(F.text(s).contains("↓ more below — ↓/j, PgDn, End scroll"))
        for _ in 0..<200 { _ = update(&s, .key(.down), now: F.now) }
        #expect(F.text(s).contains("↑ more above — ↑/k, PgUp, Home scroll"))
        #expect(!F.text(s).contains("↓ more below"))
    }

    @Test func helpScrollStopsAtTheEndSoOneKeyUpScrollsBack() {
        var s = Scene.help()
        for _ in 0..<200 { _ = update(&s, .key(.down), now: F.now) }
        let bottom = F.text(s)
        _ = update(&s, .key(.up), now: F.now)
        #expect(F.text(s) != bottom, "one ↑ after scrolling past the end moves the text")
    }

    @Test func helpThatFitsHasNoMoreLine() {
        let s = Scene.help(Size(width: 120, height: 140))
        #expect(!F.text(s).contains("more below") && !F.text(s).contains("more above"))
        #expect(F.text(s).contains("Scanner"))
    }
}
