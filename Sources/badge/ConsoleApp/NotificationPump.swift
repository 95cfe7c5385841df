import BadgeCore
import Console
import Foundation
import Sync

/// Forwards the sync engine's notifications into the mailbox as console actions, so counts, rows
/// and statuses update without a key press. `dataChanged` is throttled per event (an import
/// reports every page); the last one is always delivered by `flush`.
final class NotificationPump: @unchecked Sendable {
    private let mailbox: Mailbox
    private let lock = NSLock()
    private var lastChanged: [Int64: Date] = [:]
    private var pendingChanged = Set<Int64>()
    static let changeInterval: TimeInterval = 0.25

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    /// Subscribes before it returns (so nothing the engine says after this call is missed by
    /// the loads that follow), then forwards in the background; cancel the task to stop.
    func start(engine: SyncEngine) throws -> Task<Void, Never> {
        let stream = try AsyncBridge.run { await engine.notifications() }
        return Task.detached { [self] in
            for await n in stream {
                self.forward(n)
            }
        }
    }

    func forward(_ n: SyncNotification) {
        if let action = Self.action(for: n) {
            if case .dataChanged(let id) = action {
                let now = Date()
                let due = lock.withLock { () -> Bool in
                    if let last = lastChanged[id], now.timeIntervalSince(last) < Self.changeInterval {
                        pendingChanged.insert(id)
                        return false
                    }
                    lastChanged[id] = now
                    pendingChanged.remove(id)
                    return true
                }
                if due { mailbox.post(action) }
            } else {
                mailbox.post(action)
            }
        }
    }

    /// Delivers the throttled `dataChanged` actions whose interval has passed (called by the loop).
    func flush(now: Date = Date()) {
        let ready = lock.withLock { () -> [Int64] in
            let ids = pendingChanged.filter { now.timeIntervalSince(lastChanged[$0] ?? .distantPast) >= Self.changeInterval }
            for id in ids {
                pendingChanged.remove(id)
                lastChanged[id] = now
            }
            return Array(ids)
        }
        for id in ready { mailbox.post(.dataChanged(eventId: id)) }
    }

    /// The console action meaning the same as an engine notification.
    static func action(for n: SyncNotification) -> Action? {
        switch n {
        case .importStarted(let e): return .importStarted(e)
        case .importProgressed(let id, let p): return .importProgressed(eventId: id, p)
        case .importFinished(let id, let r): return .importFinished(eventId: id, r)
        case .importFailed(let id, let reason): return .importFailed(eventId: id, reason: reason)
        case .syncStarted(let id): return .syncStarted(eventId: id)
        case .syncFinished(let r): return .syncFinished(r)
        case .syncFailed(let id, let reason, let next): return .syncFailed(eventId: id, reason: reason, nextRetryAt: next)
        case .eventChanged(let e): return .eventStatusChanged(e)
        case .dataChanged(let id): return .dataChanged(eventId: id)
        case .rateBudget(let p, let s): return .rateBudgetChanged(p, RateBudget(remaining: s.remaining, limit: s.limit, window: s.window))
        }
    }
}
