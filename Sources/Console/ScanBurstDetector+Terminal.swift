import ScreenKit

/// The burst detector as the UI loop uses it on terminal keys. Printable characters (space
/// included: a pasted code may hold one) can belong to a scan; Enter and Tab end one; every other
/// key (arrows, Esc, Backspace, control keys, resize) is never part of a code, so it ends a burst
/// and passes through.
extension ScanBurstDetector where Key == ScreenKit.Key {
    /// A detector for terminal keys with the configured `scan_gap_ms` (SPEC §10, default 50).
    /// A scanner sending a key every `scan_gap_ms` reaches us with jitter (USB polling, the
    /// kernel, a loaded machine), so gaps up to half as long again still count as one burst.
    public static func forTerminal(gapMs: Int = 50) -> ScanBurstDetector<ScreenKit.Key> {
        ScanBurstDetector(gap: Double(gapMs) * jitterAllowance / 1000, classify: classifyTerminalKey)
    }

    /// How much longer than `scan_gap_ms` a gap inside a burst may be (arrival jitter).
    public static var jitterAllowance: Double { 1.5 }

    /// How a terminal key counts for scan detection.
    @Sendable public static func classifyTerminalKey(_ key: ScreenKit.Key) -> KeyClass {
        switch key {
        case .char(let c) where c == " " || !(c.isWhitespace || isControl(c)):
            return .printable(c)
        case .enter, .tab:
            return .terminator
        default:
            return .other
        }
    }

    private static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

extension Action {
    /// The console action for what the burst detector decided: a scan looks the code up, text
    /// goes to the search field, a lone key is a command (or a character while a field has focus).
    public init(_ output: ScanBurstDetector<ScreenKit.Key>.Output) {
        switch output {
        case .key(let key): self = .key(key)
        case .scan(let code): self = .scanned(code)
        case .text(let text): self = .typed(text)
        }
    }
}
