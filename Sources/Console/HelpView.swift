import Foundation
import BadgeCore
import ScreenKit

/// Help (SPEC §3 screen 7), generated from the key-binding table.
enum HelpView {
    /// Contexts whose keys the modal itself hints (its footer): not listed in Help.
    static let modal: Set<KeyContext> = [.help, .confirmQuit, .login, .pinPrompt]

    static func lines(_ state: AppState) -> [(String, Role)] {
        var out: [(String, Role)] = []
        for section in KeyBindings.helpSections(for: state) where !HelpView.modal.contains(section.context) {
            out.append((section.context.title, .header))
            for b in section.bindings {
                let admin = b.adminOnly ? "  (admin)" : ""
                out.append(("  " + fit(b.label, 10) + b.summary + admin, .normal))
            }
            out.append(("", .normal))
        }
        out.append(("Scanner", .header))
        out.append(("  " + fit("scan", 10) + "Opens the attendee card (event view); the same code within 3 s is ignored", .normal))
        return out
    }

    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        drawTitle("Help — keys", state, into: &buf)
        let all = lines(state)
        let height = buf.size.height
        let top = min(state.helpScroll, maxScroll(height: height, lineCount: all.count))
        let visible = visibleRows(height: height, lineCount: all.count)
        for (i, (text, role)) in all.dropFirst(top).prefix(visible).enumerated() {
            buf.put(truncate(text, buf.size.width - 2), x: 1, y: 2 + i, role: role)
        }
        // When the keys do not fit, the last row says where the rest is (and how to get there).
        if visible < buf.size.height - 4 {
            let more = top + visible < all.count ? "↓ more below — ↓/j scrolls" : "↑ more above — ↑/k scrolls"
            buf.put(truncate(more, buf.size.width - 2), x: 1, y: 2 + visible, role: .dim)
        }
    }

    /// Rows of help text on screen: all of them when they fit, else one fewer (the "more" line).
    static func visibleRows(height: Int, lineCount: Int) -> Int {
        let rows = max(1, height - 4)
        return lineCount <= rows ? rows : rows - 1
    }

    /// The largest useful scroll position: the last page is full.
    static func maxScroll(height: Int, lineCount: Int) -> Int {
        max(0, lineCount - visibleRows(height: height, lineCount: lineCount))
    }

    /// `maxScroll` for the state's own terminal size (used by `update`).
    static func maxScroll(_ state: AppState) -> Int {
        maxScroll(height: state.size.height, lineCount: lines(state).count)
    }
}
