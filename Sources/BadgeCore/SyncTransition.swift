/// What happened to an event's sync, as the sync engine reports it to `SyncStatus.after(_:)`.
public enum SyncTransition: Sendable, Hashable {
    /// An import (or re-import on reconnect) started.
    case importStarted
    /// Every page of the import was committed.
    case importCompleted
    /// The import stopped on a transient error (or the process died): stays PENDING.
    case importStopped
    /// A poll or resync merged successfully.
    case syncSucceeded
    /// A poll or resync errored after the client's retries.
    case syncFailed
    /// The provider rejected the credential.
    case unauthorized
}

extension SyncStatus {
    /// The status machine of SPEC §2.2 as one pure function.
    ///
    /// - PENDING only leaves through a completed import (never ACTIVE with partial data) or a
    ///   rejected credential.
    /// - Any state goes DISCONNECTED on `unauthorized`; only a (re-)import leaves DISCONNECTED.
    /// - FAILED returns to ACTIVE on the next successful sync.
    public func after(_ transition: SyncTransition) -> SyncStatus {
        switch (self, transition) {
        case (_, .unauthorized): return .disconnected
        case (_, .importStarted): return .pending
        case (.pending, .importCompleted): return .active
        case (.pending, _): return .pending
        case (.disconnected, _): return .disconnected
        case (_, .importCompleted): return self
        case (_, .importStopped): return self
        case (.active, .syncSucceeded), (.failed, .syncSucceeded): return .active
        case (.active, .syncFailed), (.failed, .syncFailed): return .failed
        }
    }
}

/// The alert the console shows for an event (SPEC §2.2), derived from its state.
public enum EventAlert: Sendable, Hashable {
    /// PENDING with no job running: the import stopped. Recovery: Retry (R).
    case importFailed(reason: String)
    /// FAILED: the last sync errored. Automatic retries continue; Retry (R) runs one now.
    case syncFailed(reason: String)
    /// DISCONNECTED: the credential was rejected. Recovery: reconnect the integration, then R.
    case integrationDisconnected(reason: String)
    /// A full scan would have cancelled too many attendees at once; nothing was cancelled.
    /// Recovery: Retry (R) scans again; an admin confirms (C) to apply the drop.
    case cancellationsHeld(HeldCancellation)

    /// The alert for an event, or nil when none is due (ACTIVE, or an import that is running).
    public static func `for`(_ event: Event, importRunning: Bool) -> EventAlert? {
        let reason = event.lastError ?? ""
        if let held = event.heldCancellation, event.syncStatus == .active || event.syncStatus == .failed {
            return .cancellationsHeld(held)
        }
        switch event.syncStatus {
        case .active: return nil
        case .pending: return importRunning ? nil : .importFailed(reason: reason.isEmpty ? "the import did not finish" : reason)
        case .failed: return .syncFailed(reason: reason.isEmpty ? "the last sync failed" : reason)
        case .disconnected:
            return .integrationDisconnected(reason: reason.isEmpty ? "the provider rejected the credential" : reason)
        }
    }

    public var title: String {
        switch self {
        case .importFailed: return "Import failed"
        case .syncFailed: return "Sync failed"
        case .integrationDisconnected: return "Integration disconnected"
        case .cancellationsHeld: return "Cancellations held"
        }
    }

    public var reason: String {
        switch self {
        case .importFailed(let r), .syncFailed(let r), .integrationDisconnected(let r): return r
        case .cancellationsHeld(let held): return held.summary
        }
    }

    /// The one-key recovery the alert offers.
    public var recoveryLabel: String {
        switch self {
        case .importFailed: return "[R] Retry import"
        case .syncFailed: return "[R] Retry now"
        case .integrationDisconnected: return "[R] Reconnect"
        case .cancellationsHeld: return "[R] Retry · [C] Confirm"
        }
    }
}
