import Console
import Dispatch
import Foundation
import PostgresStore
import Storage

/// Several desks (SPEC §11): once a second, asks the shared store who is online and which desk
/// syncs each event, and tells the console when that changed (the header shows it). A server
/// that cannot be reached shows as such until it answers again.
final class DeskPresenceForwarder: @unchecked Sendable {
    private let coordinator: any SyncCoordinator
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "badge.desk-presence")
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var last: DeskPresence?

    init?(store: any BadgeStore, mailbox: Mailbox) {
        guard let coordinator = store as? any SyncCoordinator else { return nil }
        self.coordinator = coordinator
        self.mailbox = mailbox
    }

    func start(interval: TimeInterval = 0.5) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
    }

    private func tick() {
        var presence: DeskPresence
        do {
            presence = DeskPresence(online: try coordinator.desksOnline(), leaders: try coordinator.syncLeaders())
        } catch {
            presence = DeskPresence(online: last?.online ?? [], leaders: [:], reachable: false)
        }
        if let desk = coordinator as? OfflineDeskStore {
            let status = desk.status()
            var offline = DeskOffline(queued: status.queued, replaying: status.connection == .replaying,
                                      copiedAt: status.replicaAge, startedOffline: status.startedOffline,
                                      conflicts: status.conflicts)
            if case .offline(let since) = status.connection {
                offline.unreachableSince = since
                presence.reachable = false
            }
            presence.offline = offline
        }
        let changed = lock.withLock { () -> Bool in
            defer { last = presence }
            return last != presence
        }
        if changed { mailbox.post(.desksChanged(presence)) }
    }
}
