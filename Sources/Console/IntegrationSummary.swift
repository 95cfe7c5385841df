import BadgeCore

/// What the console knows about an integration: never the credential, only its redacted form.
public struct IntegrationSummary: Sendable, Hashable {
    public var provider: Provider
    public var status: IntegrationStatus
    public var accountLabel: String
    /// `••••3f9a`.
    public var redactedCredential: String
    public var baseURL: String

    public init(provider: Provider, status: IntegrationStatus, accountLabel: String,
                redactedCredential: String, baseURL: String) {
        self.provider = provider
        self.status = status
        self.accountLabel = accountLabel
        self.redactedCredential = redactedCredential
        self.baseURL = baseURL
    }

    /// Drops the credential of a stored integration.
    public init(_ integration: Integration) {
        self.init(provider: integration.provider, status: integration.status,
                  accountLabel: integration.accountLabel,
                  redactedCredential: integration.redactedCredential, baseURL: integration.redactedBaseURL)
    }
}

/// An event with its statistics, as the dashboard lists it.
public struct EventSummary: Sendable, Hashable {
    public var event: Event
    public var stats: EventStats?
    public init(event: Event, stats: EventStats? = nil) {
        self.event = event
        self.stats = stats
    }
}

/// Requests left in a provider's rate budget (SPEC §2.5), shown as "API 1540/1600".
public struct RateBudget: Sendable, Hashable {
    public var remaining: Int
    public var limit: Int
    public init(remaining: Int, limit: Int) {
        self.remaining = remaining
        self.limit = limit
    }
}
