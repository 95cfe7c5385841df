import BadgeCore
import Foundation
import Providers

/// What the engine tells its observers (the console, `badge events import` progress, tests).
/// Every subscriber gets every notification from the moment it subscribed.
public enum SyncNotification: Sendable, Equatable {
    case importStarted(Event)
    case importProgressed(eventId: Int64, ImportProgress)
    case importFinished(eventId: Int64, SyncResult)
    case importFailed(eventId: Int64, reason: String)
    case syncStarted(eventId: Int64)
    case syncFinished(SyncResult)
    /// A poll or resync failed; `nextRetryAt` is the engine's next automatic attempt (nil: none,
    /// e.g. DISCONNECTED needs a new credential).
    case syncFailed(eventId: Int64, reason: String, nextRetryAt: Date?)
    /// The event record changed (status, cursor, last synced, error).
    case eventChanged(Event)
    /// Rows changed: reload the visible page and the statistics.
    case dataChanged(eventId: Int64)
    case rateBudget(Provider, RateBudgetSnapshot)
}
