import ScreenKit

/// The burst detector as the UI loop uses it on terminal keys. Printable characters (space
/// included: a Luma QR URL or a pasted code may hold one) can belong to a scan and Enter ends it;
/// every other key (arrows, Esc, Tab, Backspace, control keys, resize) is never part of a code,
/// so it breaks a burst and is replayed as a key.
extension ScanBurstDetector where Key == ScreenKit.Key {
    /// A detector with the SPEC §3 timings for terminal keys.
    public static func forTerminal() -> ScanBurstDetector<ScreenKit.Key> {
        ScanBurstDetector(classify: classifyTerminalKey)
    }

    /// How a terminal key counts for scan detection.
    @Sendable public static func classifyTerminalKey(_ key: ScreenKit.Key) -> KeyClass {
        switch key {
        case .char(let c) where c == " " || !(c.isWhitespace || isControl(c)):
            return .printable(c)
        case .enter:
            return .enter
        default:
            return .other
        }
    }

    private static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

extension Action {
    /// The console action for what the burst detector decided: a scan looks the code up, a
    /// key is a command (or text while a field has focus).
    public init(_ output: ScanBurstDetector<ScreenKit.Key>.Output) {
        switch output {
        case .key(let key): self = .key(key)
        case .scan(let code): self = .scanned(code)
        }
    }
}
