import BadgeCore
import Foundation
import Printing

/// The JSON shapes of SPEC §4, field by field in a stable order. Timestamps are ISO 8601 UTC;
/// providers lower case; statuses upper case. A credential is never part of any shape.
enum JSONOutput {
    static func time(_ date: Date?) -> JSONValue { .string(date.map(ISO8601.format)) }

    /// event: counts come from the store's statistics of the event.
    static func event(_ event: Event, stats: EventStats) -> JSONValue {
        .object([
            ("id", .int(event.id)),
            ("provider", .string(event.provider.rawValue)),
            ("externalId", .string(event.externalId)),
            ("name", .string(event.name)),
            ("syncStatus", .string(event.syncStatus.rawValue)),
            ("totalAttendees", .int(stats.totalAttendees)),
            ("checkedIn", .int(stats.checkedIn)),
            ("notAttending", .int(stats.notAttending)),
            ("vip", .int(stats.vip)),
            ("lastSyncedAt", time(event.lastSyncedAt)),
            ("accessCode", .string(event.accessCode)),
            ("startsAt", time(event.startsAt)),
            ("lastError", .string(event.lastError)),
            // The mass-cancellation guard's hold (null when none): what a monitor should alert on.
            ("heldCancellations", event.heldCancellation.map { .int($0.count) } ?? .null),
            // When `badge events purge` erased its personal data (null: never); it no longer syncs.
            ("purgedAt", time(event.purgedAt)),
        ])
    }

    static func attendee(_ a: Attendee) -> JSONValue {
        .object([
            ("id", .int(a.id)),
            ("providerAttendeeId", .string(a.providerAttendeeId)),
            ("name", .string(a.name)),
            ("email", .string(a.email)),
            ("company", .string(a.company)),
            ("jobTitle", .string(a.jobTitle)),
            ("ticketName", .string(a.ticketName)),
            ("barcode", .string(a.barcode)),
            ("status", .string(a.status.rawValue)),
            ("providerStatus", .string(a.providerStatus)),
            ("vip", .bool(a.vip)),
            ("checkedInAt", time(a.checkedInAt)),
            ("checkInSource", .string(a.checkInSource?.rawValue)),
            ("printCount", .int(a.printCount)),
            // SPEC §13: the desk's corrections (null = none; `name` etc. stay the provider's),
            // what the badge shows, the note, and whether the row is a walk-in.
            ("corrections", .object(BadgeField.allCases.map { ($0.rawValue, .string(a.corrections[$0])) })),
            ("badgeName", .string(a.badgeName)),
            ("badgeCompany", .string(a.badgeCompany)),
            ("badgeJobTitle", .string(a.badgeJobTitle)),
            ("pronouns", .string(a.pronouns)),
            ("notes", .string(a.notes)),
            ("walkIn", .bool(a.isWalkIn)),
        ])
    }

    /// sync result; `event` is the event's local id.
    static func syncResult(_ r: SyncResult) -> JSONValue {
        .object([
            ("event", .int(r.eventId)),
            ("syncStatus", .string(r.syncStatus.rawValue)),
            ("added", .int(r.counts.added)),
            ("updated", .int(r.counts.updated)),
            ("cancelled", .int(r.counts.cancelled)),
            ("unchanged", .int(r.counts.unchanged)),
            ("requests", .int(r.requests)),
            ("durationMs", .int(r.durationMs)),
        ])
    }

    /// integration: never the credential.
    static func integration(_ i: Integration) -> JSONValue {
        .object([
            ("provider", .string(i.provider.rawValue)),
            ("status", .string(i.status.rawValue)),
            ("account", .string(i.accountLabel)),
            ("baseUrl", .string(i.redactedBaseURL)),
        ])
    }

    static func stats(_ s: EventStats) -> JSONValue {
        .object([
            ("totalAttendees", .int(s.totalAttendees)),
            ("checkedIn", .int(s.checkedIn)),
            ("notAttending", .int(s.notAttending)),
            ("vip", .int(s.vip)),
            ("byTicket", .array(s.byTicket.map {
                .object([("ticketName", .string($0.ticketName)), ("total", .int($0.total)),
                         ("checkedIn", .int($0.checkedIn))])
            })),
            ("arrivals", .array(s.arrivals.map {
                .object([("start", time($0.start)), ("count", .int($0.count))])
            })),
        ])
    }

    /// `template` and `output` as before, plus what happened: `outcome` (`printed` or
    /// `saved_pdf`), `queue` or `path`, and `missingGlyphs` (characters no font has; keys camelCase as in SPEC §4).
    static func printResult(_ result: BadgePrintResult) -> JSONValue {
        var fields: [(String, JSONValue)] = [("template", .string(result.templateName)),
                                             ("output", .string(result.outcome.output)),
                                             ("outcome", .string(result.outcome.kind))]
        switch result.outcome {
        case let .printed(queue): fields.append(("queue", .string(queue)))
        case let .savedPDF(path): fields.append(("path", .string(path)))
        }
        fields.append(("missingGlyphs", .array(result.missingGlyphs.map { .string($0) })))
        return .object(fields)
    }

    static func providerEvent(_ e: ProviderEvent, imported: Bool) -> JSONValue {
        .object([
            ("externalId", .string(e.externalId)),
            ("name", .string(e.name)),
            ("startsAt", time(e.startsAt)),
            ("endsAt", time(e.endsAt)),
            ("timezone", .string(e.timezone)),
            ("registrations", e.registrations.map { .int($0) } ?? .null),
            ("status", .string(e.status)),
            ("imported", .bool(imported)),
        ])
    }

    static func template(_ t: BadgeTemplate) -> JSONValue {
        .object([
            ("name", .string(t.name)),
            ("default", .bool(t.isDefault)),
            ("vip", .bool(t.isVIPVariant)),
            ("ticketNames", .array(t.ticketNames.map { .string($0) })),
        ])
    }

    static func member(_ m: Member) -> JSONValue {
        .object([("name", .string(m.name)), ("role", .string(m.role.rawValue))])
    }
}
