import Foundation
import BadgeCore

/// Ids and text derived from the compact attendee records (overrides first).
extension SimulatorDataset {
    // MARK: ids

    func attendeeId(_ a: SimAttendee, in e: SimEvent) -> String {
        switch e.provider {
        case .eventbrite: return String(e.attendeeBase + Int64(a.index))
        case .luma: return "gst-" + SplitMix64.base62(SplitMix64.hash(e.salt, UInt64(a.index), 3), length: 12)
        }
    }

    func orderId(_ order: Int32, in e: SimEvent) -> String { String(e.idBase + Int64(order)) }

    func ticketClassId(_ ticket: UInt8, in e: SimEvent) -> String {
        switch e.provider {
        case .eventbrite: return String(e.ticketClassBase + Int64(ticket))
        case .luma: return "evtticktyp-" + SplitMix64.base62(SplitMix64.hash(e.salt, UInt64(ticket), 7), length: 12)
        }
    }

    func lumaUserId(_ a: SimAttendee, in e: SimEvent) -> String {
        "usr-" + SplitMix64.base62(SplitMix64.hash(e.salt, UInt64(a.index), 4), length: 12)
    }

    func lumaGuestKey(_ a: SimAttendee, in e: SimEvent) -> String {
        "g-" + SplitMix64.base62(SplitMix64.hash(e.salt, UInt64(a.index), 5), length: 12)
    }

    func lumaTicketId(_ a: SimAttendee, second: Bool, in e: SimEvent) -> String {
        "evtticket-" + SplitMix64.base62(SplitMix64.hash(e.salt, UInt64(a.index), second ? 9 : 8), length: 12)
    }

    /// Eventbrite-style numeric barcode: order id + attendee id + "001"; Luma: the guest key.
    func barcode(_ a: SimAttendee, in e: SimEvent) -> String {
        switch e.provider {
        case .eventbrite: return orderId(a.order, in: e) + attendeeId(a, in: e) + "001"
        case .luma: return lumaGuestKey(a, in: e)
        }
    }

    func checkInURL(_ a: SimAttendee, in e: SimEvent) -> String {
        "https://luma.com/check-in/\(e.externalId)?pk=\(lumaGuestKey(a, in: e))"
    }

    // MARK: text

    private func override(_ a: SimAttendee, _ e: SimEvent) -> AttendeeOverride? {
        a.override >= 0 ? e.overrides[Int(a.override)] : nil
    }

    func firstName(_ a: SimAttendee, in e: SimEvent) -> String? {
        if let value = override(a, e)?.firstName { return value }
        if a.noName, e.provider == .luma, override(a, e)?.name == nil { return nil }
        if a.culture == SimAttendee.specialCulture { return NameBook.specials[Int(a.first)].first }
        return NameBook.cultures[Int(a.culture)].first[Int(a.first)]
    }

    func lastName(_ a: SimAttendee, in e: SimEvent) -> String? {
        if let value = override(a, e)?.lastName { return value }
        if a.noName, e.provider == .luma, override(a, e)?.name == nil { return nil }
        if a.culture == SimAttendee.specialCulture { return NameBook.specials[Int(a.first)].last }
        return NameBook.cultures[Int(a.culture)].last[Int(a.last)]
    }

    /// The full name field (`profile.name` / `user_name`); nil for Luma guests without a name.
    func fullName(_ a: SimAttendee, in e: SimEvent) -> String? {
        if let value = override(a, e)?.name { return value }
        if e.provider == .luma, a.noName || a.nullName { return nil }
        guard let first = firstName(a, in: e), let last = lastName(a, in: e) else { return nil }
        if a.culture != SimAttendee.specialCulture, NameBook.cultures[Int(a.culture)].familyFirst {
            return last + first
        }
        return first + " " + last
    }

    func email(_ a: SimAttendee, in e: SimEvent) -> String {
        if let value = override(a, e)?.email { return value }
        let domain = NameBook.emailDomains[Int(a.index) % NameBook.emailDomains.count]
        if a.culture == SimAttendee.specialCulture {
            return "\(NameBook.specialSlugs[Int(a.first)]).\(a.index)@\(domain)"
        }
        let c = Int(a.culture)
        return "\(NameBook.firstSlugs[c][Int(a.first)]).\(NameBook.lastSlugs[c][Int(a.last)])\(a.index)@\(domain)"
    }

    func company(_ a: SimAttendee, in e: SimEvent) -> String? {
        if let value = override(a, e)?.company { return value }
        return a.company == SimAttendee.noValue ? nil : NameBook.companies[Int(a.company)]
    }

    func jobTitle(_ a: SimAttendee, in e: SimEvent) -> String? {
        if let value = override(a, e)?.jobTitle { return value }
        return a.job == SimAttendee.noValue ? nil : NameBook.jobTitles[Int(a.job)]
    }

    func ticketName(_ ticket: UInt8) -> String { NameBook.tickets[Int(ticket)].name }

    /// The Eventbrite attendee `status` text.
    func eventbriteStatus(_ a: SimAttendee) -> String {
        if a.cancelled || a.refunded { return "Not Attending" }
        return a.checkedIn ? "Checked In" : "Attending"
    }

    /// The attendee as a correct client should map it (SPEC §2.3): "the provider's view".
    func providerAttendee(_ a: SimAttendee, in e: SimEvent) -> ProviderAttendee {
        let first = firstName(a, in: e)
        let last = lastName(a, in: e)
        let mail = email(a, in: e)
        var name = fullName(a, in: e)
        if name == nil, let first, let last { name = first + " " + last }
        let attending: Bool
        let raw: String
        switch e.provider {
        case .eventbrite:
            attending = !(a.cancelled || a.refunded)
            raw = eventbriteStatus(a)
        case .luma:
            attending = a.approval == .approved
            raw = a.approval.wire
        }
        return ProviderAttendee(
            providerAttendeeId: attendeeId(a, in: e),
            orderId: e.provider == .eventbrite ? orderId(a.order, in: e) : nil,
            name: name ?? mail, firstName: first, lastName: last, email: mail,
            company: company(a, in: e), jobTitle: jobTitle(a, in: e), ticketName: ticketName(a.ticket),
            extraTickets: a.secondTicket == SimAttendee.noTicket ? 0 : 1, barcode: barcode(a, in: e),
            status: attending ? .attending : .notAttending, providerStatus: raw,
            checkedInAt: a.checkedIn ? Date(timeIntervalSince1970: TimeInterval(a.checkedInAt)) : nil,
            changedAt: Date(timeIntervalSince1970: TimeInterval(a.changed)))
    }
}
