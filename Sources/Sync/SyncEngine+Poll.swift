import BadgeCore
import Foundation
import Providers
import Storage

extension SyncEngine {
    // MARK: - Live sync

    /// Starts the poller: every `pollInterval`, each ACTIVE event is polled, and each FAILED event
    /// whose backoff has elapsed is retried. Idempotent.
    public func startPolling() {
        guard pollingTask == nil else { return }
        pollingTask = Task.detached { [self] in
            while !Task.isCancelled {
                await self.pollDueEvents()
                try? await self.clock.sleep(seconds: self.config.pollInterval)
            }
        }
    }

    public func stopPolling() {
        pollingTask?.cancel()
        pollingTask = nil
    }

    /// One round of the poller (also what tests and `badge watch` drive directly).
    public func pollDueEvents() async {
        guard let events = try? store.events() else { return }
        let now = clock.now()
        for event in events where importTasks[event.id] == nil && resyncTasks[event.id] == nil {
            switch event.syncStatus {
            case .active:
                _ = try? await poll(eventId: event.id)
            case .failed:
                if let due = nextAttemptAt[event.id], due > now { continue }
                _ = try? await poll(eventId: event.id)
            case .pending, .disconnected:
                continue
            }
        }
    }

    /// One incremental poll of an ACTIVE or FAILED event: the changes since its cursor are merged
    /// in one transaction; for Luma a full scan runs too when one is due and the budget allows.
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
            if event.provider == .luma, await fullScanDue(eventId: eventId, client: client) {
                counts += try await fullRefresh(event: event, client: client).counts
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

    /// Manual resync (S, `badge sync`): a one-shot full refresh of attendees, totals and
    /// statistics; rows the provider no longer returns become NOT_ATTENDING. A request while one
    /// runs joins it.
    @discardableResult
    public func resync(eventId: Int64) async throws -> SyncResult {
        if let running = resyncTasks[eventId] { return try await running.value }
        let event = try loadEvent(eventId)
        if importTasks[eventId] != nil { throw SyncError.importRunning(eventId) }
        guard event.syncStatus == .active || event.syncStatus == .failed else {
            throw SyncError.notReady(eventId: eventId, status: event.syncStatus)
        }
        let task = Task<SyncResult, any Error> { try await self.runResync(eventId: eventId) }
        resyncTasks[eventId] = task
        notify(.syncStarted(eventId: eventId))
        defer { resyncTasks[eventId] = nil }
        return try await task.value
    }

    private func runResync(eventId: Int64) async throws -> SyncResult {
        let started = clock.now()
        var event = try loadEvent(eventId)
        do {
            let client = try client(for: event)
            let before = await client.requestCount()
            let refresh = try await fullRefresh(event: event, client: client)
            event = try loadEvent(eventId)
            if event.syncCursor == nil { event.syncCursor = refresh.cursor }
            let result = try succeeded(&event, counts: refresh.counts,
                                       requests: await client.requestCount() - before, started: started)
            await publishBudget(client)
            return result
        } catch {
            throw failed(eventId: eventId, error: error)
        }
    }

    /// Full scan + merge + vanished rows → NOT_ATTENDING (only after a complete scan).
    func fullRefresh(event: Event, client: any ProviderClient) async throws -> (counts: SyncCounts, cursor: String?) {
        let scanStart = clock.now()
        let seen = SeenIds()
        let store = self.store
        let clock = self.clock
        let eventId = event.id
        try await client.fullScan(eventExternalId: event.externalId, resumeCursor: nil) { page in
            try Task.checkCancellation()
            seen.add(page.attendees)
            seen.add(counts: try store.applyPage(eventId: eventId, attendees: page.attendees, checkpoint: nil, now: clock.now()))
        }
        var counts = seen.counts
        counts.cancelled += try store.markMissing(eventId: eventId, seen: seen.ids, now: clock.now())
        lastFullScanAt[eventId] = clock.now()
        notify(.dataChanged(eventId: eventId))
        return (counts, changeCursor(provider: event.provider, from: scanStart.addingTimeInterval(-config.cursorSafetyMargin)))
    }

    /// Luma full scans are periodic and only when the budget has room for the whole event.
    private func fullScanDue(eventId: Int64, client: any ProviderClient) async -> Bool {
        let last = lastFullScanAt[eventId] ?? .distantPast
        guard clock.now().timeIntervalSince(last) >= config.lumaFullScanInterval else { return false }
        let rows = (try? store.attendeeCount(AttendeeQuery(eventId: eventId))) ?? 0
        let pagesNeeded = rows / 50 + 2
        let budget = await client.budget()
        return budget.remaining >= pagesNeeded * 2
    }

    /// Records a successful sync: ACTIVE, last synced, failure count reset; notifies.
    private func succeeded(_ event: inout Event, counts: SyncCounts, requests: Int, started: Date) throws -> SyncResult {
        let wasFailed = event.syncStatus == .failed
        event.syncStatus = event.syncStatus.after(.syncSucceeded)
        event.lastSyncedAt = clock.now()
        event.lastError = nil
        try save(event)
        failures[event.id] = nil
        nextAttemptAt[event.id] = nil
        let result = SyncResult(eventId: event.id, syncStatus: event.syncStatus, counts: counts, requests: requests,
                                durationMs: Int(clock.now().timeIntervalSince(started) * 1000))
        notify(.syncFinished(result))
        if counts != SyncCounts(unchanged: counts.unchanged) || wasFailed { notify(.dataChanged(eventId: event.id)) }
        return result
    }

    /// Records a failed poll/resync per SPEC §2.2 and returns the error to rethrow.
    func failed(eventId: Int64, error: any Error) -> any Error {
        guard var event = try? store.event(id: eventId) else { return error }
        let reason = Self.reason(error, provider: event.provider)
        var retryAt: Date?
        if case ProviderError.unauthorized = error {
            event.syncStatus = event.syncStatus.after(.unauthorized)
            markIntegrationDisconnected(event.provider)
        } else if case SyncError.integrationDisconnected = error {
            event.syncStatus = event.syncStatus.after(.unauthorized)
        } else {
            event.syncStatus = event.syncStatus.after(.syncFailed)
            let count = (failures[eventId] ?? 0) + 1
            failures[eventId] = count
            retryAt = clock.now().addingTimeInterval(config.backoff(afterFailures: count))
            nextAttemptAt[eventId] = retryAt
        }
        event.lastError = reason
        try? save(event)
        log.log(.warning, "sync of #\(eventId) failed: \(reason)")
        notify(.syncFailed(eventId: eventId, reason: reason, nextRetryAt: retryAt))
        return error
    }

    func markIntegrationDisconnected(_ provider: Provider) {
        guard let integration = try? store.integration(provider: provider), integration.status == .connected else { return }
        try? store.setIntegrationStatus(id: integration.id, .disconnected)
        clients[integration.id] = nil
    }

    /// The one-line human reason of an error (never a credential: provider errors are redacted).
    static func reason(_ error: any Error, provider: Provider? = nil) -> String {
        switch error {
        case ProviderError.notFound:
            return "event no longer exists at \(provider?.displayName ?? "the provider")"
        case ProviderError.unauthorized:
            return "\(provider?.displayName ?? "the provider") rejected the credential (revoked or expired)"
        case let e as ProviderError: return e.description
        case let e as SyncError: return e.description
        case is CancellationError: return "cancelled"
        default: return String(describing: error)
        }
    }
}

/// Provider ids seen by a full scan and its merge counts (shared with the `@Sendable` page callback).
final class SeenIds: @unchecked Sendable {
    private let lock = NSLock()
    private var _ids = Set<String>()
    private var _counts = SyncCounts()
    var ids: Set<String> { lock.withLock { _ids } }
    var counts: SyncCounts { lock.withLock { _counts } }
    func add(_ attendees: [ProviderAttendee]) { lock.withLock { for a in attendees { _ids.insert(a.providerAttendeeId) } } }
    func add(counts: SyncCounts) { lock.withLock { _counts += counts } }
}
