import Foundation
import BadgeCore

/// One page of attendees of a full scan, in provider order.
public struct AttendeePage: Sendable, Hashable {
    public var attendees: [ProviderAttendee]
    /// 1-based index of this page within the scan.
    public var pageNumber: Int
    /// Total pages when the provider tells (Eventbrite `page_count`).
    public var pageCount: Int?
    /// Total items when the provider tells.
    public var totalCount: Int?
    /// Opaque cursor of the page after this one; nil when this was the last page.
    public var nextCursor: String?

    public init(attendees: [ProviderAttendee], pageNumber: Int, pageCount: Int? = nil,
                totalCount: Int? = nil, nextCursor: String?) {
        self.attendees = attendees
        self.pageNumber = pageNumber
        self.pageCount = pageCount
        self.totalCount = totalCount
        self.nextCursor = nextCursor
    }
}

/// What an incremental poll found.
public struct ChangeSet: Sendable, Hashable {
    /// Attendees changed since the cursor (may repeat boundary items: merges are idempotent).
    public var attendees: [ProviderAttendee]
    /// Cursor to pass to the next poll (opaque; stored as the event's `syncCursor`).
    public var cursor: String?
    public init(attendees: [ProviderAttendee], cursor: String?) {
        self.attendees = attendees
        self.cursor = cursor
    }
}

/// A provider API client (Eventbrite or Luma) as the sync engine and CLI see it. The engine never
/// sees JSON; every error is a `ProviderError`.
public protocol ProviderClient: Sendable {
    var provider: Provider { get }
    /// Validates the credential; returns the account label ("Name <email>").
    func whoAmI() async throws -> String
    /// Events the account can import (Import Event dialog, `badge events available`).
    func availableEvents() async throws -> [ProviderEvent]
    func event(externalId: String) async throws -> ProviderEvent
    /// One full pass over the event's attendees, starting at `resumeCursor` (nil = first page).
    /// Pages are delivered to `onPage` strictly in order, one at a time; the client may fetch
    /// ahead concurrently where the provider allows. `onPage` throwing stops the scan.
    func fullScan(eventExternalId: String, resumeCursor: String?,
                  onPage: @Sendable (AttendeePage) async throws -> Void) async throws
    /// An incremental poll: what changed since `cursor` (nil = establish a cursor now).
    func changes(eventExternalId: String, since cursor: String?) async throws -> ChangeSet
    /// The change cursor to poll from right after a full scan that delivered `attendees`
    /// (added with the provider clients; the default, nil, means "call `changes(since: nil)`").
    func changeCursor(after attendees: [ProviderAttendee]) -> String?
    /// Requests sent so far (for `requests` in sync results and the benchmarks).
    func requestCount() async -> Int
    /// Rate budget left, for the console header.
    func budget() async -> RateBudgetSnapshot
}

extension ProviderClient {
    public func changeCursor(after attendees: [ProviderAttendee]) -> String? { nil }
}

/// A view of an integration's rate budget at one moment.
public struct RateBudgetSnapshot: Sendable, Hashable {
    /// Requests the policy will still allow in the current window (already ≤ 80 % of the limit).
    public var remaining: Int
    /// The planning limit per window (80 % of the provider's limit).
    public var limit: Int
    /// Window length in seconds (3600 Eventbrite, 60 Luma).
    public var window: TimeInterval
    /// When the provider said to wait (Retry-After / X-RateLimit-Reset), if any.
    public var blockedUntil: Date?

    public init(remaining: Int, limit: Int, window: TimeInterval, blockedUntil: Date? = nil) {
        self.remaining = remaining
        self.limit = limit
        self.window = window
        self.blockedUntil = blockedUntil
    }
}
