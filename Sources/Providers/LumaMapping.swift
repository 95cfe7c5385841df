import Foundation
import BadgeCore

/// Luma wire → domain (SPEC §2.3, PROVIDERS.md §2). Pure functions.
enum LumaMapping {
    static func attendee(_ entry: LumaWire.GuestEntry) -> ProviderAttendee? {
        let guest = entry.guest
        guard let id = guest.id.text ?? guest.api_id.text ?? entry.entryId else { return nil }
        let email = trimmed(guest.user_email.text ?? guest.email.text)
        let first = trimmed(guest.user_first_name.text ?? guest.first_name.text)
        let last = trimmed(guest.user_last_name.text ?? guest.last_name.text)
        let joined = [first, last].compactMap { $0 }.joined(separator: " ")
        let name = trimmed(guest.user_name.text ?? guest.name.text) ?? (joined.isEmpty ? nil : joined) ?? email
            ?? ProviderAttendee.unnamed

        let approval = guest.approval_status.text
        var tickets = guest.event_tickets ?? []
        if tickets.isEmpty, let single = guest.event_ticket { tickets = [single] }
        var company: String?
        var jobTitle: String?
        for answer in guest.registration_answers ?? [] where answer.question_type.text?.lowercased() == "company" {
            company = trimmed(answer.answer_company.text ?? answer.value?.value?.company.text)
            jobTitle = trimmed(answer.answer_job_title.text ?? answer.value?.value?.job_title.text)
            break
        }
        return ProviderAttendee(
            providerAttendeeId: id,
            orderId: nil,
            name: name,
            firstName: first,
            lastName: last,
            email: email,
            company: company,
            jobTitle: jobTitle,
            ticketName: tickets.first?.name.text,
            extraTickets: max(0, tickets.count - 1),
            barcode: guest.check_in_qr_code.text.flatMap(guestKey(fromQRCode:)),
            status: approval?.lowercased() == "approved" ? .attending : .notAttending,
            providerStatus: approval,
            checkedInAt: checkIns(guest, tickets).min(),
            changedAt: registeredAt(guest))
    }

    /// `registered_at`, else `created_at` (the legacy shape).
    static func registeredAt(_ guest: LumaWire.Guest) -> Date? {
        (guest.registered_at.text ?? guest.created_at.text).flatMap(ISO8601.parse)
    }

    /// The latest check-in of any ticket (or the guest-level one): the watermark of head scans.
    static func latestCheckIn(_ entry: LumaWire.GuestEntry) -> Date? {
        var tickets = entry.guest.event_tickets ?? []
        if tickets.isEmpty, let single = entry.guest.event_ticket { tickets = [single] }
        return checkIns(entry.guest, tickets).max()
    }

    private static func checkIns(_ guest: LumaWire.Guest, _ tickets: [LumaWire.Ticket]) -> [Date] {
        var dates = tickets.compactMap { $0.checked_in_at.text.flatMap(ISO8601.parse) }
        if dates.isEmpty, let own = guest.checked_in_at.text.flatMap(ISO8601.parse) { dates.append(own) }
        return dates
    }

    /// The `checked_in_at` values of the guest (and its tickets) that are not dates: an attendee
    /// whose only check-in times are these is kept as not checked in, and the client says so.
    static func unparsableCheckIns(_ entry: LumaWire.GuestEntry) -> [String] {
        var texts = (entry.guest.event_tickets ?? []).compactMap { $0.checked_in_at.text }
        if let single = entry.guest.event_ticket?.checked_in_at.text { texts.append(single) }
        if let own = entry.guest.checked_in_at.text { texts.append(own) }
        return texts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && ISO8601.parse($0) == nil }
    }

    /// The `pk` query value of a check-in QR URL (`https://…/check-in/evt-…?pk=g-…`).
    /// Byte-level (it runs for every guest of every page); percent-decoding only when there is a `%`.
    static func guestKey(fromQRCode text: String) -> String? {
        let bytes = text.utf8
        guard let question = bytes.firstIndex(of: UInt8(ascii: "?")), question != bytes.startIndex else { return nil }
        var start = bytes.index(after: question)
        let end = bytes.endIndex
        while start < end {
            let pairEnd = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? end
            let pair = bytes[start..<pairEnd]
            if pair.starts(with: "pk=".utf8) {
                let valueStart = bytes.index(start, offsetBy: 3)
                let valueEnd = bytes[valueStart..<pairEnd].firstIndex(of: UInt8(ascii: "#")) ?? pairEnd
                if valueStart < pairEnd {
                    let raw = String(Substring(text.utf8[valueStart..<valueEnd]))
                    let value = raw.utf8.contains(UInt8(ascii: "%")) ? (raw.removingPercentEncoding ?? raw) : raw
                    return value.isEmpty ? nil : value
                }
            }
            start = pairEnd < end ? bytes.index(after: pairEnd) : end
        }
        return nil
    }

    static func event(_ envelope: LumaWire.EventEnvelope) -> ProviderEvent? {
        let wire = envelope.event
        guard let id = wire.id.text ?? wire.api_id.text ?? envelope.outerId else { return nil }
        return ProviderEvent(
            externalId: id,
            name: trimmed(wire.name.text) ?? "Event \(id)",
            startsAt: wire.start_at.text.flatMap(ISO8601.parse),
            endsAt: wire.end_at.text.flatMap(ISO8601.parse),
            timezone: wire.timezone.text,
            registrations: wire.guest_count?.value,
            status: nil)
    }

    static func accountLabel(_ user: LumaWire.User) -> String {
        let joined = [user.first_name.text, user.last_name.text].compactMap { $0 }.joined(separator: " ")
        let name = trimmed(user.name.text) ?? (joined.isEmpty ? nil : joined)
        switch (name, trimmed(user.email.text)) {
        case let (name?, email?): return "\(name) <\(email)>"
        case let (name?, nil): return name
        case let (nil, email?): return email
        default: return (user.id.text ?? user.api_id.text).map { "Luma user \($0)" } ?? "Luma account"
        }
    }

    private static func trimmed(_ text: String?) -> String? {
        ProviderText.trimmed(text)
    }
}
