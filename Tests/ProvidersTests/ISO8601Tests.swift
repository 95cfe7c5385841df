import Foundation
import Testing
import BadgeCore

@Suite struct ISO8601Tests {
    @Test func parsesPlainAndFractionalUTC() {
        #expect(ISO8601.parse("2018-10-22T18:26:56Z")?.timeIntervalSince1970 == 1_540_232_816)
        let fractional = ISO8601.parse("2024-06-10T17:29:03.804Z")
        #expect(fractional != nil)
        #expect(abs(fractional!.timeIntervalSince1970 - 1_718_040_543.804) < 0.0005)
    }

    @Test func parsesOffsetsAndRejectsGarbage() {
        #expect(ISO8601.parse("2024-06-10T19:29:03+02:00") == ISO8601.parse("2024-06-10T17:29:03Z"))
        #expect(ISO8601.parse("2024-06-10T12:29:03-0500") == ISO8601.parse("2024-06-10T17:29:03Z"))
        #expect(ISO8601.parse("2024-06-10") == nil)
        #expect(ISO8601.parse("2024-13-10T17:29:03Z") == nil)
        #expect(ISO8601.parse("2024-06-10T17:29:03Zjunk") == nil)
        #expect(ISO8601.parse("") == nil)
    }

    @Test func formatsRoundTrip() {
        let instant = Date(timeIntervalSince1970: 1_718_040_543.804)
        #expect(ISO8601.format(instant) == "2024-06-10T17:29:03Z")
        #expect(ISO8601.formatWithMilliseconds(instant) == "2024-06-10T17:29:03.804Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.format(date("2000-02-29T23:59:59Z")) == "2000-02-29T23:59:59Z")
        #expect(ISO8601.format(date("1969-12-31T23:59:59Z")) == "1969-12-31T23:59:59Z")
    }
}
