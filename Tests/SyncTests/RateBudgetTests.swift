import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

@Suite struct RateBudgetTests {
    /// An hour of polling on a virtual clock (no real waiting) never plans above 80 % of either
    /// provider's limit, Luma's periodic full scans included.
    @Test func anHourOfPollingStaysWithinEveryProvidersBudget() async throws {
        let clock = VirtualPolicyClock(start: Date())
        let f = try SyncFixture(attendees: 600, config: SyncConfig(pollInterval: 15, lumaFullScanInterval: 300),
                                clock: clock, eventbriteLimit: .eventbrite, lumaLimit: .luma)
        let eb = try await f.imported(.eventbrite)
        let luma = try await f.imported(.luma)
        for _ in 0..<240 {
            await f.engine.pollDueEvents()
            clock.advance(by: 15)
        }
        #expect(try f.store.event(id: eb.id)?.syncStatus == .active)
        #expect(try f.store.event(id: luma.id)?.syncStatus == .active)
        let lumaPeak = f.recorder.maxInAnyWindow(seconds: 60, pathPart: "/v1/")
        let ebPeak = f.recorder.maxInAnyWindow(seconds: 3600, pathPart: "/v3/")
        #expect(lumaPeak <= 160, "Luma peak \(lumaPeak)/min")
        #expect(ebPeak <= 1600, "Eventbrite peak \(ebPeak)/h")
        // Eventbrite polls cost one request each; Luma's full scans did run.
        #expect(ebPeak < 240 + 20)
        #expect(f.recorder.maxInAnyWindow(seconds: 3600, pathPart: "/v1/") > 240 * 2)
    }
}
