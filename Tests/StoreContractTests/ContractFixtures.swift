import BadgeCore
import Foundation

/// Shared builders for the contract suite (the same people as the SQLite store's tests).
enum ContractFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static func event(_ externalId: String = "E1", provider: Provider = .eventbrite) -> Event {
        Event(provider: provider, externalId: externalId, name: "Conf \(externalId)", accessCode: "ABC123",
              createdAt: t0)
    }

    static func person(_ n: Int, status: AttendeeStatus = .attending, ticket: String? = "General",
                       checkedInAt: Date? = nil) -> ProviderAttendee {
        ProviderAttendee(providerAttendeeId: "A\(n)", orderId: "O\(n / 2)", name: "Person \(n)",
                         firstName: "Person", lastName: "\(n)", email: "p\(n)@example.com",
                         company: n % 2 == 0 ? "Even Corp" : "Odd Ltd", jobTitle: "Engineer",
                         ticketName: ticket, barcode: "BC\(n)", status: status,
                         providerStatus: status == .attending ? "Attending" : "Cancelled",
                         checkedInAt: checkedInAt, changedAt: t0)
    }

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
}
