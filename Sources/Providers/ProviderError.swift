import Foundation

/// Every failure of a provider call, by meaning (PROVIDERS.md "Map errors by meaning").
/// Messages never contain a credential; URLs in them are stripped of query secrets.
public enum ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Credential invalid or revoked: the event and integration go DISCONNECTED.
    case unauthorized(String)
    /// The credential works but may not access this resource (not a disconnect).
    case forbidden(String)
    /// The event (or resource) does not exist.
    case notFound(String)
    /// 429 after the retry budget; `retryAfter` seconds when the provider said.
    case rateLimited(retryAfter: TimeInterval?)
    /// 5xx, timeouts, resets, truncated or malformed bodies, after retries.
    case transient(String)
    /// A request the provider rejected as malformed (4xx other than the above).
    case badRequest(String)
    /// A 200 that is not a page of the list (PROVIDERS.md §2.5): no list key, an empty page that
    /// says more follow, a cursor that cycles, a total that shrinks mid-scan. Never the end of a
    /// scan: the scan fails with this one-line reason and nothing is marked missing from it.
    case malformed(String)

    public var description: String {
        switch self {
        case .unauthorized(let m): return "unauthorized: \(m)"
        case .forbidden(let m): return "forbidden: \(m)"
        case .notFound(let m): return "not found: \(m)"
        case .rateLimited(let after):
            if let after { return "rate limited: retry after \(Int(after.rounded(.up))) s" }
            return "rate limited"
        case .transient(let m): return m
        case .badRequest(let m): return "bad request: \(m)"
        case .malformed(let m): return "malformed page: \(m)"
        }
    }

    /// True for errors worth retrying automatically (transient and rate limits).
    public var isRetryable: Bool {
        switch self {
        case .transient, .rateLimited, .malformed: return true
        default: return false
        }
    }
}
