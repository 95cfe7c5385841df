import Foundation

/// Where an import job got to, saved in the same transaction as each page (SPEC §2.4 rule 7), so
/// Retry after a crash resumes from here. `cursor` is opaque: the provider client encodes it
/// (Eventbrite continuation token or page number, Luma `next_cursor`).
public struct ImportCheckpoint: Sendable, Hashable, Codable {
    public var eventId: Int64
    /// Cursor of the next page to fetch; nil = start from the first page.
    public var cursor: String?
    public var pagesDone: Int
    public var attendeesSoFar: Int
    public var pagesTotal: Int?
    public var startedAt: Date
    public var updatedAt: Date

    public init(eventId: Int64, cursor: String?, pagesDone: Int, attendeesSoFar: Int,
                pagesTotal: Int? = nil, startedAt: Date, updatedAt: Date) {
        self.eventId = eventId
        self.cursor = cursor
        self.pagesDone = pagesDone
        self.attendeesSoFar = attendeesSoFar
        self.pagesTotal = pagesTotal
        self.startedAt = startedAt
        self.updatedAt = updatedAt
    }
}
