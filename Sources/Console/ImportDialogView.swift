import Foundation
import BadgeCore
import ScreenKit

/// The Import Event dialog (SPEC §3 screen 2): a connected integration, then its events.
enum ImportDialogView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, now: Date) {
        drawTitle("Import Event", state, into: &buf)
        let d = state.importDialog
        let w = buf.size.width
        guard let provider = d.provider else {
            buf.put("Choose an integration:", x: 2, y: 2, role: .header)
            let list = connectedIntegrations(state)
            if list.isEmpty {
                buf.put("No connected integration. Press Esc, then I to connect Eventbrite or Luma.", x: 2, y: 4, role: .dim)
            }
            for (i, integ) in list.enumerated() {
                let y = 4 + i
                let selected = i == d.selected
                if selected { buf.put("▶", x: 0, y: y) }
                let x = buf.put(fit(integ.provider.displayName, 12), x: 2, y: y)
                buf.put(truncate(clean(integ.accountLabel), w - x - 1), x: x, y: y, role: .dim)
                if selected { buf.setRole(x: 0, y: y, width: w, role: .selection) }
            }
            return
        }
        buf.put("\(provider.displayName) events:", x: 2, y: 2, role: .header)
        if d.loading {
            buf.put("Loading events from \(provider.displayName)…", x: 2, y: 4, role: .dim)
            return
        }
        if d.providerEvents.isEmpty {
            buf.put("This account has no events to import.", x: 2, y: 4, role: .dim)
            return
        }
        let nameW = w - 2 - 11 - 14 - 12 - 1
        // Eventbrite's event list carries only the capacity; Luma's the guest count.
        let countTitle = provider == .eventbrite ? "Capacity" : "Guests"
        let header = "  " + fit("Event", nameW) + fit("Date", 11) + fitRight(countTitle, 14) + "  " + fit("", 12)
        buf.fill(x: 0, y: 3, width: w, height: 1, role: .header)
        buf.put(header, x: 0, y: 3, role: .header)
        let rows = buf.size.height - 7
        let top = max(0, d.selected - rows + 1)
        for (i, pe) in d.providerEvents.enumerated().dropFirst(top).prefix(rows) {
            let y = 4 + i - top
            let selected = i == d.selected
            if selected { buf.put("▶", x: 0, y: y) }
            var x = buf.put(fit(clean(pe.name), nameW - 1) + " ", x: 2, y: y)
            x = buf.put(fit(pe.startsAt.map { day($0, state.timeZone) } ?? "—", 11), x: x, y: y)
            x = buf.put(fitRight(pe.registrations.map(grouped) ?? "—", 14) + "  ", x: x, y: y)
            if importedEvent(state, provider, pe.externalId) != nil {
                buf.put("✓ Imported", x: x, y: y, role: .dim)
            }
            if selected { buf.setRole(x: 0, y: y, width: w, role: .selection) }
        }
    }
}
