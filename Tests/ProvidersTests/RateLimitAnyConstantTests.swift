import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// Issue #13 item 7: any 429 is rate limiting, whatever `error` constant the body carries.
@Suite struct RateLimitAnyConstantTests {
    @Test func a429WithAnUnknownConstantIsRetriedAsRateLimiting() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", replies: [
            .json(429, #"{"error": "SLOW_DOWN_PLEASE", "error_description": "too many", "status_code": 429}"#,
                  headers: ["Retry-After": "5"]),
            Fixture.eventbrite("users_me.json"),
        ])
        let clock = VirtualPolicyClock()
        #expect(try await Clients.eventbrite(stub, clock: clock).whoAmI() == "Ada Lovelace <ada@example.com>")
        #expect(stub.requests.count == 2, "retried, not treated as final")
        #expect(clock.sleeps.contains { $0 >= 5 }, "honours Retry-After")
    }

    @Test func a429WithAKnownNonRateConstantStillEndsAsRateLimited() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .json(429, #"{"error": "NOT_FOUND", "error_description": "x", "status_code": 429}"#))
        let error = await providerError {
            _ = try await Clients.eventbrite(stub, clock: VirtualPolicyClock()).whoAmI()
        }
        #expect(error == .rateLimited(retryAfter: nil))
        #expect(stub.requests.count == 4, "retried up to the policy's attempts")
    }
}
