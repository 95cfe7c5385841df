import Foundation
import BadgeCore

/// An `HTTPTransport` that wraps another with the integration's rate budget and retry policy
/// (ARCHITECTURE §3 "a policy layer wraps it"). Every client owns one; concurrent page fetches
/// share its budget.
///
/// - Before each send it reserves a slot in the `RateBudget` and sleeps (on the injected clock)
///   until the slot, so it never plans above 80 % of the provider's limit.
/// - 429 and 5xx responses, timeouts and resets are retried up to `RetryPolicy.maxAttempts`
///   sends, with exponential backoff and jitter; `Retry-After` holds every request of the budget.
/// - When retries run out it returns the last response (the client maps it to a
///   `ProviderError`) or, for a failure below HTTP, throws `ProviderError.transient` naming the
///   URL without secrets. A wait longer than `maxWait` throws `ProviderError.rateLimited`.
public final class PolicyTransport: HTTPTransport, @unchecked Sendable {
    /// How a response should be treated.
    public enum Disposition: Sendable, Hashable {
        /// Hand it to the caller (success or a final error).
        case final
        /// Retry with backoff (5xx and the like).
        case transient
        /// Retry after the provider's `Retry-After`, or with backoff when it gave none.
        case rateLimited
    }

    /// Default classification by status: 429 → rate limited, 5xx → transient, else final.
    public static let statusClassifier: @Sendable (HTTPResponse) -> Disposition = { response in
        if response.status == 429 { return .rateLimited }
        if (500...599).contains(response.status) { return .transient }
        return .final
    }

    private let inner: any HTTPTransport
    private let clock: any PolicyClock
    private let retry: RetryPolicy
    private let classify: @Sendable (HTTPResponse) -> Disposition
    private let redactor: SecretRedactor
    private let lock = NSLock()
    private var budget: RateBudget
    private var sent = 0

    /// - Parameters:
    ///   - credential: only used to scrub it from error text, never sent by this type.
    public init(wrapping inner: any HTTPTransport, limit: RateBudget.Limit,
                retry: RetryPolicy = .standard, clock: any PolicyClock = SystemPolicyClock(),
                credential: String? = nil,
                classifier: @escaping @Sendable (HTTPResponse) -> Disposition = PolicyTransport.statusClassifier) {
        self.inner = inner
        self.clock = clock
        self.retry = retry
        self.classify = classifier
        self.redactor = SecretRedactor(credential: credential)
        self.budget = RateBudget(limit: limit)
    }

    /// Requests actually sent (every attempt counts).
    public var requestCount: Int {
        lock.lock(); defer { lock.unlock() }
        return sent
    }

    /// The budget now.
    public func snapshot() -> RateBudgetSnapshot {
        let now = clock.now()
        lock.lock(); defer { lock.unlock() }
        return budget.snapshot(now: now)
    }

    /// The retry settings (clients reuse the backoff for malformed pages).
    public var retryPolicy: RetryPolicy { retry }

    /// Sleeps the backoff that follows `attempt` on the policy's clock.
    public func backoff(afterAttempt attempt: Int) async throws {
        try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            try await waitForSlot()
            let response: HTTPResponse
            do {
                response = try await inner.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard attempt < retry.maxAttempts else {
                    throw ProviderError.transient(
                        "\(describe(error, request.url)) after \(attempt) attempt\(attempt == 1 ? "" : "s"): "
                        + "\(request.method) \(redactor.describe(request.url))")
                }
                try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
                continue
            }
            let now = clock.now()
            lock.withLock { budget.observe(headers: response, now: now) }
            switch classify(response) {
            case .final:
                return response
            case .transient:
                guard attempt < retry.maxAttempts else { return response }
                try await clock.sleep(seconds: retry.backoff(afterAttempt: attempt))
            case .rateLimited:
                guard attempt < retry.maxAttempts else { return response }
                let after = response.header("Retry-After").flatMap { RateBudget.parseRetryAfter($0, now: now) }
                if let after, after > retry.maxWait { return response }
                // Without Retry-After, back off harder than for a 5xx: the limit is per window.
                let wait = after ?? retry.backoff(afterAttempt: attempt + 2)
                lock.withLock { budget.block(until: now.addingTimeInterval(wait)) }
            }
        }
    }

    private func waitForSlot() async throws {
        let now = clock.now()
        let reservation = lock.withLock {
            let reservation = budget.reserve(now: now, maxWait: retry.maxWait)
            if case .at = reservation { sent += 1 }
            return reservation
        }
        switch reservation {
        case .tooFarAway(let wait):
            throw ProviderError.rateLimited(retryAfter: wait)
        case .at(let date):
            let wait = date.timeIntervalSince(now)
            if wait > 0 { try await clock.sleep(seconds: wait) }
        }
    }

    /// What went wrong below HTTP, in words an operator can act on ("could not connect to
    /// host:443: connection refused", "host not found: host", "TLS error with host: …").
    private func describe(_ error: any Error, _ url: URL) -> String {
        let host = redactor.clean(url.host ?? "the server", limit: 120)
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        switch error {
        case TransportError.timedOut: return "timed out"
        case TransportError.connectionLost: return "connection lost"
        case TransportError.cannotConnect: return "could not connect to \(host):\(port): connection refused"
        case TransportError.hostNotFound: return "host not found: \(host)"
        case TransportError.tls(let detail): return "TLS error with \(host): \(redactor.clean(detail, limit: 120))"
        case TransportError.other(let text): return redactor.clean(text, limit: 120)
        default: return redactor.clean(String(describing: error), limit: 120)
        }
    }
}
