import Foundation

/// How `PolicyTransport` retries: 429, 5xx, timeouts and resets are retried with exponential
/// backoff and jitter up to `maxAttempts` sends in total; a provider's `Retry-After` is honoured
/// (never shortened by jitter) as long as it is at most `maxWait`.
public struct RetryPolicy: Sendable {
    /// Sends per request in total, the first included (≥ 1).
    public var maxAttempts: Int
    /// Backoff before the 2nd attempt; doubles for each further attempt.
    public var baseDelay: TimeInterval
    /// Upper bound of one backoff delay.
    public var maxDelay: TimeInterval
    /// The longest the policy sleeps for one request (a `Retry-After`, a reset, or the budget);
    /// beyond it the request fails with `ProviderError.rateLimited(retryAfter:)` instead.
    public var maxWait: TimeInterval
    /// Random source for the jitter, in 0..<1 (injectable for deterministic tests).
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 4, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30,
                maxWait: TimeInterval = 900,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxWait = maxWait
        self.random = random
    }

    /// The default: 4 attempts, 0.5 s doubling to at most 30 s, waits of up to 15 minutes.
    public static let standard = RetryPolicy()

    /// Backoff before attempt `attempt + 1` (attempt is 1-based): `base·2^(attempt−1)` capped,
    /// with "equal jitter" (between half and all of it) so concurrent clients spread out.
    public func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(max(0, attempt - 1))
        let raw = min(maxDelay, baseDelay * pow(2, exponent))
        return raw * (0.5 + 0.5 * random())
    }
}
