import BadgeCore
import Foundation
import Storage

/// A database with one imported event and a few hand-made attendees, written through the real
/// store before the binary runs against it (the sync engine is not needed for these tests).
enum SeededDatabase {
    static let externalId = "51660376577"
    static let qualifiedId = "eventbrite:51660376577"

    static let attendees: [ProviderAttendee] = [
        ProviderAttendee(providerAttendeeId: "A1", orderId: "O1", name: "Ada Lovelace", firstName: "Ada",
                         lastName: "Lovelace", email: "ada@example.com", company: "Analytical Engines",
                         jobTitle: "Programmer", ticketName: "General Admission", barcode: "1111",
                         status: .attending, providerStatus: "Attending"),
        ProviderAttendee(providerAttendeeId: "A2", orderId: "O2", name: "=HYPERLINK(\"http://evil\")",
                         email: "evil@example.com", company: "\u{1B}[31mRed Corp", ticketName: "VIP",
                         barcode: "2222", status: .attending, providerStatus: "Attending"),
        ProviderAttendee(providerAttendeeId: "A3", orderId: "O3", name: "Борис Петров", email: "boris@example.com",
                         ticketName: "General Admission", barcode: "3333", status: .notAttending,
                         providerStatus: "refunded"),
        ProviderAttendee(providerAttendeeId: "A4", orderId: "O4", name: "山田 太郎", email: "taro@example.com",
                         company: "東京", ticketName: "Speaker", barcode: "4444", status: .attending,
                         providerStatus: "Checked In",
                         checkedInAt: Date(timeIntervalSince1970: 1_773_475_200)),
    ]

    /// Creates the database at `path`; returns the event's local id.
    @discardableResult
    static func create(at path: String) throws -> Int64 {
        let store = try SQLiteStore.open(path: path)
        let event = try store.createEvent(Event(
            provider: .eventbrite, externalId: externalId, name: "Swift Summit 2026", syncStatus: .active,
            accessCode: "ABC123", lastSyncedAt: Date(timeIntervalSince1970: 1_773_475_200)))
        _ = try store.applyPage(eventId: event.id, attendees: attendees, checkpoint: nil, now: Date())
        return event.id
    }
}
