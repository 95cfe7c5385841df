import BadgeCore
import Storage

/// Turns the CLI's EVENT and ATTENDEE arguments into rows (SPEC §4), with errors that say where
/// to look.
enum Resolver {
    /// EVENT = local id, or `PROVIDER:EXTERNAL_ID`.
    static func event(_ text: String, in store: any BadgeStore) throws -> Event {
        if let id = Int64(text), let event = try store.event(id: id) { return event }
        if let colon = text.firstIndex(of: ":"), let provider = Provider(name: String(text[..<colon])) {
            let externalId = String(text[text.index(after: colon)...])
            if let event = try store.event(provider: provider, externalId: externalId) { return event }
        }
        throw CLIError.failed("no event '\(text)' (see badge events list)")
    }

    /// ATTENDEE = local id of an attendee of this event, else the provider's attendee id.
    static func attendee(_ text: String, of event: Event, in store: any BadgeStore) throws -> Attendee {
        if let id = Int64(text), let attendee = try store.attendee(id: id), attendee.eventId == event.id {
            return attendee
        }
        if let attendee = try store.attendee(eventId: event.id, providerAttendeeId: text) { return attendee }
        throw CLIError.failed("no attendee '\(text)' in event \(event.id) (see badge attendees \(event.id))")
    }

    /// A provider name argument (already validated by the parser).
    static func provider(_ text: String) throws -> Provider {
        guard let provider = Provider(name: text) else { throw CLIError.failed("unknown provider '\(text)'") }
        return provider
    }
}
