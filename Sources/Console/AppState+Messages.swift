import Foundation

// Messages that belong to one screen (issue #17: an Integrations error followed the operator
// into the event view).

extension AppState {
    /// Drops a screen-scoped toast once its screen is no longer shown (run after every action).
    mutating func dropToastOfOtherScreen() {
        if let scope = toast?.screen, scope != screen { toast = nil }
    }

    /// Failures of what the operator does on a setup screen (connecting an integration, listing a
    /// provider's events) are about that screen; other failures (a check-in not saved, a held
    /// resync) follow the operator.
    var failuresAreScoped: Bool { screen == .integrations || screen == .importDialog }
}

/// The message R says while the retried sync runs; a failure replaces it (issue #17).
let retryingSyncText = "Retrying the sync…"
