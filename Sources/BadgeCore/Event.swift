import Foundation

/// An imported event (SPEC §2.1). Unique on (provider, externalId).
public struct Event: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var integrationId: Int64?
    public var provider: Provider
    public var externalId: String
    public var name: String
    public var startsAt: Date?
    public var endsAt: Date?
    public var timezone: String?
    public var syncStatus: SyncStatus
    /// 6 characters A–Z0–9, generated locally when the event is first imported.
    public var accessCode: String
    public var importProgress: ImportProgress?
    public var lastSyncedAt: Date?
    /// Opaque provider cursor for incremental polls (Eventbrite: highest `changed` seen).
    public var syncCursor: String?
    /// One-line reason of the last failure (FAILED, DISCONNECTED, Import failed).
    public var lastError: String?
    public var createdAt: Date
    /// Cancellations a full scan held back as too many at once (the mass-cancellation guard);
    /// nil when none are waiting for an admin. Written by the store's own call, never by
    /// `updateEvent`, so a stale copy of the event cannot clear it.
    public var heldCancellation: HeldCancellation?
    /// When `badge events purge` erased the event's personal data (nil: never). Like the hold,
    /// written only by the store's own call (`purgePersonalData`), never by `updateEvent`.
    public var purgedAt: Date?

    public init(id: Int64 = 0, integrationId: Int64? = nil, provider: Provider, externalId: String,
                name: String, startsAt: Date? = nil, endsAt: Date? = nil, timezone: String? = nil,
                syncStatus: SyncStatus = .pending, accessCode: String, importProgress: ImportProgress? = nil,
                lastSyncedAt: Date? = nil, syncCursor: String? = nil, lastError: String? = nil,
                createdAt: Date = Date(), heldCancellation: HeldCancellation? = nil, purgedAt: Date? = nil) {
        self.id = id
        self.integrationId = integrationId
        self.provider = provider
        self.externalId = externalId
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timezone = timezone
        self.syncStatus = syncStatus
        self.accessCode = accessCode
        self.importProgress = importProgress
        self.lastSyncedAt = lastSyncedAt
        self.syncCursor = syncCursor
        self.lastError = lastError
        self.createdAt = createdAt
        self.heldCancellation = heldCancellation
        self.purgedAt = purgedAt
    }

    /// `eventbrite:51660376577`, the CLI's stable way to name an event.
    public var qualifiedId: String { "\(provider.rawValue):\(externalId)" }
}
