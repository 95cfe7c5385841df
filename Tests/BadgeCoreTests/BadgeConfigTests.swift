import Testing
import BadgeCore

@Suite struct BadgeConfigTests {
    @Test func parsesEveryKeyWithCommentsAndBlankLines() throws {
        let c = try BadgeConfig.parse("""
        # desk laptop
        theme = mono
        poll_interval = 30   # seconds

        printer = Zebra_GK420d
        station = Door A
        """)
        #expect(c.theme == "mono")
        #expect(c.pollInterval == 30)
        #expect(c.printer == "Zebra_GK420d")
        #expect(c.station == "Door A")
        #expect(c.font == nil)
    }

    @Test func emptyFileGivesDefaults() throws {
        let c = try BadgeConfig.parse("")
        #expect(c.theme == "default")
        #expect(c.pollInterval == 15)
    }

    @Test func errorsNameTheLine() {
        #expect(throws: BadgeConfig.ParseError(line: 2, message: "unknown setting 'colour' (known: theme, poll_interval, printer, station, font, mass_cancel_threshold)")) {
            try BadgeConfig.parse("theme = light\ncolour = red")
        }
        #expect(throws: BadgeConfig.ParseError(line: 1, message: "poll_interval must be 5 to 3600 seconds")) {
            try BadgeConfig.parse("poll_interval = 1")
        }
        #expect(throws: BadgeConfig.ParseError(line: 3, message: "expected 'key = value'")) {
            try BadgeConfig.parse("\n\njust words")
        }
    }
}
