import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Messages end with what they are about (issue #17): a setup screen's error stays on it, R's
/// "Retrying the sync…" gives way to the failure, a scan under Help acts on the event below.
@Suite struct StaleMessagesTests {
    let now = F.now

    @Test func anIntegrationsErrorDoesNotFollowIntoTheEventView() {
        var s = Scene.integrations(typing: "bad-token")
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .operationFailed("Eventbrite refused the token (401)"), now: now)
        #expect(F.text(s).contains("✖ Eventbrite refused the token (401)"), "shown where it happened")
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .dashboard)
        #expect(s.toast == nil)
        _ = update(&s, .key(.enter), now: now)
        #expect(s.screen == .eventView(eventId: 1))
        #expect(!F.text(s).contains("refused the token"))
    }

    @Test func aFailureAboutAPersonFollowsTheOperator() {
        var s = F.eventView()
        _ = update(&s, .operationFailed("Check-in NOT saved: disk full"), now: now)
        _ = update(&s, .key(.enter), now: now)
        #expect(s.screen == .attendeeCard(attendeeId: 1))
        #expect(s.toast?.text == "Check-in NOT saved: disk full")
    }

    @Test func aFailedRetryReplacesRetryingTheSync() {
        var s = F.eventView()
        var e = F.summit
        e.syncStatus = .failed
        e.lastError = "503 from provider"
        _ = update(&s, .eventStatusChanged(e), now: now)
        _ = update(&s, .key(.char("R")), now: now)
        #expect(s.toast?.text == "Retrying the sync…")
        _ = update(&s, .syncFailed(eventId: 1, reason: "502 from provider", nextRetryAt: now.addingTimeInterval(120)),
                   now: now)
        #expect(s.toast?.text == "Sync failed: 502 from provider — retrying in 2 min")
        #expect(s.toast?.kind == .error)
        #expect(!F.text(s).contains("Retrying the sync"))
    }

    @Test func aBackgroundSyncFailureElsewhereSaysNothing() {
        var s = F.dashboard()
        _ = update(&s, .syncFailed(eventId: 1, reason: "502 from provider", nextRetryAt: nil), now: now)
        #expect(s.toast == nil)
    }

    @Test func aScanWhileHelpCoversTheTableIsAScanOfThatEvent() {
        var s = Scene.help()
        #expect(update(&s, .scanned("BC2"), now: now) == [.lookupScan(eventId: 1, code: "BC2")])
        #expect(s.screen == .scan(eventId: 1))
        #expect(s.toast == nil)
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .eventView(eventId: 1), "Esc returns to the table, not to Help")
    }

    @Test func aScanWhileHelpCoversTheScanScreenStaysOnIt() {
        var s = F.eventView()
        _ = update(&s, .key(.char("s")), now: now)
        _ = update(&s, .key(.function(1)), now: now)
        #expect(s.screen == .help)
        #expect(update(&s, .scanned("BC2"), now: now) == [.lookupScan(eventId: 1, code: "BC2")])
        #expect(s.screen == .scan(eventId: 1))
        #expect(s.backStack == [.dashboard, .eventView(eventId: 1)])
    }

    @Test func aScanWhileHelpCoversACardReplacesTheCard() {
        var s = Scene.card(1)
        _ = update(&s, .key(.char("?")), now: now)
        #expect(update(&s, .scanned("BC3"), now: now) == [.lookupScan(eventId: 1, code: "BC3")])
        #expect(s.screen == .scan(eventId: 1))
        #expect(s.card == nil)
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .eventView(eventId: 1))
    }

    @Test func aScanWhileHelpCoversTheDashboardStillSaysOpenAnEvent() {
        var s = F.dashboard()
        _ = update(&s, .key(.char("?")), now: now)
        #expect(update(&s, .scanned("BC2"), now: now) == [])
        #expect(s.toast?.text == "Open an event to scan badges")
        _ = update(&s, .key(.escape), now: now)
        #expect(s.toast == nil, "the hint was about the screen it was said on")
    }
}
