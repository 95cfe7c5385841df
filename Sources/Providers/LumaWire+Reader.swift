import Foundation

/// The guest-list page read with `JSONReader` (the import's hot path), both shapes: an entry is
/// the guest itself (current) or `{api_id, guest: {…}}` (legacy).
extension LumaWire {
    static func readGuestsPage(_ data: Data) throws -> GuestsPage {
        try JSONReader.read(data) { r in
            guard r.nextIsObject() else { throw JSONReader.Failure.invalid(at: r.offset) }
            var page = GuestsPage()
            try r.readObject { key, r in
                if key.is("entries") {
                    guard r.nextIsArray() else { throw JSONReader.Failure.invalid(at: r.offset) }
                    var entries: [GuestEntry] = []
                    entries.reserveCapacity(50)
                    try r.readArray { r in entries.append(try readEntry(&r)) }
                    page.entries = entries
                }
                else if key.is("has_more") { page.has_more = try r.readFlexBool() }
                else if key.is("next_cursor") { page.next_cursor = try r.readFlexString() }
                else { try r.skipValue() }
            }
            return page
        }
    }

    /// An entry: its own fields read as a guest, and a nested `guest` object preferred if any.
    static func readEntry(_ r: inout JSONReader) throws -> GuestEntry {
        guard r.nextIsObject() else { throw JSONReader.Failure.invalid(at: r.offset) }
        var outer = Guest()
        var nested: Guest?
        try r.readObject { key, r in
            if key.is("guest") {
                if r.nextIsObject() {
                    var inner = Guest()
                    try r.readObject { key, r in try readGuestField(key, &r, into: &inner) }
                    nested = inner
                } else {
                    try r.skipValue()
                }
            } else {
                try readGuestField(key, &r, into: &outer)
            }
        }
        if let nested { return GuestEntry(guest: nested, entryId: outer.api_id.text) }
        return GuestEntry(guest: outer, entryId: nil)
    }

    static func readGuestField(_ key: JSONReader.Key, _ r: inout JSONReader, into g: inout Guest) throws {
        if key.is("id") { g.id = try r.readFlexString() }
        else if key.is("api_id") { g.api_id = try r.readFlexString() }
        else if key.is("user_email") { g.user_email = try r.readFlexString() }
        else if key.is("email") { g.email = try r.readFlexString() }
        else if key.is("user_name") { g.user_name = try r.readFlexString() }
        else if key.is("name") { g.name = try r.readFlexString() }
        else if key.is("user_first_name") { g.user_first_name = try r.readFlexString() }
        else if key.is("user_last_name") { g.user_last_name = try r.readFlexString() }
        else if key.is("first_name") { g.first_name = try r.readFlexString() }
        else if key.is("last_name") { g.last_name = try r.readFlexString() }
        else if key.is("approval_status") { g.approval_status = try r.readFlexString() }
        else if key.is("check_in_qr_code") { g.check_in_qr_code = try r.readFlexString() }
        else if key.is("registered_at") { g.registered_at = try r.readFlexString() }
        else if key.is("created_at") { g.created_at = try r.readFlexString() }
        else if key.is("checked_in_at") { g.checked_in_at = try r.readFlexString() }
        else if key.is("event_tickets") {
            guard r.nextIsArray() else {
                try r.skipValue()
                return
            }
            var tickets: [Ticket] = []
            try r.readArray { r in
                if let ticket = try readTicket(&r) { tickets.append(ticket) }
            }
            g.event_tickets = tickets
        }
        else if key.is("event_ticket") { g.event_ticket = try readTicket(&r) }
        else if key.is("registration_answers") {
            guard r.nextIsArray() else {
                try r.skipValue()
                return
            }
            var answers: [Answer] = []
            try r.readArray { r in
                if let answer = try readAnswer(&r) { answers.append(answer) }
            }
            g.registration_answers = answers
        }
        else { try r.skipValue() }
    }

    static func readTicket(_ r: inout JSONReader) throws -> Ticket? {
        guard r.nextIsObject() else {
            try r.skipValue()
            return nil
        }
        var t = Ticket()
        try r.readObject { key, r in
            if key.is("id") { t.id = try r.readFlexString() }
            else if key.is("api_id") { t.api_id = try r.readFlexString() }
            else if key.is("name") { t.name = try r.readFlexString() }
            else if key.is("checked_in_at") { t.checked_in_at = try r.readFlexString() }
            else { try r.skipValue() }
        }
        return t
    }

    static func readAnswer(_ r: inout JSONReader) throws -> Answer? {
        guard r.nextIsObject() else {
            try r.skipValue()
            return nil
        }
        var a = Answer()
        try r.readObject { key, r in
            if key.is("question_type") { a.question_type = try r.readFlexString() }
            else if key.is("answer_company") { a.answer_company = try r.readFlexString() }
            else if key.is("answer_job_title") { a.answer_job_title = try r.readFlexString() }
            else if key.is("value") {
                guard r.nextIsObject() else {
                    try r.skipValue()
                    return
                }
                var v = AnswerValue()
                try r.readObject { key, r in
                    if key.is("company") { v.company = try r.readFlexString() }
                    else if key.is("job_title") { v.job_title = try r.readFlexString() }
                    else { try r.skipValue() }
                }
                a.value = Lenient(value: v)
            }
            else { try r.skipValue() }
        }
        return a
    }
}
