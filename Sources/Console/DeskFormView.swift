import Foundation
import BadgeCore
import ScreenKit

/// The walk-in / correction / note form, a box over the current screen (SPEC §13). What the
/// operator typed and the provider's values are drawn through the sanitiser like every name.
enum DeskFormView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        guard let form = state.form else { return }
        let w = min(buf.size.width - 4, 76)
        let h = form.fields.count + 5
        let x = (buf.size.width - w) / 2
        let y = max(1, (buf.size.height - h) / 2)
        buf.fill(x: x, y: y, width: w, height: h, role: .normal)
        buf.box(x: x, y: y, width: w, height: h, title: form.title)
        let inner = w - 6
        let labelWidth = 11
        let hasHints = form.fields.contains { $0.hint != nil }
        let fieldWidth = hasHints ? (inner - labelWidth) / 2 : inner - labelWidth
        var ly = y + 1
        for (i, f) in form.fields.enumerated() {
            let focused = i == form.focus
            let label = f.label + (f.required ? "*" : "")
            let fx = buf.put(fit(label, labelWidth), x: x + 3, y: ly, role: focused ? .header : .dim)
            if f.isChoice {
                let text = "◀ \(clean(f.value)) ▶"
                buf.put(truncate(text, fieldWidth), x: fx, y: ly, role: focused ? .input : .normal)
            } else {
                buf.fill(x: fx, y: ly, width: fieldWidth, height: 1, role: .input)
                let shown = clean(f.value)
                let room = fieldWidth - 1
                let tail = DisplayWidth.of(shown) > room ? "…" + String(shown.suffix(max(0, room - 1))) : shown
                buf.put(truncate(field(tail, focused: focused), fieldWidth), x: fx, y: ly, role: .input)
            }
            if let hint = f.hint {
                buf.put(truncate(clean(hint), inner - labelWidth - fieldWidth - 1), x: fx + fieldWidth + 1, y: ly, role: .dim)
            }
            ly += 1
        }
        ly += 1
        if let problem = form.problem {
            buf.put(truncate("⚠ " + clean(problem), inner), x: x + 3, y: ly, role: .statusWarn)
        } else if case .corrections = form.kind {
            buf.put(truncate("An empty field removes the correction (the provider's value prints).", inner),
                    x: x + 3, y: ly, role: .dim)
        } else if case .walkIn = form.kind {
            buf.put(truncate("Saved as a local walk-in, then checked in and the badge printed.", inner),
                    x: x + 3, y: ly, role: .dim)
        } else {
            buf.put(truncate("An empty note removes it. Shown on the card and on every scan.", inner),
                    x: x + 3, y: ly, role: .dim)
        }
        let keys = form.fields.contains(where: \.isChoice) ? "Enter save · Tab next field · ←/→ ticket · Esc cancel"
                                                          : "Enter save · Tab next field · Esc cancel"
        buf.put(truncate(keys, inner), x: x + 3, y: ly + 1, role: .keyHint)
    }
}
