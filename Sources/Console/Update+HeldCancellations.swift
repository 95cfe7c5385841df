import BadgeCore
import Foundation

/// The mass-cancellation guard's admin confirmation (issue #13): C on an event whose resync held
/// its cancellations back runs the full scan again allowing the drop. R (Retry) is the other
/// recovery, in `recover`.
func confirmHeldCancellations(_ state: inout AppState, _ id: Int64, now: Date) -> [Effect] {
    guard let event = state.event(id), let held = event.heldCancellation else { return [] }
    guard !state.syncInFlight.contains(id) else { return [] }
    state.syncInFlight.insert(id)
    state.say("Confirming: a full scan applies up to \(held.count) cancellations…", .warning, now: now)
    return [.confirmCancellations(eventId: id),
            .recordAudit(action: .confirmCancellations, detail: "\(event.qualifiedId): \(held.summary)")]
}

extension KeyBindings {
    static func hasHeldCancellations(_ s: AppState) -> Bool {
        guard let id = s.eventView?.eventId else { return false }
        return s.event(id)?.heldCancellation != nil
    }
}
