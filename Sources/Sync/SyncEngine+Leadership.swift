import BadgeCore
import Foundation
import Storage

/// SPEC §11 "One poller per event": on a store shared by several desks (`SyncCoordinator`), only
/// the desk that leads an event talks to the provider about it. Every desk's poller asks for the
/// lead of each event it would poll, once a second; the leader polls on the usual interval, and
/// when it goes away the next desk to ask takes over — within one poll interval. S or R at a desk
/// that does not lead asks the leader for the resync instead of running a second one; an import
/// never starts at a desk that does not lead its event.
extension SyncEngine {
    /// The store's coordination, when several desks share it.
    nonisolated var coordinator: (any SyncCoordinator)? { store as? any SyncCoordinator }

    /// How often the poller looks for due work: each second on a shared store (leadership and
    /// resync requests), else the poll interval.
    nonisolated var pollerTick: TimeInterval {
        coordinator == nil ? config.pollInterval : min(config.pollInterval, 1)
    }

    /// True when this desk may sync the event now (always on a store of its own).
    func leads(_ eventId: Int64) -> Bool {
        guard let coordinator else { return true }
        do {
            let leading = try coordinator.leadSync(eventId: eventId)
            if leading && !wasLeading(eventId) {
                log.log(.info, "desk \(coordinator.deskName) now syncs event #\(eventId)")
            }
            leadingEvents[eventId] = leading
            return leading
        } catch {
            leadingEvents[eventId] = false
            return false
        }
    }

    private func wasLeading(_ eventId: Int64) -> Bool { leadingEvents[eventId] ?? false }

    /// Refuses work another desk leads: a resync or retry is passed to the leader (`forward`),
    /// anything else (an import) is refused with the leader's name.
    func requireLead(_ eventId: Int64, forward: Bool) throws {
        guard let coordinator, !leads(eventId) else { return }
        let leader = (try? coordinator.syncLeader(eventId: eventId)) ?? nil
        if forward { try coordinator.requestResync(eventId: eventId) }
        throw SyncError.syncedByAnotherDesk(eventId: eventId, desk: leader, forwarded: forward)
    }

    /// A poll of a shared event is due when this desk leads it and its interval has passed, or
    /// another desk asked for a resync (then the due work is a full resync).
    func sharedDue(_ eventId: Int64) -> (due: Bool, resync: Bool) {
        guard let coordinator else { return (true, false) }
        guard leads(eventId) else { return (false, false) }
        if (try? coordinator.takeResyncRequest(eventId: eventId)) == true { return (true, true) }
        let now = clock.now()
        if let last = lastPollLaunch[eventId], now.timeIntervalSince(last) < config.pollInterval - 0.05 {
            return (false, false)
        }
        return (true, false)
    }

    func pollLaunched(_ eventId: Int64) { lastPollLaunch[eventId] = clock.now() }

    /// One poll of the event if this desk may sync it (`badge watch`); nil when another desk
    /// leads it on the shared store — that desk polls for everyone, and asking again (each
    /// second) takes over when it goes away.
    public func pollIfLeading(eventId: Int64) async throws -> SyncResult? {
        guard leads(eventId) else { return nil }
        return try await poll(eventId: eventId)
    }

    /// Every lead this desk holds goes back (shutdown), so another desk takes over at once.
    func releaseLeads() {
        guard let coordinator else { return }
        for (id, leading) in leadingEvents where leading { coordinator.releaseSync(eventId: id) }
        leadingEvents = [:]
    }
}
