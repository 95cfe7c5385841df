import BadgeCore
import Foundation
import Providers
import Storage

extension SyncEngine {
    // MARK: - Outcomes of polls and resyncs (SPEC §2.2)

    /// Records a successful sync: ACTIVE (from ACTIVE or FAILED; a PENDING event stays PENDING
    /// so a re-import is never shown ACTIVE early), last synced, failure count reset; notifies.
    func succeeded(_ event: inout Event, counts: SyncCounts, requests: Int, started: Date) throws -> SyncResult {
        let wasFailed = event.syncStatus == .failed
        event.syncStatus = event.syncStatus.after(.syncSucceeded)
        event.lastSyncedAt = clock.now()
        if event.syncStatus == .active { event.lastError = nil }
        try save(event)
        failures[event.id] = nil
        nextAttemptAt[event.id] = nil
        let result = SyncResult(eventId: event.id, syncStatus: event.syncStatus, counts: counts, requests: requests,
                                durationMs: Int(clock.now().timeIntervalSince(started) * 1000))
        notify(.syncFinished(result))
        if counts != SyncCounts(unchanged: counts.unchanged) || wasFailed { notify(.dataChanged(eventId: event.id)) }
        return result
    }

    /// Records a failed poll/resync per SPEC §2.2 and returns the error to rethrow:
    /// unauthorized → event and integration DISCONNECTED (no automatic retry); anything else →
    /// FAILED with the one-line reason and the next automatic attempt after an exponential
    /// backoff (never sooner than a rate limit's `Retry-After`). Cancellation records nothing.
    func failed(eventId: Int64, error: any Error) -> any Error {
        // A poll or resync cut short by shutdown or stopPolling is not a provider failure: the
        // event keeps its status (quitting the console must not leave events FAILED).
        if error is CancellationError || Task.isCancelled { return error }
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
            var retryAfter: TimeInterval?
            if case ProviderError.rateLimited(let after) = error { retryAfter = after }
            retryAt = clock.now().addingTimeInterval(config.backoff(afterFailures: count, retryAfter: retryAfter))
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
        case let e as ProviderError:
            // "rate limited by Luma: try again in 60 s" (issue #18).
            return provider.map { e.describe(provider: $0) } ?? e.description
        case let e as SyncError: return e.description
        case is CancellationError: return "interrupted before it finished"
        default: return String(describing: error)
        }
    }
}
