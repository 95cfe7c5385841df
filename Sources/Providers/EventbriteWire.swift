import Foundation

/// Eventbrite v3 wire types (PROVIDERS.md §1): only the fields the console uses, every one
/// optional, snake_case as on the wire. Unknown fields are skipped by the decoder.
enum EventbriteWire {
    struct Pagination: Decodable, Sendable {
        var object_count: FlexInt?
        var page_number: FlexInt?
        var page_size: FlexInt?
        var page_count: FlexInt?
        var continuation: FlexString?
        var has_more_items: FlexBool?
    }

    struct OrdersPage: Decodable, Sendable {
        var orders: [Order]?
        var pagination: Pagination?
    }

    struct Order: Decodable, Sendable {
        var id: FlexString?
        var created: FlexString?
        var changed: FlexString?
        var status: FlexString?
        var attendees: [Attendee]?
    }

    struct Attendee: Decodable, Sendable {
        var id: FlexString?
        var order_id: FlexString?
        var ticket_class_name: FlexString?
        var created: FlexString?
        var changed: FlexString?
        var profile: Profile?
        var barcodes: [Barcode]?
        var checked_in: FlexBool?
        var cancelled: FlexBool?
        var refunded: FlexBool?
        var status: FlexString?
    }

    struct Profile: Decodable, Sendable {
        var name: FlexString?
        var first_name: FlexString?
        var last_name: FlexString?
        var email: FlexString?
        var company: FlexString?
        var job_title: FlexString?
    }

    struct Barcode: Decodable, Sendable {
        var barcode: FlexString?
        var status: FlexString?
        var changed: FlexString?
    }

    struct Text: Decodable, Sendable {
        var text: FlexString?
    }

    struct DateTime: Decodable, Sendable {
        var timezone: FlexString?
        var utc: FlexString?
    }

    struct Event: Decodable, Sendable {
        var id: FlexString?
        var name: Lenient<Text>?
        var start: Lenient<DateTime>?
        var end: Lenient<DateTime>?
        var status: FlexString?
        var capacity: FlexInt?
    }

    struct EventsPage: Decodable, Sendable {
        var events: [Event]?
        var pagination: Pagination?
    }

    struct Organization: Decodable, Sendable {
        var id: FlexString?
        var name: FlexString?
    }

    struct OrganizationsPage: Decodable, Sendable {
        var organizations: [Organization]?
        var pagination: Pagination?
    }

    struct Email: Decodable, Sendable {
        var email: FlexString?
        var primary: FlexBool?
    }

    struct User: Decodable, Sendable {
        var id: FlexString?
        var name: FlexString?
        var first_name: FlexString?
        var last_name: FlexString?
        var emails: [Email]?
    }

    /// `{"error": "CONSTANT", "error_description": "text", "status_code": N}`.
    struct ErrorBody: Decodable, Sendable {
        var error: FlexString?
        var error_description: FlexString?
    }
}
