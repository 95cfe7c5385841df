import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The header shows the rate budget the account has left with its window (issue #18 item 5):
/// "API 1 599 / h" for Eventbrite, "API 98 / min" for Luma.
@Suite struct RateBudgetHeaderTests {
    @Test func theBudgetReadsWithItsWindow() {
        #expect(RateBudget(remaining: 1599, limit: 1600, window: 3600).headerText == "API 1 599 / h")
        #expect(RateBudget(remaining: 98, limit: 160, window: 60).headerText == "API 98 / min")
        #expect(RateBudget(remaining: 0, limit: 1600, window: 3600).headerText == "API 0 / h")
        #expect(RateBudget(remaining: 12_345_678, limit: 20_000_000, window: 86_400).headerText == "API 12 345 678 / 24 h")
    }

    @Test func theHeaderShowsWhatIsLeftAt80x24() {
        var s = F.eventView()
        _ = update(&s, .rateBudgetChanged(.eventbrite, RateBudget(remaining: 556, limit: 1600, window: 3600)), now: F.now)
        let header = F.text(s).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasSuffix("● Syncing · 12 s ago · API 556 / h  [S]ync"), "\(header)")
        #expect(DisplayWidth.of(header) <= 80)
    }
}
