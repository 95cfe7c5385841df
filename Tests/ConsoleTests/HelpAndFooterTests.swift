import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The key table drives the help screen and the footer, and station mode filters both.
@Suite struct HelpAndFooterTests {
    @Test func helpListsEveryBindingOfTheTable() {
        let lines = HelpView.lines(Scene.help(), width: 400).map(\.0)  // unwrapped
        for b in KeyBindings.all where !HelpView.modal.contains(b.context) {
            #expect(lines.contains { $0.contains(b.label) && $0.contains(b.summary) }, "help misses \(b.label) \(b.summary)")
        }
    }

    @Test func stationModeHidesAdminKeysEverywhere() {
        var s = Scene.syncFailed()
        s.stationMode = true
        let help = HelpView.lines(s).map(\.0)
        #expect(!help.contains { $0.contains("(admin)") })
        #expect(!help.contains { $0.contains("Retry / reconnect") })
        let text = F.text(s)
        #expect(!text.contains("R Recover"))
        #expect(text.contains("ask an admin to recover"))
        #expect(text.contains("S Sync") || text.contains("[S]ync"), "staff may still resync")
        var dash = F.dashboard()
        dash.stationMode = true
        #expect(F.text(dash).contains("STATION MODE · ada"))
        #expect(F.text(dash).hasSuffix("\n Enter Open                                                      ? Help  q Quit"))
    }

    @Test func helpScrollsWithinItsLines() {
        var s = Scene.help()
        for _ in 0..<200 { _ = update(&s, .key(.down), now: F.now) }
        let buf = render(s, size: Size(width: 80, height: 24), now: F.now)
        #expect(buf.text.contains("Scanner"), "scrolled to the end, the last section is visible")
        #expect(!buf.text.contains("First attendee"), "the first lines scrolled away")
    }

    @Test func footerHintsFollowTheState() {
        var s = Scene.eventView()
        #expect(KeyBindings.footer(for: s).map(\.label).contains("S"))
        s.syncInFlight = [1]
        #expect(!KeyBindings.footer(for: s).map(\.label).contains("S"), "a disabled Sync is not hinted")
        s.eventView?.rows = []
        s.eventView?.total = 0
        let labels = KeyBindings.footer(for: s).map(\.label)
        #expect(!labels.contains("c") && !labels.contains("Enter"), "row actions need a row")
    }
}
