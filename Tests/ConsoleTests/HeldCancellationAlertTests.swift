import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The event view's alert for cancellations the mass-cancellation guard held back (issue #13):
/// how many and why, with R (retry) and, for admins, C (confirm).
@Suite struct HeldCancellationAlertTests {
    static func held(_ size: Size) -> AppState {
        var s = F.eventView(size: size)
        var e = F.summit
        e.syncStatus = .active
        e.heldCancellation = HeldCancellation(count: 150, attending: 150, detectedAt: F.now)
        _ = update(&s, .eventStatusChanged(e), now: F.now)
        return s
    }

    @Test func theAlertSaysHowManyAndOffersRetryAndConfirm() {
        let text = F.text(Self.held(Size(width: 120, height: 40)))
        #expect(text.contains("▲ Cancellations held: Resync would cancel 150 of 150 attendees (100 %) — not applied"))
        #expect(text.contains("[R] Retry · [C] Confirm"))
        // Live sync is still running: the header does not claim a failure.
        #expect(text.contains("● Syncing"))
    }

    @Test func stationModeHidesTheAdminRecoveries() {
        var s = Self.held(Size(width: 120, height: 40))
        s.stationMode = true
        let text = F.text(s)
        #expect(text.contains("Cancellations held"))
        #expect(!text.contains("[C] Confirm"))
        #expect(update(&s, .key(.char("C")), now: F.now).isEmpty)
    }
}
