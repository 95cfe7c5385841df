import Foundation

/// An event as listed by a provider (the Import Event dialog, `badge events available`).
public struct ProviderEvent: Sendable, Hashable {
    public var externalId: String
    public var name: String
    public var startsAt: Date?
    public var endsAt: Date?
    public var timezone: String?
    /// Registrations when the provider tells (capacity or guest count); nil when unknown.
    public var registrations: Int?
    public var status: String?

    public init(externalId: String, name: String, startsAt: Date? = nil, endsAt: Date? = nil,
                timezone: String? = nil, registrations: Int? = nil, status: String? = nil) {
        self.externalId = externalId
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timezone = timezone
        self.registrations = registrations
        self.status = status
    }
}
