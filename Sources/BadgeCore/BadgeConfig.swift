import Foundation

/// The user's configuration file (`$XDG_CONFIG_HOME/badge/config`, SPEC §8): `key = value` lines,
/// `#` comments. Unknown keys are errors with their line number, so a typo never silently does
/// nothing. Command-line options override it.
///
/// ```
/// theme = mono
/// poll_interval = 15        # seconds, 5…3600
/// printer = zpl://10.0.0.5  # a printer address (SPEC §12) or a CUPS queue name; empty = write PDFs
/// print_station = Hall A    # send this desk's prints to that print station's queue instead
/// station = Door A          # this desk's name, recorded with every check-in (also `desk =`)
/// database = postgresql://badge@db.local/event?sslmode=require   # the shared store (SPEC §11)
/// font = /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
/// scan_gap_ms = 50          # longest gap between two keys of a scanner burst, 10…500
/// scan_mode = standard      # express: a valid scan checks in and prints at once
/// mass_cancel_threshold = 10   # percent of attendees a full resync may cancel at once, 0…100
/// mask_emails = true        # station mode shows emails as j•••@example.com (the kiosk always does)
/// ```
public struct BadgeConfig: Sendable, Hashable {
    public var theme: String = "default"
    public var pollInterval: TimeInterval = 15
    public var printer: String?
    /// The print station this desk's prints go to (issue #16); `--print-station` wins.
    public var printStation: String?
    public var station: String?
    /// The database: a SQLite path or a PostgreSQL URL (SPEC §11); `--db` and `BADGE_DB` win.
    public var database: String?
    public var font: String?
    /// Keys arriving within this many milliseconds of each other are one burst (SPEC §10).
    public var scanGapMs: Int = 50
    /// Express scanning: a valid scan checks in and prints at once (SPEC §10).
    public var expressScan: Bool = false
    /// The mass-cancellation guard: a full resync that would cancel more than this percentage of
    /// an event's attendees at once is held for an admin (issue #13).
    public var massCancelThreshold: Double = 10
    /// Station mode masks emails on the table, card and scan verdicts (SPEC §13); the kiosk
    /// always does.
    public var maskEmails: Bool = true

    public init() {}

    public struct ParseError: Error, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "config:\(line): \(message)" }
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public static func parse(_ text: String) throws -> BadgeConfig {
        var config = BadgeConfig()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected 'key = value'")
            }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "theme":
                guard !value.isEmpty else { throw ParseError(line: lineNumber, message: "theme needs a name") }
                config.theme = value
            case "poll_interval":
                guard let seconds = Double(value), seconds >= 5, seconds <= 3600 else {
                    throw ParseError(line: lineNumber, message: "poll_interval must be 5 to 3600 seconds")
                }
                config.pollInterval = seconds
            case "printer": config.printer = value.isEmpty ? nil : value
            case "print_station": config.printStation = value.isEmpty ? nil : value
            case "station", "desk": config.station = value.isEmpty ? nil : value
            case "database": config.database = value.isEmpty ? nil : value
            case "font": config.font = value.isEmpty ? nil : value
            case "scan_gap_ms":
                guard let ms = Int(value), ms >= 10, ms <= 500 else {
                    throw ParseError(line: lineNumber, message: "scan_gap_ms must be 10 to 500 milliseconds")
                }
                config.scanGapMs = ms
            case "scan_mode":
                switch value.lowercased() {
                case "express": config.expressScan = true
                case "standard": config.expressScan = false
                default: throw ParseError(line: lineNumber, message: "scan_mode must be express or standard")
                }
            case "mass_cancel_threshold":
                let number = value.hasSuffix("%") ? String(value.dropLast()).trimmingCharacters(in: .whitespaces) : value
                guard let percent = Double(number), percent.isFinite, percent >= 0, percent <= 100 else {
                    throw ParseError(line: lineNumber, message: "mass_cancel_threshold must be a percentage from 0 to 100")
                }
                config.massCancelThreshold = percent
            case "mask_emails":
                switch value.lowercased() {
                case "true", "yes", "on": config.maskEmails = true
                case "false", "no", "off": config.maskEmails = false
                default: throw ParseError(line: lineNumber, message: "mask_emails must be true or false")
                }
            default:
                throw ParseError(line: lineNumber, message: "unknown setting '\(key)' (known: theme, poll_interval, printer, print_station, station, desk, database, font, scan_gap_ms, scan_mode, mass_cancel_threshold, mask_emails)")
            }
        }
        return config
    }
}
