import BadgeCore
import Foundation

/// Failures of engine operations that are not provider errors: wrong state, unknown ids,
/// duplicates. The description is the one line the CLI and the console show.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    case noIntegration(Provider)
    case integrationDisconnected(Provider)
    case alreadyImported(qualifiedId: String, localId: Int64)
    case unknownEvent(Int64)
    case importRunning(Int64)
    case notReady(eventId: Int64, status: SyncStatus)
    /// The mass-cancellation guard held a full scan's cancellations back (nothing was cancelled).
    case cancellationsHeld(eventId: Int64, HeldCancellation)
    /// `confirmMassCancellation` on an event with nothing held.
    case nothingHeld(Int64)
    /// Several desks (SPEC §11): another desk syncs this event. `forwarded`: the resync was
    /// passed to it (it runs there and every desk sees the result).
    case syncedByAnotherDesk(eventId: Int64, desk: String?, forwarded: Bool)

    public var description: String {
        switch self {
        case .noIntegration(let p):
            return "\(p.displayName) is not connected (badge integrations connect \(p.rawValue) …)"
        case .integrationDisconnected(let p):
            return "\(p.displayName) rejected its credential: connect it again with a new \(p == .luma ? "API key" : "token") first"
        case .alreadyImported(let q, let id):
            return "event \(q) is already imported as #\(id)"
        case .unknownEvent(let id):
            return "no event #\(id)"
        case .importRunning(let id):
            return "event #\(id) is still importing"
        case .cancellationsHeld(let id, let held):
            return "\(held.summary): an admin confirms with 'badge events confirm-cancellations \(id)', "
                + "or 'badge events retry \(id)' scans again"
        case .syncedByAnotherDesk(let id, let desk, let forwarded):
            let who = desk.map { "desk \($0)" } ?? "another desk"
            return forwarded ? "\(who) syncs event #\(id): it was asked to resync (every desk sees the result)"
                : "\(who) syncs event #\(id): only it imports or reconnects it"
        case .nothingHeld(let id):
            return "event #\(id) has no held cancellations to confirm"
        case .notReady(let id, let status):
            switch status {
            case .pending: return "event #\(id) has not finished importing: retry the import first"
            case .disconnected: return "event #\(id) is disconnected: reconnect it first"
            default: return "event #\(id) is \(status.rawValue)"
            }
        }
    }
}
