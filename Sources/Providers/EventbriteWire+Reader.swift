import Foundation

/// The orders page read with `JSONReader` (the import's hot path); the same fields and leniency
/// as the `Decodable` wire types, which remain for the small responses.
extension EventbriteWire {
    static func readOrdersPage(_ data: Data) throws -> OrdersPage {
        try JSONReader.read(data) { r in
            guard r.nextIsObject() else { throw JSONReader.Failure.invalid(at: r.offset) }
            var page = OrdersPage()
            try r.readObject { key, r in
                if key.is("orders") {
                    guard r.nextIsArray() else { throw JSONReader.Failure.invalid(at: r.offset) }
                    var orders: [Order] = []
                    orders.reserveCapacity(50)
                    try r.readArray { r in orders.append(try readOrder(&r)) }
                    page.orders = orders
                } else if key.is("pagination") {
                    page.pagination = try readPagination(&r)
                } else {
                    try r.skipValue()
                }
            }
            return page
        }
    }

    private static func object(_ r: inout JSONReader) throws {
        guard r.nextIsObject() else { throw JSONReader.Failure.invalid(at: r.offset) }
    }

    static func readPagination(_ r: inout JSONReader) throws -> Pagination {
        var p = Pagination()
        guard r.nextIsObject() else {
            try r.skipValue()
            return p
        }
        try r.readObject { key, r in
            if key.is("page_number") { p.page_number = try r.readFlexInt() }
            else if key.is("page_count") { p.page_count = try r.readFlexInt() }
            else if key.is("has_more_items") { p.has_more_items = try r.readFlexBool() }
            else if key.is("continuation") { p.continuation = try r.readFlexString() }
            else if key.is("object_count") { p.object_count = try r.readFlexInt() }
            else if key.is("page_size") { p.page_size = try r.readFlexInt() }
            else { try r.skipValue() }
        }
        return p
    }

    static func readOrder(_ r: inout JSONReader) throws -> Order {
        try object(&r)
        var o = Order()
        try r.readObject { key, r in
            if key.is("attendees") {
                guard r.nextIsArray() else {
                    try r.skipValue()
                    return
                }
                var list: [Attendee] = []
                try r.readArray { r in list.append(try readAttendee(&r)) }
                o.attendees = list
            }
            else if key.is("id") { o.id = try r.readFlexString() }
            else if key.is("changed") { o.changed = try r.readFlexString() }
            else if key.is("created") { o.created = try r.readFlexString() }
            else if key.is("status") { o.status = try r.readFlexString() }
            else { try r.skipValue() }
        }
        return o
    }

    static func readAttendee(_ r: inout JSONReader) throws -> Attendee {
        try object(&r)
        var a = Attendee()
        try r.readObject { key, r in
            if key.is("id") { a.id = try r.readFlexString() }
            else if key.is("profile") { a.profile = try readProfile(&r) }
            else if key.is("barcodes") {
                guard r.nextIsArray() else {
                    try r.skipValue()
                    return
                }
                var list: [Barcode] = []
                try r.readArray { r in
                    guard r.nextIsObject() else {
                        try r.skipValue()
                        return
                    }
                    var b = Barcode()
                    try r.readObject { key, r in
                        if key.is("barcode") { b.barcode = try r.readFlexString() }
                        else if key.is("status") { b.status = try r.readFlexString() }
                        else if key.is("changed") { b.changed = try r.readFlexString() }
                        else { try r.skipValue() }
                    }
                    list.append(b)
                }
                a.barcodes = list
            }
            else if key.is("changed") { a.changed = try r.readFlexString() }
            else if key.is("created") { a.created = try r.readFlexString() }
            else if key.is("order_id") { a.order_id = try r.readFlexString() }
            else if key.is("ticket_class_name") { a.ticket_class_name = try r.readFlexString() }
            else if key.is("checked_in") { a.checked_in = try r.readFlexBool() }
            else if key.is("cancelled") { a.cancelled = try r.readFlexBool() }
            else if key.is("refunded") { a.refunded = try r.readFlexBool() }
            else if key.is("status") { a.status = try r.readFlexString() }
            else { try r.skipValue() }
        }
        return a
    }

    static func readProfile(_ r: inout JSONReader) throws -> Profile? {
        guard r.nextIsObject() else {
            try r.skipValue()
            return nil
        }
        var p = Profile()
        try r.readObject { key, r in
            if key.is("name") { p.name = try r.readFlexString() }
            else if key.is("first_name") { p.first_name = try r.readFlexString() }
            else if key.is("last_name") { p.last_name = try r.readFlexString() }
            else if key.is("email") { p.email = try r.readFlexString() }
            else if key.is("company") { p.company = try r.readFlexString() }
            else if key.is("job_title") { p.job_title = try r.readFlexString() }
            else { try r.skipValue() }
        }
        return p
    }
}
