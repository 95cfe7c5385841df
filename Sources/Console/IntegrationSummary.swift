import BadgeCore
import Foundation

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

/// Requests left in a provider account's rate budget (SPEC §2.5), shared by every process on the
/// database (issue #18), shown with its window: "API 1 599 / h", "API 98 / min".
public struct RateBudget: Sendable, Hashable {
    public var remaining: Int
    /// The planned requests per window (80 % of the provider's limit).
    public var limit: Int
    /// The window in seconds (3600 Eventbrite, 60 Luma).
    public var window: TimeInterval

    public init(remaining: Int, limit: Int, window: TimeInterval) {
        self.remaining = remaining
        self.limit = limit
        self.window = window
    }

    /// The header's words: what is left per window, thousands grouped with a space.
    public var headerText: String {
        "API \(Self.grouped(max(0, remaining))) / \(Self.unit(window))"
    }

    /// "1 599"; ASCII space so every terminal gives it one cell.
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = " " + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// "h", "min", "s", or "N s" for an unusual window.
    static func unit(_ window: TimeInterval) -> String {
        switch window {
        case 3600: return "h"
        case 60: return "min"
        case 1: return "s"
        default:
            if window >= 3600, window.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(window / 3600)) h" }
            if window >= 60, window.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(window / 60)) min" }
            return "\(Int(window.rounded())) s"
        }
    }
}
