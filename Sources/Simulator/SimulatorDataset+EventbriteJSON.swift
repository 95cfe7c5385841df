/// Eventbrite v3 JSON for events, orders and attendees (PROVIDERS.md §1), written by hand.
extension SimulatorDataset {
    static func money(_ cents: Int) -> String {
        let major = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
        return #"{"currency":"EUR","value":\#(cents),"major_value":"\#(major)","display":"€\#(major)"}"#
    }

    static func costs(_ cents: Int) -> String {
        #"{"base_price":\#(money(cents)),"gross":\#(money(cents)),"eventbrite_fee":\#(money(0)),"payment_fee":\#(money(0)),"tax":\#(money(0))}"#
    }

    /// Per ticket type, computed once.
    static let ticketCosts: [String] = NameBook.tickets.map { costs($0.price) }

    func writeEventbriteEvent(_ e: SimEvent, organizationId: String, into w: inout JSONWriter) {
        w.beginObject()
        w.beginObject("name")
        w.string("text", e.name)
        w.string("html", e.name)
        w.endObject()
        w.beginObject("description")
        w.string("text", "Registrations for \(e.name).")
        w.string("html", "<p>Registrations for \(e.name).</p>")
        w.endObject()
        w.string("id", e.externalId)
        w.string("url", "https://www.eventbrite.com/e/\(e.externalId)")
        for (key, time) in [("start", e.start), ("end", e.end)] {
            w.beginObject(key)
            w.string("timezone", e.timezone)
            var local = ISOTime.format(time)
            local.removeLast()
            w.string("local", local)
            w.string("utc", ISOTime.format(time))
            w.endObject()
        }
        w.string("organization_id", organizationId)
        w.string("created", ISOTime.format(reference - 90 * 86_400))
        w.string("changed", ISOTime.format(reference - 61 * 86_400))
        w.int("capacity", e.capacity)
        w.string("status", "live")
        w.string("currency", "EUR")
        w.bool("online_event", false)
        w.string("resource_uri", "https://www.eventbriteapi.com/v3/events/\(e.externalId)/")
        w.endObject()
    }

    func writeEventbriteOrder(_ o: SimOrder, in e: SimEvent, expandAttendees: Bool, into w: inout JSONWriter) {
        let buyer = e.attendees[Int(o.firstAttendee)]
        let price = (0..<Int(o.count)).reduce(0) { sum, j in
            sum + NameBook.tickets[Int(e.attendees[Int(o.firstAttendee) + j].ticket)].price
        }
        w.beginObject()
        w.raw("costs", Self.costs(price))
        w.string("resource_uri", "https://www.eventbriteapi.com/v3/orders/\(orderId(o.index, in: e))/")
        w.string("id", orderId(o.index, in: e))
        w.string("created", ISOTime.format(o.created))
        w.string("changed", ISOTime.format(o.changed))
        w.string("name", fullName(buyer, in: e))
        w.string("first_name", firstName(buyer, in: e))
        w.string("last_name", lastName(buyer, in: e))
        w.string("email", email(buyer, in: e))
        w.string("status", o.refunded ? "refunded" : "placed")
        w.null("time_remaining")
        w.string("event_id", e.externalId)
        if expandAttendees {
            w.beginArray("attendees")
            for j in 0..<Int(o.count) {
                writeEventbriteAttendee(e.attendees[Int(o.firstAttendee) + j], in: e, into: &w)
            }
            w.endArray()
        }
        w.endObject()
    }

    func writeEventbriteAttendee(_ a: SimAttendee, in e: SimEvent, into w: inout JSONWriter) {
        let id = attendeeId(a, in: e)
        w.beginObject()
        w.raw("costs", Self.ticketCosts[Int(a.ticket)])
        w.string("resource_uri", "https://www.eventbriteapi.com/v3/events/\(e.externalId)/attendees/\(id)/")
        w.string("id", id)
        w.string("changed", ISOTime.format(a.changed))
        w.string("created", ISOTime.format(a.created))
        w.int("quantity", 1)
        w.null("variant_id")
        w.beginObject("profile")
        w.string("first_name", firstName(a, in: e))
        w.string("last_name", lastName(a, in: e))
        w.string("email", email(a, in: e))
        w.string("name", fullName(a, in: e))
        if let company = company(a, in: e) { w.string("company", company) }
        if let job = jobTitle(a, in: e) { w.string("job_title", job) }
        w.raw("addresses", "{}")
        w.endObject()
        w.beginArray("barcodes")
        w.beginObject()
        let used = a.checkedIn && !a.refunded
        w.string("status", a.refunded ? "refunded" : used ? "used" : "unused")
        w.string("barcode", barcode(a, in: e))
        w.string("created", ISOTime.format(a.created))
        w.string("changed", ISOTime.format(used ? a.checkedInAt : a.created))
        w.int("checkin_type", used ? 2 : 0)
        if used { w.string("checkin_method", "scan") }
        w.bool("is_printed", false)
        w.endObject()
        w.endArray()
        w.beginArray("answers")
        w.endArray()
        w.null("affiliate")
        w.null("guestlist_id")
        w.null("invited_by")
        w.string("status", eventbriteStatus(a))
        w.string("ticket_class_name", ticketName(a.ticket))
        w.string("delivery_method", "electronic")
        w.string("event_id", e.externalId)
        w.string("order_id", orderId(a.order, in: e))
        w.string("ticket_class_id", ticketClassId(a.ticket, in: e))
        w.bool("checked_in", a.checkedIn && !a.refunded)
        w.bool("cancelled", a.cancelled)
        w.bool("refunded", a.refunded)
        w.null("team")
        w.endObject()
    }
}
