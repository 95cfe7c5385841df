import Foundation
import Testing
import BadgeCore

/// The mass-cancellation guard's rule and its words (issue #13).
@Suite struct MassCancellationGuardTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func moreThanTheThresholdIsHeldUpToItIsApplied() {
        #expect(HeldCancellation.check(count: 15, attending: 150, thresholdPercent: 10, at: Self.now) == nil)
        let held = HeldCancellation.check(count: 16, attending: 150, thresholdPercent: 10, at: Self.now)
        #expect(held == HeldCancellation(count: 16, attending: 150, detectedAt: Self.now))
        #expect(HeldCancellation.check(count: 0, attending: 0, thresholdPercent: 10, at: Self.now) == nil)
        #expect(HeldCancellation.check(count: 0, attending: 150, thresholdPercent: 0, at: Self.now) == nil)
        #expect(HeldCancellation.check(count: 1, attending: 150, thresholdPercent: 0, at: Self.now) != nil)
        #expect(HeldCancellation.check(count: 150, attending: 150, thresholdPercent: 100, at: Self.now) == nil)
        #expect(HeldCancellation.check(count: 40, attending: 150, thresholdPercent: 30, at: Self.now) == nil)
        #expect(HeldCancellation.check(count: 46, attending: 150, thresholdPercent: 30, at: Self.now) != nil)
    }

    @Test func theAlertNamesHowManyAndWhy() throws {
        let held = try #require(HeldCancellation.check(count: 150, attending: 150, thresholdPercent: 10, at: Self.now))
        #expect(held.summary == "Resync would cancel 150 of 150 attendees (100 %) — not applied")
        var event = Event(provider: .eventbrite, externalId: "1", name: "Summit", syncStatus: .active, accessCode: "ABC123")
        #expect(EventAlert.for(event, importRunning: false) == nil)
        event.heldCancellation = held
        let alert = try #require(EventAlert.for(event, importRunning: false))
        #expect(alert == .cancellationsHeld(held))
        #expect(alert.reason == held.summary)
        #expect(alert.recoveryLabel.contains("[R] Retry") && alert.recoveryLabel.contains("[C] Confirm"))
        // Disconnected wins: reconnecting comes first.
        event.syncStatus = .disconnected
        #expect(EventAlert.for(event, importRunning: false)?.title == "Integration disconnected")
    }

    @Test func confirmingNeedsAnAdmin() {
        #expect(Role.admin.allows(.confirmCancellations))
        #expect(!Role.staff.allows(.confirmCancellations))
        #expect(Role.staff.refusal(for: .confirmCancellations) == "confirming held cancellations needs an admin (signed in as staff)")
    }

    @Test func theThresholdIsConfigurable() throws {
        #expect(try BadgeConfig.parse("").massCancelThreshold == 10)
        #expect(try BadgeConfig.parse("mass_cancel_threshold = 25").massCancelThreshold == 25)
        #expect(try BadgeConfig.parse("mass_cancel_threshold = 2.5 %  # percent").massCancelThreshold == 2.5)
        for bad in ["-1", "101", "nan", "lots", ""] {
            #expect(throws: BadgeConfig.ParseError(line: 1, message: "mass_cancel_threshold must be a percentage from 0 to 100")) {
                try BadgeConfig.parse("mass_cancel_threshold = \(bad)")
            }
        }
    }
}
