import Foundation
import Storage
import Testing

@Suite struct LogScrubberTests {
    let scrubber = LogScrubber(values: ["Ada Lovelace", "ada@example.com", "1111", "山田 太郎", "Al", "A99"])

    @Test func replacesEachQuotedValueAndKeepsTheRestOfTheLine() {
        #expect(scrubber.redact("2026-12-04T10:00:00Z WARNING badge checkin: Ada Lovelace is already checked in")
                == "2026-12-04T10:00:00Z WARNING badge checkin: [purged] is already checked in")
        #expect(scrubber.redact("x: no attendee with code '1111' (mail ada@example.com)")
                == "x: no attendee with code '[purged]' (mail [purged])")
        #expect(scrubber.redact("checkin: 山田 太郎 is NOT_ATTENDING") == "checkin: [purged] is NOT_ATTENDING")
        #expect(scrubber.redact("Luma guest A99: checked_in_at 'x'") == "Luma guest [purged]: checked_in_at 'x'")
    }

    @Test func leavesOtherLinesAndShortValuesAlone() {
        #expect(scrubber.redact("console started") == nil)
        #expect(scrubber.redact("Al said 11111 Ada") == nil)  // "Al" is too short; "Ada" alone is not the name
    }

    @Test func rewritesTheLogAndItsRotatedFileInPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scrub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("badge.log").path
        try "a\nAda Lovelace is already checked in\nb\n".write(toFile: log, atomically: false, encoding: .utf8)
        try "old ada@example.com\n".write(toFile: log + ".1", atomically: false, encoding: .utf8)
        #expect(try scrubber.scrub(logAt: log) == 2)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "a\n[purged] is already checked in\nb\n")
        #expect(try String(contentsOfFile: log + ".1", encoding: .utf8) == "old [purged]\n")
    }
}
