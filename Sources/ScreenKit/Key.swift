/// A decoded key press, independent of the terminal library. The backend (`TerminalCurses`)
/// produces these; the console's key-binding table matches them.
public enum Key: Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, space, any Unicode scalar typed).
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    /// Enter / Return (`\r`, `\n` or the keypad Enter key).
    case enter
    /// A lone Esc (after the escape delay, so it is not the start of a key sequence).
    case escape
    case backspace
    /// The Delete key (delete-character), not Backspace.
    case delete
    case tab
    /// Shift+Tab.
    case backTab
    /// The terminal was resized: render again at the new size.
    case resize
    /// Ctrl + a letter, lowercase (`.ctrl("c")`), or one of `@ [ \ ] ^ _` for the other C0 codes.
    case ctrl(Character)
    /// Function key F1…F24 (`.function(1)` is F1).
    case function(Int)

    /// A short human label for footers and the help screen ("↑", "PgDn", "Enter", "^C", "F1", "q").
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift+Tab"
        case .resize: return "Resize"
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        }
    }

    /// Decodes one input code point the way a terminal in cbreak/raw mode delivers it:
    /// CR/LF → enter, TAB → tab, ESC → escape, BS/DEL → backspace, other C0 → ctrl, and every
    /// other valid scalar → `.char`. Returns nil for surrogates and C1 controls.
    public static func fromCodePoint(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
