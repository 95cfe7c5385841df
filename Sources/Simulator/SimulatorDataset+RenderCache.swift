/// Per-attendee JSON reuse for the list routes (see `DatasetCache.rendered`).
extension SimulatorDataset {
    /// Writes attendee `index` of event `position` in `shape` as the next array element, from the
    /// cache when this event version already rendered it.
    func writeAttendee(_ shape: DatasetCache.Shape, event position: Int, index: Int, into w: inout JSONWriter) {
        let e = events[position]
        if let text = cache.rendered(event: position, shape: shape, index: index, version: e.version) {
            w.rawElement(text)
            return
        }
        var one = JSONWriter(capacity: 1024)
        let a = e.attendees[index]
        switch shape {
        case .eventbriteAttendee: writeEventbriteAttendee(a, in: e, into: &one)
        case .lumaGuest: writeLumaGuest(a, in: e, into: &one)
        case .lumaLegacyEntry: writeLegacyLumaEntry(a, in: e, into: &one)
        }
        cache.storeRendered(event: position, shape: shape, index: index, version: e.version,
                            count: e.attendees.count, one.text)
        w.rawElement(one.text)
    }

    /// Renders every attendee of every event in the shapes the import paths ask for, so a
    /// benchmark's first import is not the one that pays the simulator's encoding.
    public func warmRenderCache() {
        for (position, e) in events.enumerated() where !e.deleted {
            let shape: DatasetCache.Shape = e.provider == .eventbrite ? .eventbriteAttendee : .lumaGuest
            var sink = JSONWriter(capacity: 0)
            for index in e.attendees.indices {
                writeAttendee(shape, event: position, index: index, into: &sink)
                if index % 64 == 63 { sink = JSONWriter(capacity: 0) }
            }
        }
    }
}
