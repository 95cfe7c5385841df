import Foundation
import Testing
import BadgeCore
import Providers
import Storage
import Sync
import TestSupport

/// Connecting while rate limited says so, with the provider and the wait — never that the
/// credential was refused (issue #18 item 5). The console shows `SyncError.description`.
@Suite struct ConnectRateLimitTests {
    static let base = "http://127.0.0.1:9/v3"
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxDelay: 30, maxWait: 900, random: { 0.5 })

    @Test func a429AtConnectSaysRateLimitedByTheProvider() async throws {
        let store = try SQLiteStore.inMemory()
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .json(429, #"{"error": "HIT_RATE_LIMIT", "error_description": "Hourly rate limit has been reached for this token."}"#,
                                               headers: ["Retry-After": "1200"]))
        let engine = SyncEngine(store: store, clientFactory: DefaultClientFactory.make(
            transport: stub, clock: VirtualPolicyClock(), retry: Self.retry, ledger: StoreRateLedger.of(store)))
        let error = await #expect(throws: SyncError.self) {
            try await engine.connect(provider: .eventbrite, credential: "EB-TOKEN", baseURL: Self.base)
        }
        let text = try #require(error).description
        #expect(text == "rate limited by Eventbrite: try again in 1200 s")
        #expect(!text.lowercased().contains("credential"))
        #expect(try store.integration(provider: .eventbrite) == nil)
    }

    @Test func aHoldAnotherProcessRecordedIsReportedBeforeAnyRequest() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let other = try SQLiteStore.open(path: path)
        let mine = try SQLiteStore.open(path: path)
        let now = Date()
        // Another process (a CLI import) got "Retry-After: 120" from Luma for this key.
        try StoreRateLedger(store: other).block(account: RateAccount.key(provider: .luma, credential: "LUMA-KEY"),
                                                until: now.addingTimeInterval(120))
        let stub = StubTransport()
        stub.on("/v1/users/get-self", reply: .json(200, #"{"user": {"id": "usr-1", "name": "Host", "email": "h@example.com"}}"#))
        let engine = SyncEngine(store: mine, clientFactory: DefaultClientFactory.make(
            transport: stub, retry: Self.retry, ledger: StoreRateLedger.of(mine)))
        let error = await #expect(throws: SyncError.self) {
            try await engine.connect(provider: .luma, credential: "LUMA-KEY", baseURL: "http://127.0.0.1:9")
        }
        let text = try #require(error).description
        #expect(text.hasPrefix("rate limited by Luma: try again in 1"), "\(text)")
        #expect(stub.requests.isEmpty)
        // Another key of the same provider is not held.
        _ = try await engine.connect(provider: .luma, credential: "LUMA-OTHER-KEY", baseURL: "http://127.0.0.1:9")
        #expect(stub.requests.count == 1)
    }

    @Test func theWordingOfEveryRateLimit() {
        #expect(ProviderError.rateLimited(retryAfter: 59.2).describe(provider: .eventbrite)
                == "rate limited by Eventbrite: try again in 60 s")
        #expect(ProviderError.rateLimited(retryAfter: nil).describe(provider: .luma) == "rate limited by Luma: try again later")
        #expect(ProviderError.unauthorized("INVALID_AUTH").describe(provider: .luma) == "unauthorized: INVALID_AUTH")
    }
}
