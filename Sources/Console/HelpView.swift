import Foundation
import BadgeCore
import ScreenKit

/// Help (SPEC §3 screen 7), generated from the key-binding table.
enum HelpView {
    /// Contexts whose keys the modal itself hints (its footer): not listed in Help.
    static let modal: Set<KeyContext> = [.help, .confirmQuit, .login, .pinPrompt]

    /// The help text for `width` columns (the state's own by default): a key's summary that does
    /// not fit continues on the next line under itself, so no line is cut.
    static func lines(_ state: AppState, width: Int? = nil) -> [(String, Role)] {
        let room = max(20, (width ?? state.size.width) - 2)
        var out: [(String, Role)] = []
        func key(_ label: String, _ text: String) {
            for (i, part) in wrap(text, room - 12).enumerated() {
                out.append(("  " + fit(i == 0 ? label : "", 10) + part, .normal))
            }
        }
        for section in KeyBindings.helpSections(for: state) where !HelpView.modal.contains(section.context) {
            out.append((section.context.title, .header))
            for b in section.bindings {
                key(b.label, b.summary + (b.adminOnly ? "  (admin)" : ""))
            }
            out.append(("", .normal))
        }
        out.append(("Scanner", .header))
        key("scan", "Shows the scanned person's verdict in scan mode (also from a card or from Help "
            + "over the event); the same code within 3 s is ignored")
        return out
    }

    /// Words of `text` in lines of at most `width` columns (a longer word is cut).
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
        }
        lines.append(line)
        return lines.map { truncate($0, width) }
    }

    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        drawTitle("Help — keys", state, into: &buf)
        let all = lines(state, width: buf.size.width)
        let height = buf.size.height
        let top = min(state.helpScroll, maxScroll(height: height, lineCount: all.count))
        let visible = visibleRows(height: height, lineCount: all.count)
        for (i, (text, role)) in all.dropFirst(top).prefix(visible).enumerated() {
            buf.put(truncate(text, buf.size.width - 2), x: 1, y: 2 + i, role: role)
        }
        // When the keys do not fit, the last row says where the rest is (and how to get there).
        if visible < buf.size.height - 4 {
            let more = top + visible < all.count ? "↓ more below — ↓/j, PgDn, End scroll" : "↑ more above — ↑/k, PgUp, Home scroll"
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
