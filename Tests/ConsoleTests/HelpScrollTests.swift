import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Help at 80×24 (issue #17): no line is cut, and PgDn/End reach its last line.
@Suite struct HelpScrollTests {
    let now = F.now

    @Test func noHelpLineIsCutAt80Columns() {
        var s = Scene.help()
        var seen: [String] = []
        for _ in 0..<40 {
            seen += F.text(s).split(separator: "\n").map(String.init)
            _ = update(&s, .key(.pageDown), now: now)
        }
        let body = seen.filter { !$0.contains("more below") && !$0.contains("more above") }
        #expect(!body.contains { $0.contains("…") }, "cut: \(body.filter { $0.contains("…") })")
        #expect(seen.contains { $0.contains("the same code within 3 s is ignored") }, "the last line is reached")
        let wrapped = HelpView.lines(s, width: 80).map(\.0)
        #expect(wrapped.allSatisfy { DisplayWidth.of($0) <= 78 })
    }

    @Test func endShowsTheLastHelpLine() {
        var s = Scene.help()
        _ = update(&s, .key(.end), now: now)
        let last = HelpView.lines(s).last!.0.trimmingCharacters(in: .whitespaces)
        #expect(F.text(s).contains(last))
        #expect(F.text(s).contains("↑ more above"))
    }
}
