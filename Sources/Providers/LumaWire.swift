import Foundation

/// Luma wire types (PROVIDERS.md §2), every field optional, snake_case as on the wire. Both the
/// current flat guest shape and the legacy `{api_id, guest: {…}}` shape decode into `Guest`.
enum LumaWire {
    struct Ticket: Decodable, Sendable {
        var id: FlexString?
        var api_id: FlexString?
        var name: FlexString?
        var checked_in_at: FlexString?
    }

    struct AnswerValue: Decodable, Sendable {
        var company: FlexString?
        var job_title: FlexString?
    }

    struct Answer: Decodable, Sendable {
        var question_type: FlexString?
        var answer_company: FlexString?
        var answer_job_title: FlexString?
        /// Its shape depends on the question type: anything not an object is ignored.
        var value: Lenient<AnswerValue>?
    }

    struct Guest: Decodable, Sendable {
        var id: FlexString?
        var api_id: FlexString?
        var user_email: FlexString?
        var email: FlexString?
        var user_name: FlexString?
        var name: FlexString?
        var user_first_name: FlexString?
        var user_last_name: FlexString?
        var first_name: FlexString?
        var last_name: FlexString?
        var approval_status: FlexString?
        var check_in_qr_code: FlexString?
        var registered_at: FlexString?
        var created_at: FlexString?
        var checked_in_at: FlexString?
        var event_tickets: [Ticket]?
        var event_ticket: Ticket?
        var registration_answers: [Answer]?
    }

    /// One entry of a guest list: the guest itself (current) or `{api_id, guest}` (legacy).
    struct GuestEntry: Decodable, Sendable {
        var guest: Guest
        /// The legacy entry's own `api_id`, the id of last resort.
        var entryId: String?

        private enum Keys: String, CodingKey {
            case guest, api_id
        }

        init(guest: Guest, entryId: String?) {
            self.guest = guest
            self.entryId = entryId
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if container.contains(.guest), try !container.decodeNil(forKey: .guest) {
                guest = try container.decode(Guest.self, forKey: .guest)
                entryId = (try? container.decodeIfPresent(FlexString.self, forKey: .api_id)).text
            } else {
                guest = try Guest(from: decoder)
                entryId = nil
            }
        }
    }

    struct GuestsPage: Decodable, Sendable {
        var entries: [GuestEntry]?
        var has_more: FlexBool?
        var next_cursor: FlexString?
    }

    struct Event: Decodable, Sendable {
        var id: FlexString?
        var api_id: FlexString?
        var name: FlexString?
        var start_at: FlexString?
        var end_at: FlexString?
        var timezone: FlexString?
        var guest_count: FlexInt?
    }

    /// An event alone (current), or wrapped as `{api_id, event: {…}}` (legacy list entries and
    /// `get` responses).
    struct EventEnvelope: Decodable, Sendable {
        var event: Event
        var outerId: String?

        private enum Keys: String, CodingKey {
            case event, api_id
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if container.contains(.event), try !container.decodeNil(forKey: .event) {
                event = try container.decode(Event.self, forKey: .event)
                outerId = (try? container.decodeIfPresent(FlexString.self, forKey: .api_id)).text
            } else {
                event = try Event(from: decoder)
                outerId = nil
            }
        }
    }

    struct EventsPage: Decodable, Sendable {
        var entries: [EventEnvelope]?
        var has_more: FlexBool?
        var next_cursor: FlexString?
    }

    struct User: Decodable, Sendable {
        var id: FlexString?
        var api_id: FlexString?
        var email: FlexString?
        var name: FlexString?
        var first_name: FlexString?
        var last_name: FlexString?
    }

    /// `{user: {…}}`, or the user at the top level.
    struct SelfResponse: Decodable, Sendable {
        var user: User

        private enum Keys: String, CodingKey {
            case user
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if container.contains(.user), try !container.decodeNil(forKey: .user) {
                user = try container.decode(User.self, forKey: .user)
            } else {
                user = try User(from: decoder)
            }
        }
    }

    /// Observed error body: `{"message": "…", "code": null}`.
    struct ErrorBody: Decodable, Sendable {
        var message: FlexString?
    }
}
