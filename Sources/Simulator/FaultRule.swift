import BadgeCore

/// A misbehaviour to inject into provider responses (never into `/_sim/` control calls).
///
/// Applies to the next `next` matching requests, or to each matching request with
/// `probability` (drawn from a seeded generator, so runs repeat), optionally only for one
/// provider and for paths containing `pathContains`.
public struct FaultRule: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Answer with this status and body (nil body: the provider's own error body for it).
        case status(Int, body: String?)
        /// Wait this long, then answer normally.
        case delay(ms: Int)
        /// Close the connection without any response.
        case reset
        /// Send the full `Content-Length` but only half of the body, then close.
        case truncated
        /// A complete HTTP response whose JSON body is cut short (invalid JSON).
        case malformed
    }

    public var kind: Kind
    public var next: Int?
    public var probability: Double?
    public var provider: Provider?
    public var pathContains: String?

    public init(kind: Kind, next: Int? = nil, probability: Double? = nil, provider: Provider? = nil,
                pathContains: String? = nil) {
        self.kind = kind
        self.next = next
        self.probability = probability
        self.provider = provider
        self.pathContains = pathContains
    }

    func matches(provider: Provider, path: String) -> Bool {
        if let only = self.provider, only != provider { return false }
        if let part = pathContains, !part.isEmpty, !path.contains(part) { return false }
        return true
    }
}
