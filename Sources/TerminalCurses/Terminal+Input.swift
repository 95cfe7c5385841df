import CNcursesw
import ScreenKit

extension Terminal {
    /// Notices a resize (input is read by an `InputReader`, never by curses, which would only
    /// report one from `get_wch`): asks the kernel for the size and, when it changed, resizes curses' screen.
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
}
