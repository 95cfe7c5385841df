/// Sync status of an event (SPEC §2.2). Raw values are the upper-case names of the spec.
public enum SyncStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// An import or re-import is running, or the initial import never completed.
    case pending = "PENDING"
    /// Import done; live sync polling on a timer.
    case active = "ACTIVE"
    /// The last sync attempt errored after retries.
    case failed = "FAILED"
    /// The provider rejected the credential.
    case disconnected = "DISCONNECTED"
}
