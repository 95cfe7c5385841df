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
        let rows = buf.size.height - 4
        let top = min(state.helpScroll, max(0, all.count - rows))
        for (i, (text, role)) in all.dropFirst(top).prefix(rows).enumerated() {
            buf.put(truncate(text, buf.size.width - 2), x: 1, y: 2 + i, role: role)
        }
    }
}
