import BadgeCore
import Foundation

/// Column list, decoding and binding of the `attendees` table, shared by every attendee query.
package enum AttendeeRow {
    /// Selected columns, in `decode` order; qualified with `a.` so joins stay unambiguous.
    static let columns = """
        a.id, a.event_id, a.provider_attendee_id, a.order_id, a.name, a.first_name, a.last_name,
        a.email, a.company, a.job_title, a.ticket_name, a.extra_tickets, a.barcode, a.status,
        a.provider_status, a.provider_checked_in_at, a.provider_changed_at, a.vip, a.notes,
        a.checked_in_at, a.check_in_source, a.last_local_action_at, a.print_count,
        a.missing_from_provider, a.corrected_name, a.corrected_company, a.corrected_job_title,
        a.corrected_pronouns
        """

    /// The console-owned badge corrections, as `corrected_*` columns (SPEC §13).
    package static let correctionColumns: [BadgeField: String] = [
        .name: "corrected_name", .company: "corrected_company", .jobTitle: "corrected_job_title",
        .pronouns: "corrected_pronouns",
    ]

    static func decode(_ s: Statement) -> Attendee {
        Attendee(id: s.int64(0), eventId: s.int64(1), providerAttendeeId: s.text(2), orderId: s.optionalText(3),
                 name: s.text(4), firstName: s.optionalText(5), lastName: s.optionalText(6),
                 email: s.optionalText(7), company: s.optionalText(8), jobTitle: s.optionalText(9),
                 ticketName: s.optionalText(10), extraTickets: s.int(11), barcode: s.optionalText(12),
                 status: AttendeeStatus(rawValue: s.text(13)) ?? .notAttending,
                 providerStatus: s.optionalText(14), providerCheckedInAt: s.date(15),
                 providerChangedAt: s.date(16), vip: s.bool(17), notes: s.optionalText(18),
                 checkedInAt: s.date(19), checkInSource: s.optionalText(20).flatMap(CheckInSource.init(rawValue:)),
                 lastLocalActionAt: s.date(21), printCount: s.int(22), missingFromProvider: s.bool(23),
                 corrections: BadgeCorrections(name: s.optionalText(24), company: s.optionalText(25),
                                               jobTitle: s.optionalText(26), pronouns: s.optionalText(27)))
    }

    /// Columns a merge may change (provider-owned fields, the merged check-in, the missing flag,
    /// the derived search text), bound as ?1…?19; ?20 is `updated_at`.
    static let mergedColumns = [
        "order_id", "name", "first_name", "last_name", "email", "company", "job_title", "ticket_name",
        "extra_tickets", "barcode", "status", "provider_status", "provider_checked_in_at",
        "provider_changed_at", "checked_in_at", "check_in_source", "missing_from_provider",
        "last_local_action_at", "search_text", "updated_at",
    ]

    /// First parameter after the merged columns (the row id in UPDATE, event id in INSERT).
    static let nextParameter = Int32(mergedColumns.count + 1)

    static let insertSQL = """
        INSERT INTO attendees (\(mergedColumns.joined(separator: ", ")), event_id, provider_attendee_id,
            vip, notes, print_count)
        VALUES (\((1...mergedColumns.count + 5).map { "?\($0)" }.joined(separator: ", ")))
        """

    /// `insertSQL` that leaves an attendee already in the event alone (`changes` tells).
    static let insertNewSQL = insertSQL + "\nON CONFLICT (event_id, provider_attendee_id) DO NOTHING"

    /// The INSERT's columns after the merged ones.
    static func bindNewRowColumns(_ a: Attendee, eventId: Int64, to s: Statement) throws {
        try s.bind(nextParameter, eventId)
        try s.bind(nextParameter + 1, a.providerAttendeeId)
        try s.bind(nextParameter + 2, a.vip)
        try s.bind(nextParameter + 3, a.notes)
        try s.bind(nextParameter + 4, a.printCount)
    }

    static let updateSQL = """
        UPDATE attendees SET \(mergedColumns.enumerated().map { "\($1) = ?\($0 + 1)" }.joined(separator: ", "))
        WHERE id = ?\(mergedColumns.count + 1)
        """

    /// `searchText`: the row's `AttendeeSearch.haystackUTF8` when the caller has it already.
    static func bindMerged(_ a: Attendee, updatedAt: Date, to s: Statement, searchText: [UInt8]? = nil) throws {
        try s.bind(1, a.orderId)
        try s.bind(2, a.name)
        try s.bind(3, a.firstName)
        try s.bind(4, a.lastName)
        try s.bind(5, a.email)
        try s.bind(6, a.company)
        try s.bind(7, a.jobTitle)
        try s.bind(8, a.ticketName)
        try s.bind(9, a.extraTickets)
        try s.bind(10, a.barcode)
        try s.bind(11, a.status.rawValue)
        try s.bind(12, a.providerStatus)
        try s.bind(13, a.providerCheckedInAt)
        try s.bind(14, a.providerChangedAt)
        try s.bind(15, a.checkedInAt)
        try s.bind(16, a.checkInSource?.rawValue)
        try s.bind(17, a.missingFromProvider)
        try s.bind(18, a.lastLocalActionAt)
        try s.bindText(19, utf8: searchText ?? AttendeeSearch.haystackUTF8(a))
        try s.bind(20, updatedAt)
    }

    /// Incoming provider data with its dates at storage precision, so a merge against a row read
    /// back from the database compares equal when nothing changed.
    static func quantised(_ p: ProviderAttendee) -> ProviderAttendee {
        var q = p
        q.checkedInAt = DateCoding.quantised(p.checkedInAt)
        q.changedAt = DateCoding.quantised(p.changedAt)
        return q
    }
}
