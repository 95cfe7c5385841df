/// A key press as the console sees it. The composition root maps the terminal backend's keys to
/// these (ScreenKit's `Key` will replace this type once both branches have merged).
public enum ConsoleKey: Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, space, any Unicode).
    case char(Character)
    case up, down, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, left, right
    /// The terminal was resized (the UI loop also sends `Action.resized`).
    case resize
    /// Ctrl + a lower-case letter.
    case ctrl(Character)

    /// Short label for footers and the help screen ("↑", "PgDn", "Enter", "^C", "q").
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .left: return "←"
        case .right: return "→"
        case .resize: return "Resize"
        case .ctrl(let c): return "^" + String(c).uppercased()
        }
    }
}
