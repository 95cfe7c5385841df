import BadgeCore
import Foundation
import Storage

/// Column list, decoding and the batched page writes of the `attendees` table.
enum PGAttendeeRow {
    static let columns = """
        a.id, a.event_id, a.provider_attendee_id, a.order_id, a.name, a.first_name, a.last_name,
        a.email, a.company, a.job_title, a.ticket_name, a.extra_tickets, a.barcode, a.status,
        a.provider_status, a.provider_checked_in_at, a.provider_changed_at, a.vip, a.notes,
        a.checked_in_at, a.check_in_source, a.last_local_action_at, a.print_count,
        a.missing_from_provider, a.corrected_name, a.corrected_company, a.corrected_job_title,
        a.corrected_pronouns
        """

    static func decode(_ r: PGResult, _ i: Int) -> Attendee {
        Attendee(id: r.int64(i, 0), eventId: r.int64(i, 1), providerAttendeeId: r.text(i, 2), orderId: r.optionalText(i, 3),
                 name: r.text(i, 4), firstName: r.optionalText(i, 5), lastName: r.optionalText(i, 6),
                 email: r.optionalText(i, 7), company: r.optionalText(i, 8), jobTitle: r.optionalText(i, 9),
                 ticketName: r.optionalText(i, 10), extraTickets: r.int(i, 11), barcode: r.optionalText(i, 12),
                 status: AttendeeStatus(rawValue: r.text(i, 13)) ?? .notAttending,
                 providerStatus: r.optionalText(i, 14), providerCheckedInAt: r.date(i, 15),
                 providerChangedAt: r.date(i, 16), vip: r.bool(i, 17), notes: r.optionalText(i, 18),
                 checkedInAt: r.date(i, 19),
                 checkInSource: r.optionalText(i, 20).flatMap(CheckInSource.init(rawValue:)),
                 lastLocalActionAt: r.date(i, 21), printCount: r.int(i, 22), missingFromProvider: r.bool(i, 23),
                 corrections: BadgeCorrections(name: r.optionalText(i, 24), company: r.optionalText(i, 25),
                                                jobTitle: r.optionalText(i, 26), pronouns: r.optionalText(i, 27)))
    }

    static func decodeAll(_ r: PGResult) -> [Attendee] { (0..<r.count).map { decode(r, $0) } }

    /// The columns a merge writes, with their array types, in `mergedValues` order.
    static let merged: [(name: String, type: String)] = [
        ("order_id", "text"), ("name", "text"), ("first_name", "text"), ("last_name", "text"), ("email", "text"),
        ("company", "text"), ("job_title", "text"), ("ticket_name", "text"), ("extra_tickets", "integer"),
        ("barcode", "text"), ("status", "text"), ("provider_status", "text"), ("provider_checked_in_at", "bigint"),
        ("provider_changed_at", "bigint"), ("checked_in_at", "bigint"), ("check_in_source", "text"),
        ("missing_from_provider", "integer"), ("last_local_action_at", "bigint"), ("search_text", "text"),
        ("updated_at", "bigint"),
    ]

    /// Column-wise arrays of the merged values of `rows` (one array literal per column).
    static func mergedArrays(_ rows: [Attendee], updatedAt: Date) -> [SQLValue] {
        func ms(_ d: Date?) -> Int64? { d.map(DateCoding.milliseconds) }
        let now = DateCoding.milliseconds(updatedAt)
        let texts: [[String?]] = [
            rows.map(\.orderId), rows.map(\.name), rows.map(\.firstName), rows.map(\.lastName), rows.map(\.email),
            rows.map(\.company), rows.map(\.jobTitle), rows.map(\.ticketName),
        ]
        var values: [SQLValue] = texts.map { .text(PGArray.literal($0)) }
        values.append(.text(PGArray.literal(rows.map { Int64($0.extraTickets) as Int64? })))
        values.append(.text(PGArray.literal(rows.map(\.barcode))))
        values.append(.text(PGArray.literal(rows.map { $0.status.rawValue as String? })))
        values.append(.text(PGArray.literal(rows.map(\.providerStatus))))
        values.append(.text(PGArray.literal(rows.map { ms($0.providerCheckedInAt) })))
        values.append(.text(PGArray.literal(rows.map { ms($0.providerChangedAt) })))
        values.append(.text(PGArray.literal(rows.map { ms($0.checkedInAt) })))
        values.append(.text(PGArray.literal(rows.map { $0.checkInSource?.rawValue })))
        values.append(.text(PGArray.literal(rows.map { Int64($0.missingFromProvider ? 1 : 0) as Int64? })))
        values.append(.text(PGArray.literal(rows.map { ms($0.lastLocalActionAt) })))
        values.append(.text(PGArray.literal(rows.map { AttendeeSearch.haystack($0) as String? })))
        values.append(.text(PGArray.literal(rows.map { _ in now as Int64? })))
        return values
    }

    private static var unnestArgs: String {
        merged.enumerated().map { "$\($0.offset + 1)::\($0.element.type)[]" }.joined(separator: ", ")
    }

    /// Inserts a page's new rows in one statement; $21…$25 are event id, provider ids, VIP,
    /// notes, print counts.
    static let insertSQL: String = {
        let n = merged.count
        let names = merged.map(\.name).joined(separator: ", ")
        return """
            INSERT INTO attendees (\(names), event_id, provider_attendee_id, vip, notes, print_count)
            SELECT \(merged.map { "u.\($0.name)" }.joined(separator: ", ")), $\(n + 1)::bigint,
                u.provider_attendee_id, u.vip, u.notes, u.print_count
            FROM unnest(\(unnestArgs), $\(n + 2)::text[], $\(n + 3)::integer[],
                $\(n + 4)::text[], $\(n + 5)::integer[])
                AS u(\(names), provider_attendee_id, vip, notes, print_count)
            RETURNING id, provider_attendee_id
            """
    }()

    /// Updates a page's changed rows in one statement; $21 is the array of row ids.
    static let updateSQL: String = {
        let n = merged.count
        let names = merged.map(\.name)
        return """
            UPDATE attendees a SET \(names.map { "\($0) = u.\($0)" }.joined(separator: ", "))
            FROM unnest(\(unnestArgs), $\(n + 1)::bigint[]) AS u(\(names.joined(separator: ", ")), id)
            WHERE a.id = u.id
            """
    }()

    /// The provider's attendee as it reads back from PostgreSQL: dates at millisecond precision,
    /// a NUL as U+FFFD (`PGConnection.withoutNUL`), so re-applying a page compares equal.
    static func quantised(_ p: ProviderAttendee) -> ProviderAttendee {
        var q = p
        q.checkedInAt = DateCoding.quantised(p.checkedInAt)
        q.changedAt = DateCoding.quantised(p.changedAt)
        let text = PGConnection.withoutNUL
        q.providerAttendeeId = text(p.providerAttendeeId)
        q.orderId = p.orderId.map(text)
        q.name = text(p.name)
        q.firstName = p.firstName.map(text)
        q.lastName = p.lastName.map(text)
        q.email = p.email.map(text)
        q.company = p.company.map(text)
        q.jobTitle = p.jobTitle.map(text)
        q.ticketName = p.ticketName.map(text)
        q.barcode = p.barcode.map(text)
        q.providerStatus = p.providerStatus.map(text)
        return q
    }
}
