import Foundation
import Testing

/// The README's command reference is the output of `badge --help`: both come from the one
/// command table, and this test keeps the README from drifting.
@Suite struct ReadmeReferenceTests {
    @Test func readmeListsTheSameCommandsAsHelp() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let help = try badge.run(["--help"]).stdout
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "Commands:")) + 1
        let end = lines[start...].firstIndex(of: "") ?? lines.count
        let reference = lines[start..<end].joined(separator: "\n")
        #expect(reference.contains("badge events list"))

        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(reference), "README.md 'Command reference' differs from `badge --help`")
        #expect(readme.contains("./.ci/test"))
        #expect(readme.contains("swift run badge demo"))
    }
}
