import BadgeCore
import Foundation
import Providers

/// Builds the provider client of an integration. The default talks HTTP through
/// `URLSessionTransport`; tests pass clients over stubs or with a virtual clock.
public typealias ProviderClientFactory = @Sendable (Integration) throws -> any ProviderClient

public enum DefaultClientFactory {
    /// Real clients with the providers' real rate limits. `ledger`: the budget shared by every
    /// process on the database (`StoreRateLedger.of(store)`); nil keeps one budget per client.
    public static func make(transport: any HTTPTransport = URLSessionTransport(),
                            clock: any PolicyClock = SystemPolicyClock(),
                            eventbriteLimit: RateBudget.Limit = .eventbrite,
                            lumaLimit: RateBudget.Limit = .luma,
                            retry: RetryPolicy = .standard,
                            ledger: (any RateLedger)? = nil) -> ProviderClientFactory {
        { integration in
            guard let url = URL(string: integration.baseURL), url.scheme != nil else {
                throw ProviderError.badRequest("invalid base URL '\(integration.redactedBaseURL)'")
            }
            switch integration.provider {
            case .eventbrite:
                return EventbriteClient(baseURL: url, token: integration.credential, transport: transport,
                                        limit: eventbriteLimit, retry: retry, clock: clock, ledger: ledger)
            case .luma:
                return LumaClient(baseURL: url, apiKey: integration.credential, transport: transport,
                                  limit: lumaLimit, retry: retry, clock: clock, ledger: ledger)
            }
        }
    }
}
