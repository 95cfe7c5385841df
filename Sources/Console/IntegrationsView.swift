import Foundation
import BadgeCore
import ScreenKit

/// Integrations (SPEC §3 screen 3): each provider, its status and account; the masked token field.
enum IntegrationsView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        drawTitle("Integrations", state, into: &buf)
        let w = buf.size.width
        let header = "  " + fit("Provider", 12) + fit("Status", 16) + fit("Account", w - 2 - 12 - 16 - 12) + fit("Credential", 12)
        buf.fill(x: 0, y: 2, width: w, height: 1, role: .header)
        buf.put(header, x: 0, y: 2, role: .header)
        for (i, provider) in Provider.allCases.enumerated() {
            let y = 3 + i
            let selected = i == state.integrationsScreen.selected
            if selected { buf.put("▶", x: 0, y: y) }
            var x = buf.put(fit(provider.displayName, 12), x: 2, y: y)
            if let integ = state.integration(provider) {
                let ok = integ.status == .connected
                x = buf.put(fit(ok ? "● CONNECTED" : "✖ DISCONNECTED", 16), x: x, y: y, role: ok ? .statusOK : .statusError)
                // One column of space before the credential, however long the account label.
                x = buf.put(fit(clean(integ.accountLabel), w - 2 - 12 - 16 - 12 - 1) + " ", x: x, y: y)
                buf.put(integ.redactedCredential, x: x, y: y, role: .dim)
            } else {
                buf.put("○ not connected", x: x, y: y, role: .dim)
            }
            if selected { buf.setRole(x: 0, y: y, width: w, role: .selection) }
        }
        if let p = state.integrationsScreen.connecting {
            buf.put("Connecting \(p.displayName)…", x: 2, y: 7, role: .dim)
        }
        if let offer = state.integrationsScreen.reconnectOffer {
            let names = offer.eventIds.compactMap { state.event($0).map { clean($0.name) } }
            let bw = min(w - 4, 76)
            let shown = min(names.count, max(1, buf.size.height - 15))
            buf.fill(x: 2, y: 7, width: bw, height: shown + 4, role: .normal)
            buf.box(x: 2, y: 7, width: bw, height: shown + 4, title: "Reconnect")
            let n = offer.eventIds.count
            buf.put(truncate("\(offer.provider.displayName) is connected. Reconnect its \(n) disconnected event\(n == 1 ? "" : "s")?",
                             bw - 4), x: 4, y: 8)
            for (i, name) in names.prefix(shown).enumerated() {
                let more = i == shown - 1 && names.count > shown ? " (+\(names.count - shown) more)" : ""
                buf.put(truncate("✖ " + name + more, bw - 6), x: 4, y: 9 + i, role: .dim)
            }
            buf.put(truncate("[Enter] Reconnect all (VIP, check-ins kept)   [Esc] Not now", bw - 4),
                    x: 4, y: 9 + shown, role: .keyHint)
        }
        if let entry = state.integrationsScreen.entry {
            let what = entry.provider == .eventbrite ? "private token" : "API key"
            let bw = min(w - 4, 70)
            buf.box(x: 2, y: 7, width: bw, height: 4, title: "Connect \(entry.provider.displayName)")
            let x = buf.put("\(entry.provider.displayName) \(what): ", x: 4, y: 8)
            buf.fill(x: x, y: 8, width: bw - (x - 2) - 2, height: 1, role: .input)
            buf.put(entry.masked + "▏", x: x, y: 8, role: .input, maxX: 2 + bw - 2)
            buf.put("Input is hidden. Enter connects, Esc cancels.", x: 4, y: 9, role: .dim)
        }
    }
}
