import BadgeCore

/// The event view's table: a window of loaded rows over the whole (filtered, searched) result,
/// the viewport and the selection. Only the window is in memory, never the whole event.
public struct EventViewState: Sendable, Hashable {
    /// Rows fetched per store page.
    public static let pageSize = 120

    public var eventId: Int64
    public var filter: AttendeeFilter
    public var search: String
    /// True while typing the search text (keys go to the search field).
    public var searchMode: Bool
    public var sort: AttendeeSort
    /// Rows matching filter + search.
    public var total: Int
    /// Loaded rows, starting at absolute index `windowOffset`.
    public var rows: [Attendee]
    public var windowOffset: Int
    /// Absolute index of the first visible row and of the selected row.
    public var scrollTop: Int
    public var selected: Int
    /// The latest page requested; results of older requests are dropped.
    public var pendingQuery: AttendeeQuery?
    /// True once a page for the current filter/search has arrived.
    public var loaded: Bool
    public var stats: EventStats?
    /// VIP flags flipped optimistically, with the value to restore on failure.
    public var pendingVIP: [Int64: Bool]

    public init(eventId: Int64, filter: AttendeeFilter = .all, search: String = "", sort: AttendeeSort = .name) {
        self.eventId = eventId
        self.filter = filter
        self.search = search
        self.searchMode = false
        self.sort = sort
        self.total = 0
        self.rows = []
        self.windowOffset = 0
        self.scrollTop = 0
        self.selected = 0
        self.pendingQuery = nil
        self.loaded = false
        self.stats = nil
        self.pendingVIP = [:]
    }

    /// The loaded row at an absolute index, if it is in the window.
    public func row(at index: Int) -> Attendee? {
        let i = index - windowOffset
        return rows.indices.contains(i) ? rows[i] : nil
    }

    public var selectedAttendee: Attendee? { row(at: selected) }

    /// A query for the current filter/search at `offset`.
    public func query(offset: Int, limit: Int = EventViewState.pageSize) -> AttendeeQuery {
        AttendeeQuery(eventId: eventId, filter: filter, search: search, sort: sort,
                      offset: max(0, offset), limit: limit)
    }

    /// Replaces a row (by id) in the window.
    mutating func replace(_ a: Attendee) {
        if let i = rows.firstIndex(where: { $0.id == a.id }) { rows[i] = a }
    }
}
