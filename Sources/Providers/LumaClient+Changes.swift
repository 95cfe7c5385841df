import Foundation
import BadgeCore

/// Incremental polls for Luma, which has no change filter (SPEC §2.5): two head scans of the
/// guest list, newest first — by `registered_at` (new registrations) and by `checked_in_at`
/// (check-ins at the provider), both `desc nulls last` — each stopping at the first page that
/// reaches its watermark. Guests at exactly a watermark come back again (inclusive, idempotent),
/// so a poll with nothing new costs 2 requests.
extension LumaClient {
    /// The two watermarks of a change cursor: `r=TIME;c=TIME` (either may be empty).
    struct Watermarks: Hashable, Sendable {
        var registered: Date?
        var checkedIn: Date?

        init(registered: Date?, checkedIn: Date?) {
            self.registered = registered
            self.checkedIn = checkedIn
        }

        init?(cursor: String) {
            var registered: Date?
            var checkedIn: Date?
            var recognised = false
            for part in cursor.split(separator: ";") {
                let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pieces.count == 2 else { return nil }
                let value = String(pieces[1])
                let date = value.isEmpty ? nil : ISO8601.parse(value)
                if !value.isEmpty && date == nil { return nil }
                switch pieces[0] {
                case "r": registered = date; recognised = true
                case "c": checkedIn = date; recognised = true
                default: continue
                }
            }
            guard recognised else { return nil }
            self.registered = registered
            self.checkedIn = checkedIn
        }

        var cursor: String {
            "r=\(registered.map(ISO8601.formatWithMilliseconds) ?? "");c=\(checkedIn.map(ISO8601.formatWithMilliseconds) ?? "")"
        }
    }

    /// The change cursor for "everything registered or checked in at or after `date`".
    public static func changeCursor(for date: Date) -> String {
        Watermarks(registered: date, checkedIn: date).cursor
    }

    /// The change cursor to poll from after importing `attendees`: their latest `changedAt`
    /// (registration) and latest `checkedInAt`.
    public static func changeCursor(for attendees: [ProviderAttendee]) -> String {
        Watermarks(registered: attendees.lazy.compactMap(\.changedAt).max(),
                   checkedIn: attendees.lazy.compactMap(\.checkedInAt).max()).cursor
    }

    /// Watermarks from the imported attendees (`changeCursor(for: attendees)`).
    public func changeCursor(after attendees: [ProviderAttendee]) -> String? {
        Self.changeCursor(for: attendees)
    }

    /// Without a (readable) cursor, establishes the watermarks from the newest guest of each
    /// order (2 requests) and reports no changes; otherwise runs both head scans.
    public func changes(eventExternalId: String, since cursor: String?) async throws -> ChangeSet {
        let establish = cursor.flatMap(Watermarks.init(cursor:)) == nil
        let marks = cursor.flatMap(Watermarks.init(cursor:)) ?? Watermarks(registered: nil, checkedIn: nil)
        let registrations = try await headScan(eventId: eventExternalId, column: "registered_at",
                                               watermark: marks.registered, establishOnly: establish,
                                               key: { LumaMapping.registeredAt($0.guest) })
        let checkIns = try await headScan(eventId: eventExternalId, column: "checked_in_at",
                                          watermark: marks.checkedIn, establishOnly: establish,
                                          key: LumaMapping.latestCheckIn)
        var attendees = registrations.attendees
        var index = Dictionary(attendees.enumerated().map { ($1.providerAttendeeId, $0) },
                               uniquingKeysWith: { _, last in last })
        for attendee in checkIns.attendees {
            if let at = index[attendee.providerAttendeeId] {
                attendees[at] = attendee
            } else {
                index[attendee.providerAttendeeId] = attendees.count
                attendees.append(attendee)
            }
        }
        let next = Watermarks(registered: later(marks.registered, registrations.highest),
                              checkedIn: later(marks.checkedIn, checkIns.highest))
        return ChangeSet(attendees: attendees, cursor: next.cursor)
    }

    private func later(_ a: Date?, _ b: Date?) -> Date? {
        switch (a, b) {
        case let (a?, b?): return max(a, b)
        default: return a ?? b
        }
    }

    /// Pages through the guest list sorted by `column` descending until a page reaches the
    /// watermark (an item below it or without the timestamp). With `establishOnly`, reads one
    /// page and returns only its highest timestamp.
    /// Seconds a head scan reaches back past its watermark.
    public static let watermarkLookBack: TimeInterval = 1

    private func headScan(eventId: String, column: String, watermark: Date?, establishOnly: Bool,
                          key: (LumaWire.GuestEntry) -> Date?) async throws -> (attendees: [ProviderAttendee], highest: Date?) {
        var attendees: [ProviderAttendee] = []
        var highest: Date?
        var cursor: String?
        var used = Set<String>()
        var number = 1
        // Timestamps are not a strict order (same-second writes, clock adjustments at the
        // provider): look back a few seconds past the watermark; the merges are idempotent.
        let boundary = watermark?.addingTimeInterval(-Self.watermarkLookBack)
        while true {
            let page: GuestPage
            do {
                page = try await fetchGuests(eventId: eventId, cursor: cursor, sort: (column, "desc nulls last"), number: number)
            } catch ScanSignal.badCursor {
                throw ProviderError.badRequest("Luma rejected the guest list paging of event \(eventId)")
            }
            var reachedBoundary = false
            for entry in page.entries {
                guard let stamp = key(entry) else {
                    reachedBoundary = true
                    continue
                }
                if highest.map({ stamp > $0 }) ?? true { highest = stamp }
                if establishOnly { continue }
                if let boundary, stamp < boundary {
                    reachedBoundary = true
                    continue
                }
                if let attendee = mapped(entry) { attendees.append(attendee) }
            }
            if establishOnly || reachedBoundary || !page.hasMore { break }
            guard let next = try Self.nextCursor(of: page, number: number, used: &used, eventId: eventId) else { break }
            cursor = next
            number += 1
        }
        return (attendees, highest)
    }
}
