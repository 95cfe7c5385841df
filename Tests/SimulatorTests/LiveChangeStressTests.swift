import BadgeCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Simulator
import TestSupport
import Testing

@Suite struct LiveChangeStressTests {
    @Test func pagingStaysConsistentWhileLiveChangesAndEditsRun() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 2_000, events: 1, seed: 12, eventbriteRateLimit: 100_000,
                                                     lumaRateLimit: 100_000))
        defer { h.stop() }
        h.simulator.setLiveRate(30_000)  // one change every 2 ms
        let event = try #require(h.firstEventId(.luma))
        let key = ["x-luma-api-key": h.credential(for: .luma)]
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var seen = Set<String>()
                    var cursor: String?
                    var pages = 0
                    repeat {
                        var url = h.lumaBaseURL + "/v1/events/guests/list?event_id=\(event)&sort_column=registered_at&sort_direction=desc"
                        if let cursor { url += "&pagination_cursor=\(cursor)" }
                        let page = try await HTTP.get(url, headers: key)
                        guard page.status == 200 else { throw SimulatorError.invalidArgument("status \(page.status)") }
                        for entry in page.object["entries"] as? [[String: Any]] ?? [] {
                            if let id = entry["id"] as? String { seen.insert(id) }
                        }
                        pages += 1
                        cursor = page.object["has_more"] as? Bool == true ? page.object["next_cursor"] as? String : nil
                    } while cursor != nil && pages < 200
                    return seen.count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        h.simulator.setLiveRate(0)
        let total = h.simulator.events(for: .luma)[0].attendeeCount
        #expect(total > 2_000)
        // Pages shift while new guests arrive at the head, but every original guest is still served.
        #expect(counts.count == 4)
        #expect(counts.allSatisfy { $0 >= 2_000 && $0 <= total })
    }
}
