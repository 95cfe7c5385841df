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

    @Test func scanSettings() throws {
        let c = try BadgeConfig.parse("scan_gap_ms = 80\nscan_mode = express")
        #expect(c.scanGapMs == 80 && c.expressScan)
        #expect(try BadgeConfig.parse("").scanGapMs == 50)
        #expect(try !BadgeConfig.parse("").expressScan)
        #expect(throws: BadgeConfig.ParseError(line: 1, message: "scan_gap_ms must be 10 to 500 milliseconds")) {
            try BadgeConfig.parse("scan_gap_ms = 5000")
        }
        #expect(throws: BadgeConfig.ParseError(line: 1, message: "scan_mode must be express or standard")) {
            try BadgeConfig.parse("scan_mode = turbo")
        }
    }

    @Test func errorsNameTheLine() {
        #expect(throws: BadgeConfig.ParseError(line: 2, message: "unknown setting 'colour' (known: theme, poll_interval, printer, print_station, station, desk, database, font, scan_gap_ms, scan_mode, mass_cancel_threshold, mask_emails)")) {
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

/// SPEC §11: a desk's name (`desk =`, the same setting as `station =`) and the shared database.
struct BadgeConfigSharedStoreTests {
    @Test func deskAndDatabaseAreRead() throws {
        let config = try BadgeConfig.parse("desk = Door B\ndatabase = postgresql://badge@db.local/event?sslmode=require")
        #expect(config.station == "Door B")
        #expect(config.database == "postgresql://badge@db.local/event?sslmode=require")
        #expect(try BadgeConfig.parse("station = Door A").station == "Door A")
        #expect(try BadgeConfig.parse("database =").database == nil)
    }
}
