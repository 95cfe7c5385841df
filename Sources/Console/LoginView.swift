import Foundation
import BadgeCore
import ScreenKit

/// The login screen (SPEC §7): name (typed or picked from the members), masked PIN, the lockout.
enum LoginView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        buf.bar(y: 0, left: "Badge Console — Sign in", role: .title)
        let w = buf.size.width
        let l = state.login
        buf.put("This database has members: sign in with your name and PIN.", x: 2, y: 2, role: .dim)

        let fieldWidth = min(30, w - 14)
        let locked = state.pinLockout.isLocked(now: now)
        var x = buf.put(fit("Name", 6), x: 2, y: 4, role: l.field == .name ? .header : .dim)
        buf.fill(x: x, y: 4, width: fieldWidth, height: 1, role: .input)
        buf.put(truncate(field(clean(l.name), focused: l.field == .name), fieldWidth), x: x, y: 4, role: .input)
        x = buf.put(fit("PIN", 6), x: 2, y: 5, role: l.field == .pin ? .header : .dim)
        buf.fill(x: x, y: 5, width: fieldWidth, height: 1, role: .input)
        let masked = String(repeating: "•", count: l.pin.value.count)
        buf.put(locked ? "locked" : field(masked, focused: l.field == .pin), x: x, y: 5, role: .input)

        if let (text, role) = notice(state, verifying: l.verifying, now: now) {
            buf.put(truncate(text, w - 4), x: 2, y: 7, role: role)
        }

        buf.put("Members", x: 2, y: 9, role: .header)
        let selected = state.member(named: l.name).flatMap { m in state.members.firstIndex(of: m) }
        let rows = max(0, buf.size.height - 3 - 10)
        let nameWidth = min(30, max(8, state.members.map { DisplayWidth.of(clean($0.name)) }.max() ?? 0))
        let top = max(0, (selected ?? 0) - rows + 1)
        for (i, m) in state.members.enumerated().dropFirst(top).prefix(rows) {
            let y = 10 + i - top
            if i == selected { buf.put("▶", x: 0, y: y) }
            let nx = buf.put(fit(clean(m.name), nameWidth) + "  ", x: 2, y: y)
            buf.put(m.role.rawValue, x: nx, y: y, role: .dim)
            if i == selected { buf.setRole(x: 0, y: y, width: w, role: .selection) }
        }
    }

    /// The line under the PIN field: the lock countdown, "checking", or the last PIN message.
    static func notice(_ state: AppState, verifying: Bool, now: Date) -> (String, Role)? {
        let lock = state.pinLockout
        if lock.isLocked(now: now) {
            return ("✖ \(max(lock.failures, lock.maxFailures)) wrong PINs — locked, try again in \(lock.secondsLeft(now: now)) s", .statusError)
        }
        if verifying { return ("Checking the PIN…", .dim) }
        if let text = state.pinNotice { return ("▲ " + clean(text), .statusWarn) }
        return nil
    }
}
