/// Per-item JSON reuse for the list routes (see `DatasetCache.rendered`).
extension SimulatorDataset {
    /// Writes item `index` of event `position` in `shape` (an order for the order shapes, an
    /// attendee otherwise) as the next array element.
    func writeCached(_ shape: DatasetCache.Shape, event position: Int, index: Int, into w: inout JSONWriter) {
        w.rawElement(renderedItem(shape, event: position, index: index))
    }

    /// The item's JSON, from the cache when this event version already rendered it.
    private func renderedItem(_ shape: DatasetCache.Shape, event position: Int, index: Int) -> String {
        let e = events[position]
        if let text = cache.rendered(event: position, shape: shape, index: index, version: e.version) { return text }
        var one = JSONWriter(capacity: 1024)
        let count: Int
        switch shape {
        case .eventbriteAttendee:
            writeEventbriteAttendee(e.attendees[index], in: e, into: &one)
            count = e.attendees.count
        case .eventbriteOrder, .eventbriteOrderExpanded:
            writeEventbriteOrder(e.orders[index], in: e, expandAttendees: shape == .eventbriteOrderExpanded, into: &one)
            count = e.orders.count
        case .lumaGuest:
            writeLumaGuest(e.attendees[index], in: e, into: &one)
            count = e.attendees.count
        case .lumaLegacyEntry:
            writeLegacyLumaEntry(e.attendees[index], in: e, into: &one)
            count = e.attendees.count
        }
        cache.storeRendered(event: position, shape: shape, index: index, version: e.version, count: count, one.text)
        return one.text
    }

    /// Renders every item of every event in the shape its provider's import asks for (Eventbrite
    /// orders with attendees, Luma guests), so a benchmark's first import is not the one that
    /// pays the simulator's encoding.
    public func warmRenderCache() {
        for (position, e) in events.enumerated() where !e.deleted {
            let shape: DatasetCache.Shape = e.provider == .eventbrite ? .eventbriteOrderExpanded : .lumaGuest
            let count = e.provider == .eventbrite ? e.orders.count : e.attendees.count
            for index in 0..<count { _ = renderedItem(shape, event: position, index: index) }
        }
    }
}
