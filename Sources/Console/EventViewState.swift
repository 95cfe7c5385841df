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
    /// The attendee under the cursor (SPEC §10: the cursor is a person, not a row number). Live
    /// inserts, renames and re-sorts move the row; the cursor follows it.
    public var selectedId: Int64?
    /// Set while the store is asked where `selectedId` went (it is not in the loaded window):
    /// row actions wait for the answer.
    public var locating: Int64?
    /// True while the first page after the operator changed the filter loads: if the person
    /// under the cursor is not in the new view, the cursor simply starts at the top.
    public var filterChanged: Bool
    /// First ticket type shown in the stat cards' ticket-type panel (`t` pages through them).
    public var ticketTop: Int = 0

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
        self.selectedId = nil
        self.locating = nil
        self.filterChanged = false
    }

    /// The loaded row at an absolute index, if it is in the window.
    public func row(at index: Int) -> Attendee? {
        let i = index - windowOffset
        return rows.indices.contains(i) ? rows[i] : nil
    }

    /// The attendee row actions apply to: the row under the cursor, and only when it is the
    /// person the cursor follows (never a row that slid under it).
    public var selectedAttendee: Attendee? {
        guard locating == nil, let a = row(at: selected) else { return nil }
        if let id = selectedId, id != a.id { return nil }
        return a
    }

    /// Puts the cursor on the row at `index`; it then follows whoever is there.
    public mutating func moveCursor(to index: Int) {
        selected = index
        followRowAtCursor()
    }

    /// The cursor now follows whoever is at the selected index (after the operator moved it).
    mutating func followRowAtCursor() {
        selectedId = row(at: selected)?.id
    }

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
