/// Luma JSON for events and guests: the current flat shape and the legacy nested one
/// (PROVIDERS.md §2), written by hand.
extension SimulatorDataset {
    func writeLumaEvent(_ e: SimEvent, legacy: Bool, into w: inout JSONWriter) {
        w.beginObject()
        w.string(legacy ? "api_id" : "id", e.externalId)
        w.string("name", e.name)
        w.string("start_at", ISOTime.formatMillis(e.start, millis: 0))
        w.string("end_at", ISOTime.formatMillis(e.end, millis: 0))
        w.string("timezone", e.timezone)
        // Every guest the guest list returns (all approval statuses): the import's total.
        w.int("guest_count", e.attendees.count)
        w.string("url", "https://luma.com/\(e.externalId.dropFirst(4).lowercased())")
        w.string("created_at", ISOTime.formatMillis(reference - 90 * 86_400, millis: 123))
        w.string("visibility", "public")
        w.string("description", "Registrations for \(e.name).")
        w.null("geo_address_json")
        w.null("cover_url")
        w.endObject()
    }

    /// Luma timestamps carry milliseconds; they are derived from the second and the guest so the
    /// provider view (`providerAttendee`) can report the exact same instant.
    static func lumaMillis(_ epoch: Int64, _ a: SimAttendee) -> Int {
        Int(SplitMix64.mix(UInt64(bitPattern: epoch) ^ UInt64(a.index)) % 1000)
    }

    private func lumaTime(_ epoch: Int64, _ a: SimAttendee) -> String {
        ISOTime.formatMillis(epoch, millis: Self.lumaMillis(epoch, a))
    }

    private func writeAnswers(_ a: SimAttendee, in e: SimEvent, into w: inout JSONWriter) {
        let company = company(a, in: e)
        let job = jobTitle(a, in: e)
        if company == nil && job == nil {
            w.null("registration_answers")
            return
        }
        w.beginArray("registration_answers")
        w.beginObject()
        w.string("label", "Company & role")
        w.string("question_id", "q-" + SplitMix64.base62(e.salt ^ 0xC0, length: 8))
        w.string("question_type", "company")
        w.string("answer", [company, job].compactMap { $0 }.joined(separator: ", "))
        w.string("answer_company", company)
        w.string("answer_job_title", job)
        w.beginObject("value")
        w.string("company", company)
        w.string("job_title", job)
        w.endObject()
        w.endObject()
        w.endArray()
    }

    private func writeTicket(_ a: SimAttendee, second: Bool, legacy: Bool, in e: SimEvent, into w: inout JSONWriter,
                             key: String? = nil) {
        let ticket = second ? a.secondTicket : a.ticket
        let checkedIn = !second && a.checkedIn
        w.beginObject(key)
        w.string(legacy ? "api_id" : "id", lumaTicketId(a, second: second, in: e))
        w.string("name", ticketName(ticket))
        w.int("amount", NameBook.tickets[Int(ticket)].price)
        w.int("amount_discount", 0)
        w.int("amount_tax", 0)
        w.string("currency", "eur")
        w.string("checked_in_at", checkedIn ? lumaTime(a.checkedInAt, a) : nil)
        w.string(legacy ? "event_ticket_type_api_id" : "event_ticket_type_id", ticketClassId(ticket, in: e))
        w.bool("is_captured", a.approval == .approved)
        w.endObject()
    }

    /// A guest in the current flat shape (`/v1/events/guests/list`).
    func writeLumaGuest(_ a: SimAttendee, in e: SimEvent, into w: inout JSONWriter) {
        let registered: String? = a.approval == .invited ? nil : lumaTime(a.created, a)
        w.beginObject()
        w.string("id", attendeeId(a, in: e))
        w.string("user_id", lumaUserId(a, in: e))
        w.string("user_email", email(a, in: e))
        w.string("user_name", fullName(a, in: e))
        w.string("user_first_name", firstName(a, in: e))
        w.string("user_last_name", lastName(a, in: e))
        w.string("approval_status", a.approval.wire)
        w.string("check_in_qr_code", checkInURL(a, in: e))
        w.string("created_at", lumaTime(a.created, a))
        w.string("registered_at", registered)
        w.string("invited_at", a.approval == .invited ? lumaTime(a.created, a) : nil)
        w.string("joined_at", a.checkedIn ? lumaTime(a.checkedInAt, a) : nil)
        w.null("phone_number")
        w.null("utm_source")
        w.null("eth_address")
        w.null("solana_address")
        writeAnswers(a, in: e, into: &w)
        w.beginArray("event_tickets")
        writeTicket(a, second: false, legacy: false, in: e, into: &w)
        if a.secondTicket != SimAttendee.noTicket { writeTicket(a, second: true, legacy: false, in: e, into: &w) }
        w.endArray()
        w.endObject()
    }

    /// An entry of the legacy nested shape: `{api_id, guest: {api_id, …, event_ticket}}`.
    func writeLegacyLumaEntry(_ a: SimAttendee, in e: SimEvent, into w: inout JSONWriter) {
        let id = attendeeId(a, in: e)
        w.beginObject()
        w.string("api_id", id)
        w.beginObject("guest")
        w.string("api_id", id)
        w.string("user_api_id", lumaUserId(a, in: e))
        w.string("name", fullName(a, in: e))
        w.string("email", email(a, in: e))
        w.string("user_name", fullName(a, in: e))
        w.string("user_email", email(a, in: e))
        w.string("user_first_name", firstName(a, in: e))
        w.string("user_last_name", lastName(a, in: e))
        w.string("approval_status", a.approval.wire)
        w.string("created_at", lumaTime(a.created, a))
        w.string("registered_at", a.approval == .invited ? nil : lumaTime(a.created, a))
        w.string("checked_in_at", a.checkedIn ? lumaTime(a.checkedInAt, a) : nil)
        w.string("check_in_qr_code", checkInURL(a, in: e))
        writeAnswers(a, in: e, into: &w)
        writeTicket(a, second: false, legacy: true, in: e, into: &w, key: "event_ticket")
        w.endObject()
        w.endObject()
    }
}
