import BadgeCore
import Foundation
import Simulator
import Testing
import TestSupport

/// Issue #17, rough edges a first-time operator hit on the command line: help that states the
/// real defaults, read commands that never create a database, no stray Foundation directories,
/// re-import counts that add up, and Luma's guest count in the list and the progress bar.
@Suite(.serialized) struct FirstRunRoughEdgesTests {
    /// Help text with its wrapping undone (a long option line may continue on the next).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func demoAndSimulateHelpStateTheDefaultsTheyUse() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let demo = Self.flat(try badge.run(["demo", "--help"]).stdout)
        // DemoSession: 2 500 attendees; 500 ms a request for Eventbrite, 100 ms for Luma.
        #expect(demo.contains("attendees in the demo event (default 2500)"), "\(demo)")
        #expect(demo.contains("in milliseconds (default 500 for Eventbrite, 100 for Luma)"), "\(demo)")
        #expect(!demo.contains("(default 500)") && !demo.contains("(default 0)"))
        // badge simulate: SimulatorConfig's 500 attendees and 2 events per provider.
        let simulate = Self.flat(try badge.run(["simulate", "--help"]).stdout)
        let defaults = SimulatorConfig()
        #expect(simulate.contains("attendees per event (default \(defaults.attendees))"))
        #expect(simulate.contains("events per provider (default \(defaults.events))"), "\(simulate)")
    }
}
