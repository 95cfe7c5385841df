import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// `SyncEngine.watch`, the loop behind `badge watch`, on a virtual clock (no real waiting).
@Suite(.serialized) struct WatchTests {
    @Test func watchPollsOnTheIntervalForTheDurationAndReportsChanges() async throws {
        let clock = VirtualPolicyClock(start: Date())
        let f = try SyncFixture(attendees: 100, clock: clock)
        let event = try await f.imported(.eventbrite)
        var ticks: [WatchTick] = []
        var times: [Date] = []
        let start = clock.now()
        for await tick in f.engine.watch(eventId: event.id, interval: 15, duration: 60) {
            if ticks.isEmpty { try f.simulator.addRegistrations(event: event.externalId, count: 2) }
            ticks.append(tick)
            if case .synced(_, let at) = tick { times.append(at) }
        }
        #expect(ticks.count == 4)  // at 0, 15, 30 and 45 s
        #expect(times.map { Int($0.timeIntervalSince(start).rounded()) / 15 } == [0, 1, 2, 3])
        guard case .synced(let second, _) = ticks[1] else { Issue.record("\(ticks[1])"); return }
        #expect(second.counts.added >= 2)
        #expect(ticks.allSatisfy { $0.syncStatus == .active })
    }

    @Test func watchEndsWhenTheCredentialIsRevokedAndKeepsGoingThroughFailures() async throws {
        let clock = VirtualPolicyClock(start: Date())
        let f = try SyncFixture(attendees: 60, clock: clock)
        let event = try await f.imported(.luma)
        var ticks: [WatchTick] = []
        for await tick in f.engine.watch(eventId: event.id, interval: 10, duration: nil) {
            ticks.append(tick)
            switch ticks.count {
            case 1: f.simulator.injectFault(FaultRule(kind: .status(500, body: nil), probability: 1, provider: .luma))
            case 2: f.simulator.clearFaults()
            case 3: f.simulator.revokeCredential(.luma)
            default: break
            }
            if ticks.count > 10 { break }
        }
        #expect(ticks.map(\.syncStatus) == [.active, .failed, .active, .disconnected])
        guard case .failed(_, _, let reason, _) = ticks.last else { Issue.record("no failure tick"); return }
        #expect(reason.contains("rejected the credential"))
    }
}
