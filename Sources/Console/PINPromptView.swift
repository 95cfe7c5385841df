import Foundation
import BadgeCore
import ScreenKit

/// The admin-PIN prompt over the current screen when leaving station mode (SPEC §7).
enum PINPromptView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        guard let p = state.pinPrompt else { return }
        let w = min(buf.size.width - 4, 64)
        let x = (buf.size.width - w) / 2, y = buf.size.height / 2 - 3
        buf.fill(x: x, y: y, width: w, height: 5, role: .normal)
        buf.box(x: x, y: y, width: w, height: 5, title: p.then.title)
        let inner = w - 6
        guard !state.members.isEmpty else {
            buf.put(truncate("No members are defined, so no PIN is needed.", inner), x: x + 3, y: y + 1)
            buf.put(truncate("Enter confirms, Esc stays.", inner), x: x + 3, y: y + 2, role: .dim)
            return
        }
        buf.put(truncate(p.then.explanation, inner), x: x + 3, y: y + 1)
        let fx = buf.put("Admin PIN: ", x: x + 3, y: y + 2)
        buf.fill(x: fx, y: y + 2, width: x + w - 3 - fx, height: 1, role: .input)
        let locked = state.pinLockout.isLocked(now: now)
        let masked = String(repeating: "•", count: p.pin.value.count)
        buf.put(locked ? "locked" : field(masked, focused: true), x: fx, y: y + 2, role: .input)
        let (text, role) = LoginView.notice(state, verifying: p.verifying, now: now)
            ?? ("Enter checks the PIN, Esc cancels.", .dim)
        buf.put(truncate(text, inner), x: x + 3, y: y + 3, role: role)
    }
}
