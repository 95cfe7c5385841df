/// Filtered and sorted index lists for list endpoints, cached per event until its next change
/// (so paging 2,000 pages sorts once, not 2,000 times).
extension SimulatorDataset {
    enum QueryError: Error, Equatable { case badArgument(String) }

    private mutating func cached(_ key: String, position: Int, _ build: (SimEvent) -> [Int32]) -> [Int32] {
        let event = events[position]
        let fullKey = "\(position)|\(key)"
        if let hit = queryCache[fullKey], hit.version == event.version { return hit.indices }
        let indices = build(event)
        if queryCache.count > 64 { queryCache.removeAll(keepingCapacity: true) }
        queryCache[fullKey] = (event.version, indices)
        return indices
    }

    /// Eventbrite order ordinals for `status` (`active` default, `inactive`, `both`,
    /// `all_not_deleted`, `all`) and an inclusive `changed_since`, sorted by `changed` then when
    /// `changed_since` is given, else in creation order.
    mutating func eventbriteOrders(position: Int, status: String?, changedSince: Int64?) throws -> [Int32] {
        let keepRefunded: Bool?
        switch status ?? "active" {
        case "active": keepRefunded = false
        case "inactive": keepRefunded = true
        case "both", "all_not_deleted", "all": keepRefunded = nil
        default: throw QueryError.badArgument("status")
        }
        return cached("o|\(status ?? "")|\(changedSince ?? -1)", position: position) { e in
            let orders = e.orders
            var out: [Int32] = []
            out.reserveCapacity(orders.count)
            for order in orders {
                if let keep = keepRefunded, order.refunded != keep { continue }
                if let since = changedSince, order.changed < since { continue }
                out.append(order.index)
            }
            if changedSince != nil {
                out.sort { orders[Int($0)].changed != orders[Int($1)].changed
                    ? orders[Int($0)].changed < orders[Int($1)].changed : $0 < $1 }
            }
            return out
        }
    }

    /// Eventbrite attendee ordinals for `status` (`attending`, `not_attending`, none = all) and
    /// an inclusive `changed_since` (then sorted by `changed`).
    mutating func eventbriteAttendees(position: Int, status: String?, changedSince: Int64?) throws -> [Int32] {
        let want: Bool?
        switch status {
        case nil, "": want = nil
        case "attending": want = true
        case "not_attending": want = false
        default: throw QueryError.badArgument("status")
        }
        return cached("a|\(status ?? "")|\(changedSince ?? -1)", position: position) { e in
            let attendees = e.attendees
            var out: [Int32] = []
            out.reserveCapacity(attendees.count)
            for a in attendees {
                if let want, (!a.cancelled && !a.refunded) != want { continue }
                if let since = changedSince, a.changed < since { continue }
                out.append(a.index)
            }
            if changedSince != nil {
                out.sort { attendees[Int($0)].changed != attendees[Int($1)].changed
                    ? attendees[Int($0)].changed < attendees[Int($1)].changed : $0 < $1 }
            }
            return out
        }
    }

    /// Luma guest ordinals filtered by `approval_status` and sorted by `sort_column` /
    /// `sort_direction` with PostgreSQL null ordering (asc: nulls last; desc: nulls first unless
    /// `desc nulls last`). No sort column: registration order.
    mutating func lumaGuests(position: Int, sortColumn: String?, direction: String?,
                             approval: String?) throws -> [Int32] {
        var approvalFilter: SimAttendee.Approval?
        if let approval, !approval.isEmpty {
            guard let value = SimAttendee.Approval.allCases.first(where: { $0.wire == approval }) else {
                throw QueryError.badArgument("approval_status")
            }
            approvalFilter = value
        }
        let column = sortColumn ?? ""
        guard ["", "name", "email", "created_at", "registered_at", "checked_in_at"].contains(column) else {
            throw QueryError.badArgument("sort_column")
        }
        let dir = (direction ?? "asc").lowercased()
        guard ["asc", "desc", "asc nulls last", "desc nulls last"].contains(dir) else {
            throw QueryError.badArgument("sort_direction")
        }
        let descending = dir.hasPrefix("desc")
        let nullsLast = !descending || dir.hasSuffix("nulls last")
        return cached("g|\(column)|\(dir)|\(approval ?? "")", position: position) { [self] e in
            var out: [Int32] = []
            out.reserveCapacity(e.attendees.count)
            for a in e.attendees where approvalFilter == nil || a.approval == approvalFilter {
                out.append(a.index)
            }
            guard !column.isEmpty else { return descending ? out.reversed() : out }
            if column == "name" || column == "email" {
                let keys: [String?] = out.map { i in
                    let a = e.attendees[Int(i)]
                    return column == "name" ? fullName(a, in: e) : email(a, in: e)
                }
                let order = Array(keys.indices).sorted { x, y in
                    Self.compare(keys[x], keys[y], out[x], out[y], descending, nullsLast)
                }
                return order.map { out[$0] }
            }
            func key(_ a: SimAttendee) -> Int64? {
                switch column {
                case "created_at": return a.created
                case "registered_at": return a.approval == .invited ? nil : a.created
                default: return a.checkedIn ? a.checkedInAt : nil
                }
            }
            return out.sorted { x, y in
                Self.compare(key(e.attendees[Int(x)]), key(e.attendees[Int(y)]), x, y, descending, nullsLast)
            }
        }
    }

    private static func compare<T: Comparable>(_ a: T?, _ b: T?, _ ia: Int32, _ ib: Int32,
                                               _ descending: Bool, _ nullsLast: Bool) -> Bool {
        switch (a, b) {
        case (nil, nil): return ia < ib
        case (nil, _): return !nullsLast
        case (_, nil): return nullsLast
        case let (x?, y?):
            if x == y { return ia < ib }
            return descending ? x > y : x < y
        }
    }
}
