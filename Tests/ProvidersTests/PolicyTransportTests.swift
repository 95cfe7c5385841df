import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// The rate budget and retry policy, on a virtual clock (nothing really sleeps).
@Suite struct PolicyTransportTests {
    static let url = URL(string: "http://127.0.0.1:9/v1/ping")!

    /// Records the virtual time of every request the policy lets through.
    final class Times: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Date] = []
        func add(_ date: Date) { lock.withLock { stored.append(date) } }
        var all: [Date] { lock.withLock { stored } }
    }

    @Test func neverPlansAbove80PercentOfTheLimitInAnyWindow() async throws {
        let clock = VirtualPolicyClock()
        let times = Times()
        let stub = StubTransport()
        stub.on("/v1/ping", reply: .handler { _ in
            times.add(clock.now())
            return HTTPResponse(status: 200)
        })
        // 10 per minute → plans 8.
        let policy = PolicyTransport(wrapping: stub, limit: RateBudget.Limit(limit: 10, window: 60),
                                     retry: Clients.retry, clock: clock)
        for _ in 0..<20 {
            _ = try await policy.send(HTTPRequest(url: Self.url))
        }
        let sent = times.all
        #expect(sent.count == 20)
        for start in sent {
            let inWindow = sent.filter { $0 >= start && $0 < start.addingTimeInterval(60) }.count
            #expect(inWindow <= 8)
        }
        #expect(clock.sleeps.contains { $0 > 0 })
        #expect(policy.requestCount == 20)
    }

    @Test func snapshotShowsTheBudgetLeft() async throws {
        let clock = VirtualPolicyClock()
        let stub = StubTransport()
        stub.on("/v1/ping", reply: .json(200, "{}"))
        let policy = PolicyTransport(wrapping: stub, limit: .luma, retry: Clients.retry, clock: clock)
        #expect(policy.snapshot() == RateBudgetSnapshot(remaining: 160, limit: 160, window: 60))
        _ = try await policy.send(HTTPRequest(url: Self.url))
        _ = try await policy.send(HTTPRequest(url: Self.url))
        #expect(policy.snapshot().remaining == 158)
        clock.advance(by: 61)
        #expect(policy.snapshot().remaining == 160)
        #expect(RateBudget.Limit.eventbrite.planned == 1600)
    }

    @Test func providerRemainingInTheHeadroomHoldsUntilReset() async throws {
        let clock = VirtualPolicyClock()
        let stub = StubTransport()
        stub.on("/v1/ping", replies: [
            .json(200, "{}", headers: ["X-RateLimit-Limit": "200", "X-RateLimit-Remaining": "12",
                                       "X-RateLimit-Reset": "30"]),
            .json(200, "{}"),
        ])
        let policy = PolicyTransport(wrapping: stub, limit: .luma, retry: Clients.retry, clock: clock)
        _ = try await policy.send(HTTPRequest(url: Self.url))
        let blocked = policy.snapshot()
        #expect(blocked.remaining == 0)
        #expect(blocked.blockedUntil != nil)
        _ = try await policy.send(HTTPRequest(url: Self.url))
        #expect(clock.sleeps.contains { $0 >= 30 })

        // Plenty left: no hold.
        let relaxed = VirtualPolicyClock()
        let fine = StubTransport()
        fine.on("/v1/ping", reply: .json(200, "{}", headers: ["X-RateLimit-Remaining": "150"]))
        let other = PolicyTransport(wrapping: fine, limit: .luma, retry: Clients.retry, clock: relaxed)
        _ = try await other.send(HTTPRequest(url: Self.url))
        _ = try await other.send(HTTPRequest(url: Self.url))
        #expect(relaxed.sleeps.isEmpty)
    }

    @Test func retryAfterLongerThanTheWaitLimitFailsFastAsRateLimited() async throws {
        let stub = StubTransport()
        stub.on("/v1/ping", reply: .json(429, "{}", headers: ["Retry-After": "3600"]))
        let clock = VirtualPolicyClock()
        let policy = PolicyTransport(wrapping: stub, limit: .luma,
                                     retry: RetryPolicy(maxAttempts: 4, maxWait: 120, random: { 0.5 }), clock: clock)
        let response = try await policy.send(HTTPRequest(url: Self.url))
        #expect(response.status == 429)  // handed back for the client to map
        #expect(stub.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aBudgetWaitBeyondTheLimitThrowsRateLimited() async throws {
        let stub = StubTransport()
        stub.on("/v1/ping", reply: .json(200, "{}"))
        let policy = PolicyTransport(wrapping: stub, limit: RateBudget.Limit(limit: 1, window: 3600),
                                     retry: RetryPolicy(maxAttempts: 4, maxWait: 60, random: { 0.5 }),
                                     clock: VirtualPolicyClock())
        _ = try await policy.send(HTTPRequest(url: Self.url))
        await #expect(throws: ProviderError.rateLimited(retryAfter: 3600)) {
            _ = try await policy.send(HTTPRequest(url: Self.url))
        }
        #expect(stub.requests.count == 1)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let stub = StubTransport()
        stub.on("/v1/ping", reply: .json(404, "{}"))
        let policy = PolicyTransport(wrapping: stub, limit: .luma, retry: Clients.retry, clock: VirtualPolicyClock())
        #expect(try await policy.send(HTTPRequest(url: Self.url)).status == 404)
        #expect(stub.requests.count == 1)
    }

    @Test func secretsInTheURLAreRedactedFromErrors() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .failure(.cannotConnect))
        let policy = PolicyTransport(wrapping: stub, limit: .eventbrite, retry: Clients.retry,
                                     clock: VirtualPolicyClock(), credential: "SECRET123")
        let url = URL(string: "http://127.0.0.1:9/v3/users/me/?token=SECRET123&expand=x")!
        let error = await providerError { _ = try await policy.send(HTTPRequest(url: url)) }
        let text = try #require(error?.description)
        #expect(!text.contains("SECRET123"))
        #expect(text.contains("token=REDACTED"))
        #expect(text.contains("expand=x"))
        #expect(text.hasPrefix("could not connect to 127.0.0.1:9: connection refused after 4 attempts"))
    }

    @Test func backoffGrowsExponentiallyWithinBounds() {
        let low = RetryPolicy(baseDelay: 1, maxDelay: 10, random: { 0 })
        let high = RetryPolicy(baseDelay: 1, maxDelay: 10, random: { 0.999 })
        #expect(low.backoff(afterAttempt: 1) == 0.5)
        #expect(low.backoff(afterAttempt: 3) == 2)
        #expect(high.backoff(afterAttempt: 3) < 4)
        #expect(high.backoff(afterAttempt: 10) <= 10)
    }

    @Test func resetAndRetryAfterFormats() {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        #expect(RateBudget.parseRetryAfter("12", now: now) == 12)
        #expect(RateBudget.parseRetryAfter("Sun, 15 Jun 2025 15:07:00 GMT", now: now) != nil)
        #expect(RateBudget.parseReset("30", now: now) == now.addingTimeInterval(30))
        #expect(RateBudget.parseReset("1750000090", now: now) == now.addingTimeInterval(90))
        #expect(RateBudget.parseReset("soon", now: now) == nil)
    }
}
