import BadgeCore
import Foundation
import Providers
import Storage
import Testing
import TestSupport

/// Issue #18 item 5 through the command line: separate `badge` processes on one database spend
/// one rate budget per provider account, and connecting while the account is held says so.
@Suite struct SharedBudgetCLITests {
    @Test func separateProcessesSpendOneBudget() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let harness = try SimulatorHarness()
        defer { harness.stop() }
        let db = badge.path("b.sqlite")
        let token = harness.credential(for: .eventbrite)
        let connect = try badge.run(["integrations", "connect", "eventbrite", "--token", token,
                                     "--base-url", harness.eventbriteBaseURL, "--db", db])
        #expect(connect.status == 0, "\(connect.stderr)")
        let available = try badge.run(["events", "available", "eventbrite", "--db", db])
        #expect(available.status == 0, "\(available.stderr)")
        // who-am-I (1) + organizations and their events (2), each from its own process.
        let store = try SQLiteStore.open(path: db)
        let use = try store.rateUse(account: RateAccount.key(provider: .eventbrite, credential: token),
                                    window: RateBudget.Limit.eventbrite.window, now: Date())
        #expect(use.used == 3)
    }

    @Test func connectingWhileAnotherProcessIsHeldSaysRateLimitedNotRefused() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        do {
            // Another process got "Retry-After: 600" for this token a moment ago.
            let store = try SQLiteStore.open(path: db)
            try store.blockRate(account: RateAccount.key(provider: .eventbrite, credential: "EB-TOKEN-12345678"),
                                until: Date().addingTimeInterval(600))
        }
        let result = try badge.run(["integrations", "connect", "eventbrite", "--token", "EB-TOKEN-12345678",
                                    "--base-url", "http://127.0.0.1:9/v3", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1)
        #expect(!result.stderr.contains("credential"))
        #expect(result.stderr.hasPrefix("badge: error: rate limited by Eventbrite: try again in 6"), "\(result.stderr)")
    }
}
