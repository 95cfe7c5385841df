import Foundation
import Testing
import BadgeCore
import Providers
import Simulator
import Storage
import Sync
import TestSupport

/// The case end to end through the sync engine: a CLI import in one process, the console
/// in another, one SQLite file. The console's header budget (`SyncEngine.budget`) counts the
/// import's requests, and the console's own poll counts for the importer too.
@Suite struct EngineSharedBudgetTests {
    @Test func theConsoleSeesWhatACLIImportSpent() async throws {
        let harness = try SimulatorHarness(SimulatorConfig(attendees: 300, events: 1))
        defer { harness.stop() }
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let cliStore = try SQLiteStore.open(path: path)
        let consoleStore = try SQLiteStore.open(path: path)
        func engine(_ store: SQLiteStore) -> SyncEngine {
            SyncEngine(store: store, clientFactory: DefaultClientFactory.make(ledger: StoreRateLedger.of(store)))
        }
        let cli = engine(cliStore)
        try await cli.connect(provider: .eventbrite, credential: harness.credential(for: .eventbrite),
                              baseURL: harness.eventbriteBaseURL)
        let event = try await cli.startImport(provider: .eventbrite, externalId: try #require(harness.firstEventId(.eventbrite)))
        let imported = try #require(try await cli.waitForImport(eventId: event.id))
        #expect(imported.syncStatus == .active)
        let spent = harness.simulator.requestCounts().total
        #expect(spent > 3)

        let console = engine(consoleStore)
        let seen = try #require(await console.budget(provider: .eventbrite))
        #expect(seen.remaining == 1600 - spent, "console shows \(seen.remaining), the CLI spent \(spent)")
        #expect(seen.window == 3600)

        _ = try await console.poll(eventId: event.id)
        let afterPoll = try #require(await cli.budget(provider: .eventbrite))
        #expect(afterPoll.remaining == 1600 - harness.simulator.requestCounts().total)
        #expect(afterPoll.remaining < seen.remaining)
    }
}
