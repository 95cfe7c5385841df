import BadgeCore
import Foundation
import Providers
import Storage

extension SyncEngine {
    // MARK: - Live sync

    /// Starts the poller: every `pollInterval` each ACTIVE event gets a poll, and each FAILED
    /// event whose backoff has elapsed a retry. Every event polls in its own task, so a slow or
    /// failing event never delays the others; an event whose last poll is still running is
    /// skipped that round. Idempotent.
    public func startPolling() {
        guard pollingTask == nil else { return }
        pollingTask = Task.detached { [self] in
            while !Task.isCancelled {
                await self.launchDuePolls()
                try? await self.clock.sleep(seconds: self.pollerTick)
            }
        }
    }

    /// Stops the poller and cancels the polls it started.
    public func stopPolling() {
        pollingTask?.cancel()
        pollingTask = nil
        for task in pollTasks.values { task.cancel() }
    }

    /// True while the poller runs.
    public var isPolling: Bool { pollingTask != nil }

    /// One round of the poller, awaited: starts the due polls (as `startPolling` does each tick)
    /// and waits for every poll in flight. What tests, the benchmarks and `badge watch` drive.
    public func pollDueEvents() async {
        launchDuePolls()
        let running = Array(pollTasks.values)
        for task in running { await task.value }
    }

    /// Events due for a poll now: ACTIVE ones, and FAILED ones whose backoff has elapsed; never
    /// one that is importing, resyncing or already polling.
    func dueEventIds() -> [Int64] {
        guard let events = try? store.events() else { return [] }
        let now = clock.now()
        return events.compactMap { event in
            guard importTasks[event.id] == nil, resyncTasks[event.id] == nil, pollTasks[event.id] == nil else { return nil }
            switch event.syncStatus {
            case .active: return event.id
            case .failed: return (nextAttemptAt[event.id].map { $0 <= now } ?? true) ? event.id : nil
            case .pending, .disconnected: return nil
            }
        }
    }

    /// An event whose last full resync did not complete gets a full resync again, not a poll.
    private func launchDuePolls() {
        for id in dueEventIds() {
            let (due, requested) = sharedDue(id)
            guard due else { continue }
            pollLaunched(id)
            let full = fullScanOwed.contains(id) || requested
            pollTasks[id] = Task { [self] in
                if full {
                    _ = try? await self.resync(eventId: id)
                } else {
                    _ = try? await self.poll(eventId: id)
                }
                self.pollEnded(id)
            }
        }
    }

    private func pollEnded(_ eventId: Int64) { pollTasks[eventId] = nil }

    /// One incremental poll of an ACTIVE or FAILED event: the changes since its cursor are merged
    /// in one transaction. For Luma, whose head scans only see new registrations and check-ins,
    /// a slice of the periodic full scan runs too when one is due and the budget allows.
    /// Work is proportional to the changes (Eventbrite: 1 request when nothing changed).
    @discardableResult
    public func poll(eventId: Int64) async throws -> SyncResult {
        let started = clock.now()
        var event = try loadEvent(eventId)
        guard event.syncStatus == .active || event.syncStatus == .failed else {
            throw SyncError.notReady(eventId: eventId, status: event.syncStatus)
        }
        do {
            let client = try client(for: event)
            let before = await client.requestCount()
            let changes = try await client.changes(eventExternalId: event.externalId, since: event.syncCursor)
            var counts = changes.attendees.isEmpty ? SyncCounts()
                : try store.applyPage(eventId: eventId, attendees: changes.attendees, checkpoint: nil, now: clock.now())
            if event.provider == .luma {
                counts += try await periodicScanSlice(event: event, client: client)
            }
            event = try loadEvent(eventId)
            event.syncCursor = changes.cursor ?? event.syncCursor
            let result = try succeeded(&event, counts: counts, requests: await client.requestCount() - before,
                                       started: started)
            await publishBudget(client)
            return result
        } catch {
            throw failed(eventId: eventId, error: error)
        }
    }
}
