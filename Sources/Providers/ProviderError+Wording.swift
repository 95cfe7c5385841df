import Foundation
import BadgeCore

extension ProviderError {
    /// The one line for an operator who knows which provider was asked: a rate limit says so
    /// with the provider's name and the wait ("rate limited by Eventbrite: try again in 60 s"),
    /// never anything about the credential (issue #18: connecting while rate limited said the
    /// credential was refused).
    public func describe(provider: Provider) -> String {
        if case .rateLimited(let after) = self {
            let when = after.map { "try again in \(Int(max(1, $0.rounded(.up)))) s" } ?? "try again later"
            return "rate limited by \(provider.displayName): \(when)"
        }
        return description
    }

    /// True when the provider refused the credential itself (401-class), as opposed to a rate
    /// limit, an outage or a missing resource.
    public var isCredentialRefusal: Bool {
        if case .unauthorized = self { return true }
        return false
    }
}
