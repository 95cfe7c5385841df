import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// `badge demo` opens the console on its event, not on the dashboard.
@Suite struct ConsoleAppOpenDirectlyTests {
    @Test func aRunningImportOpensOnTheProgressViewWhichSwapsToTheEventViewByItself() {
        var s = AppState.start(members: [])
        let effects = s.openDirectly(F.meetup, importRunning: true, now: F.now)
        #expect(s.screen == .importProgress(eventId: 2))
        #expect(effects == [.loadEventView(eventId: 2)])
        #expect(F.text(s).contains("Importing"))
        #expect(!F.text(s).contains("Import failed"))

        let result = SyncResult(eventId: 2, syncStatus: .active, counts: SyncCounts(added: 40), requests: 1, durationMs: 5)
        let next = update(&s, .importFinished(eventId: 2, result), now: F.now)
        #expect(s.screen == .eventView(eventId: 2))
        #expect(next.contains(.loadStats(eventId: 2)))
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.screen == .dashboard, "Esc goes back to the dashboard")
    }

    @Test func aStoppedImportShowsImportFailedWithRetry() {
        var s = AppState.start(members: [])
        _ = s.openDirectly(F.meetup, importRunning: false, now: F.now)
        #expect(s.screen == .importProgress(eventId: 2))
        #expect(s.alert(for: 2) != nil, "no job runs: the alert offers Retry")
    }

    @Test func anImportedEventOpensOnTheEventView() {
        var s = AppState.start(members: [])
        let effects = s.openDirectly(F.summit, importRunning: false, now: F.now)
        #expect(s.screen == .eventView(eventId: 1))
        #expect(effects.contains(.loadStats(eventId: 1)) && effects.contains(.loadEventView(eventId: 1)))
    }

    @Test func theLoginScreenComesFirst() {
        var s = AppState.start(members: [MemberSummary(name: "ada", role: .admin)])
        #expect(s.openDirectly(F.summit, importRunning: false, now: F.now) == [])
        #expect(s.screen == .login)
    }
}
