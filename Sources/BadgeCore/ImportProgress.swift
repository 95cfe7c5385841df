import Foundation

/// Progress of an import job (SPEC §2.5): published while it runs and persisted with the event so
/// a console started later, or after a crash, can show how far it got.
public struct ImportProgress: Sendable, Hashable, Codable {
    public var pagesDone: Int
    /// Total pages when the provider tells (Eventbrite `page_count`); nil for cursor-only paging.
    public var pagesTotal: Int?
    public var attendeesSoFar: Int
    /// Total attendees when known (Eventbrite `object_count` counts orders, so this may be nil).
    public var attendeesTotal: Int?
    public var startedAt: Date
    public var updatedAt: Date
    /// Set when the job has finished (successfully or not).
    public var finished: Bool
    /// One-line reason when the job stopped on an error.
    public var error: String?

    public init(pagesDone: Int = 0, pagesTotal: Int? = nil, attendeesSoFar: Int = 0,
                attendeesTotal: Int? = nil, startedAt: Date, updatedAt: Date? = nil,
                finished: Bool = false, error: String? = nil) {
        self.pagesDone = pagesDone
        self.pagesTotal = pagesTotal
        self.attendeesSoFar = attendeesSoFar
        self.attendeesTotal = attendeesTotal
        self.startedAt = startedAt
        self.updatedAt = updatedAt ?? startedAt
        self.finished = finished
        self.error = error
    }

    /// Attendees per second since the start (0 until a second has passed).
    public func rate(now: Date) -> Double {
        let elapsed = now.timeIntervalSince(startedAt)
        guard elapsed > 0.05 else { return 0 }
        return Double(attendeesSoFar) / elapsed
    }

    /// The page total when it is believable: positive and not below the pages already read (a
    /// provider's bogus `page_count` — 0, -1, fewer than delivered — is "unknown", issue #13).
    public var knownPagesTotal: Int? {
        guard let total = pagesTotal, total > 0, total >= pagesDone else { return nil }
        return total
    }

    /// The attendee total when it is believable (positive, not below the count so far).
    public var knownAttendeesTotal: Int? {
        guard let total = attendeesTotal, total > 0, total >= attendeesSoFar else { return nil }
        return total
    }

    /// Fraction done in 0...1 when a believable total is known.
    public var fraction: Double? {
        if let total = knownPagesTotal { return min(1, Double(pagesDone) / Double(total)) }
        if let total = knownAttendeesTotal { return min(1, Double(attendeesSoFar) / Double(total)) }
        return nil
    }

    /// Longest ETA worth showing; beyond it (a total that is surely wrong) there is none.
    public static let longestETA: TimeInterval = 24 * 3600

    /// Estimated seconds left when a believable total is known and enough progress was made to
    /// extrapolate (at least 1 % and 2 s); nil otherwise, never above `longestETA`.
    public func eta(now: Date) -> TimeInterval? {
        guard let fraction else { return nil }
        if fraction >= 1 { return 0 }
        let elapsed = now.timeIntervalSince(startedAt)
        guard fraction >= 0.01, elapsed >= 2 else { return nil }
        let left = elapsed * (1 - fraction) / fraction
        return left.isFinite && left <= Self.longestETA ? left : nil
    }
}
