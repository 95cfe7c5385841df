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

    /// Fraction done in 0...1 when the total is known.
    public var fraction: Double? {
        if let total = pagesTotal, total > 0 { return min(1, Double(pagesDone) / Double(total)) }
        if let total = attendeesTotal, total > 0 { return min(1, Double(attendeesSoFar) / Double(total)) }
        return nil
    }

    /// Estimated seconds left when the total is known and some progress was made.
    public func eta(now: Date) -> TimeInterval? {
        guard let fraction, fraction > 0, fraction < 1 else { return fraction == 1 ? 0 : nil }
        let elapsed = now.timeIntervalSince(startedAt)
        return elapsed * (1 - fraction) / fraction
    }
}
