import CNcursesw
import ScreenKit

extension Terminal {
    /// Waits up to `timeoutMs` milliseconds (negative: forever, 0: just poll) for one key and
    /// decodes it. Returns nil on timeout or for a key the console has no use for.
    /// `Key.resize` means: render at the new `size` and `present`.
    public func readKey(timeoutMs: Int32) -> Key? {
        guard isActive else { return nil }
        setTimeout(timeoutMs)
        var value: UInt32 = 0
        let rc = cn_get_wch(&value)
        if rc == cn_err() { return nil }
        if rc == cn_key_code_yes() {
            let key = Terminal.decodeKeyCode(Int32(bitPattern: value))
            if key == .resize { invalidate() }
            return key
        }
        return Key.fromCodePoint(value)
    }

    /// Notices a resize when input is read by an `InputReader` (curses only reports one from
    /// `get_wch`): asks the kernel for the size and, when it changed, resizes curses' screen.
    /// True when the size changed (render at the new `size` and `present`).
    public func pollResize() -> Bool {
        guard isActive else { return false }
        var rows: Int32 = 0, cols: Int32 = 0
        guard cn_window_size(&rows, &cols) == 0, rows != cn_lines() || cols != cn_cols() else { return false }
        resizeterm(rows, cols)
        invalidate()
        return true
    }

    /// Rings the terminal bell (a warning verdict at the scanning line).
    public func ringBell() {
        guard isActive else { return }
        beep()
    }

    /// Maps a curses KEY_* code to a `Key`.
    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case cn_key_resize(): return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
