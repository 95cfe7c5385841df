import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// Account, events, incremental polls and error mapping of the Eventbrite client.
@Suite struct EventbriteClientTests {
    static let ordersPath = "/v3/events/1001/orders/"

    @Test func whoAmIUsesThePrimaryEmail() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: Fixture.eventbrite("users_me.json"))
        #expect(try await Clients.eventbrite(stub).whoAmI() == "Ada Lovelace <ada@example.com>")
    }

    @Test func budgetAndRequestCountFollowUsage() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: Fixture.eventbrite("users_me.json"))
        let client = Clients.eventbrite(stub)
        #expect(await client.budget() == RateBudgetSnapshot(remaining: 1600, limit: 1600, window: 3600))
        _ = try await client.whoAmI()
        _ = try await client.whoAmI()
        #expect(await client.budget().remaining == 1598)
        #expect(await client.requestCount() == 2)
    }

    @Test func availableEventsWalkOrganizationsAndTheirPages() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/organizations/", reply: Fixture.eventbrite("organizations.json"))
        stub.on("/v3/organizations/464741062423/events/", query: ["continuation": StubTransport.absent],
                reply: Fixture.eventbrite("org_events_page1.json"))
        stub.on("/v3/organizations/464741062423/events/", query: ["continuation": "ev-2"],
                reply: Fixture.eventbrite("org_events_page2.json"))
        stub.on("/v3/organizations/51892/events/", reply: Fixture.eventbrite("org2_events.json"))
        let events = try await Clients.eventbrite(stub).availableEvents()

        #expect(events.map(\.externalId) == ["1001", "1002", "1003"])  // 1001 listed twice, kept once
        let summit = try #require(events.first)
        #expect(summit.name == "Engines Summit 2024")
        #expect(summit.startsAt == date("2024-06-12T08:00:00Z"))
        #expect(summit.endsAt == date("2024-06-12T17:00:00Z"))
        #expect(summit.timezone == "Europe/London")
        #expect(summit.registrations == 500)
        #expect(summit.status == "live")
        #expect(events[2].startsAt == date("2024-04-01T22:00:00Z"))
        let listing = try #require(stub.requests(path: "/v3/organizations/464741062423/events/").first)
        #expect(StubTransport.query("status", of: listing) == "live,started,ended")
        #expect(StubTransport.query("order_by", of: listing) == "start_desc")
    }

    @Test func oneEvent() async throws {
        let stub = StubTransport()
        stub.on("/v3/events/1001/", reply: Fixture.eventbrite("event_1001.json"))
        let event = try await Clients.eventbrite(stub).event(externalId: "1001")
        #expect(event.externalId == "1001")
        #expect(event.name == "Engines Summit 2024")
    }

    @Test func changesQueryInclusivelyAndKeepTheHighestChanged() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["changed_since": "2024-06-12T10:00:00Z"],
                reply: Fixture.eventbrite("orders_changes.json"))
        let client = Clients.eventbrite(stub)
        let changes = try await client.changes(eventExternalId: "1001", since: "2024-06-12T10:00:00Z")

        // 9001 changed exactly at the cursor: the boundary item comes back (inclusive).
        #expect(changes.attendees.map(\.providerAttendeeId) == ["9001", "9010"])
        #expect(changes.attendees.first?.name == "Ada King")
        #expect(changes.cursor == "2024-06-12T10:05:30Z")
        #expect(stub.requests.count == 1)
        let request = try #require(stub.requests.first)
        #expect(StubTransport.query("expand", of: request) == "attendees")
        // Re-polling from the new cursor asks from that second on (inclusive again).
        stub.on(Self.ordersPath, query: ["changed_since": "2024-06-12T10:05:30Z"],
                reply: Fixture.eventbrite("orders_empty.json"))
        let again = try await client.changes(eventExternalId: "1001", since: changes.cursor)
        #expect(again.attendees.isEmpty)
        #expect(again.cursor == "2024-06-12T10:05:30Z")
        #expect(stub.requests.count == 2)
    }

    @Test func changesWithoutCursorEstablishOneWithoutRequests() async throws {
        let stub = StubTransport()
        let clock = VirtualPolicyClock(start: date("2024-06-12T12:00:00Z"))
        let changes = try await Clients.eventbrite(stub, clock: clock).changes(eventExternalId: "1001", since: nil)
        #expect(changes.attendees.isEmpty)
        #expect(changes.cursor == "2024-06-12T11:55:00Z")
        #expect(stub.requests.isEmpty)
    }

    @Test func changeCursorAfterAnImportIsTheLatestChange() {
        let attendees = [
            ProviderAttendee(providerAttendeeId: "1", name: "A", changedAt: date("2024-06-01T10:00:00Z")),
            ProviderAttendee(providerAttendeeId: "2", name: "B", changedAt: date("2024-06-03T08:30:15.900Z")),
            ProviderAttendee(providerAttendeeId: "3", name: "C", changedAt: nil),
        ]
        #expect(EventbriteClient.changeCursor(for: attendees) == "2024-06-03T08:30:15Z")
        #expect(EventbriteClient.changeCursor(for: [ProviderAttendee]()) == nil)
    }

    // MARK: - Errors

    @Test(arguments: [
        ("error_invalid_auth.json", 401, "unauthorized"),
        ("error_invalid_auth.json", 400, "unauthorized"),  // documented as 400, sent as 401
        ("error_not_authorized.json", 403, "forbidden"),
        ("error_not_found.json", 404, "notFound"),
    ])
    func errorsMapByTheirConstant(file: String, status: Int, kind: String) async throws {
        let stub = StubTransport()
        stub.on("/v3/events/1001/", reply: Fixture.eventbrite(file, status: status))
        let error = await providerError { _ = try await Clients.eventbrite(stub).event(externalId: "1001") }
        #expect(error?.kind == kind)
        #expect(stub.requests.count == 1)  // never retried
    }

    @Test func constantWinsOverStatus() async throws {
        let stub = StubTransport()
        stub.on("/v3/events/1001/", reply: .json(400, #"{"error": "NO_AUTH", "error_description": "x"}"#))
        let error = await providerError { _ = try await Clients.eventbrite(stub).event(externalId: "1001") }
        #expect(error?.kind == "unauthorized")
        let other = StubTransport()
        other.on("/v3/events/1001/", reply: .json(418, "{}"))
        let unknown = await providerError { _ = try await Clients.eventbrite(other).event(externalId: "1001") }
        #expect(unknown?.kind == "badRequest")
    }

    @Test func revokedCredentialMidScanIsUnauthorizedNotRetried() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        stub.on(Self.ordersPath, query: ["page": "2"], reply: Fixture.eventbrite("error_invalid_auth.json", status: 401))
        stub.on(Self.ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("orders_page3.json"))
        let log = PageLog()
        let error = await providerError {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
        }
        #expect(error?.kind == "unauthorized")
        #expect(log.pages.map(\.pageNumber) == [1])
        #expect(stub.requests.filter { StubTransport.query("page", of: $0) == "2" }.count == 1)
    }

    @Test func serverErrorsAreRetriedWithBackoffThenTransient() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: Fixture.eventbrite("error_internal.json", status: 500))
        let clock = VirtualPolicyClock()
        let error = await providerError { _ = try await Clients.eventbrite(stub, clock: clock).whoAmI() }
        #expect(error?.kind == "transient")
        #expect(error?.description.contains("INTERNAL_ERROR") == true)
        #expect(stub.requests.count == 4)
        #expect(clock.sleeps.count == 3)
        #expect(zip(clock.sleeps, clock.sleeps.dropFirst()).allSatisfy { $0 < $1 })  // exponential
    }

    @Test func a5xxThenSuccessRecovers() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", replies: [.json(502, "<html>Bad gateway</html>"), .failure(.connectionLost),
                                           .failure(.timedOut), Fixture.eventbrite("users_me.json")])
        #expect(try await Clients.eventbrite(stub).whoAmI() == "Ada Lovelace <ada@example.com>")
        #expect(stub.requests.count == 4)
    }

    @Test func transportFailuresBecomeTransientNamingTheURL() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .failure(.timedOut))
        let error = await providerError { _ = try await Clients.eventbrite(stub).whoAmI() }
        #expect(error?.kind == "transient")
        #expect(error?.description == "timed out after 4 attempts: GET http://127.0.0.1:9/v3/users/me/")
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", replies: [Fixture.eventbrite("error_hit_rate_limit.json", status: 429,
                                                              headers: ["Retry-After": "7"]),
                                           Fixture.eventbrite("users_me.json")])
        let clock = VirtualPolicyClock()
        let client = Clients.eventbrite(stub, clock: clock)
        #expect(try await client.whoAmI() == "Ada Lovelace <ada@example.com>")
        #expect(clock.sleeps.contains { $0 >= 7 })
        #expect(stub.requests.count == 2)
    }

    @Test func rateLimitWithoutRetryAfterBacksOffThenGivesUp() async throws {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: Fixture.eventbrite("error_hit_rate_limit.json", status: 429))
        let clock = VirtualPolicyClock()
        let error = await providerError { _ = try await Clients.eventbrite(stub, clock: clock).whoAmI() }
        #expect(error == .rateLimited(retryAfter: nil))
        #expect(stub.requests.count == 4)
        #expect(clock.sleeps.count == 3)
        #expect(clock.sleeps.allSatisfy { $0 > 0 })
    }

    @Test func malformedAndTruncatedPagesAreTransientWithTheByteOffset() async throws {
        let full = try Fixture.data("eventbrite/orders_page1.json")
        let truncated = full.prefix(700)
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: .bytes(Data(truncated)))
        let error = await providerError {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { _ in }
        }
        #expect(error?.kind == "transient")
        #expect(error?.description.hasPrefix("truncated response from http://127.0.0.1:9/v3/events/1001/orders/") == true)
        #expect(error?.description.hasSuffix("at byte 700") == true)
        #expect(stub.requests.count == 4)  // retried like a 5xx

        let malformed = StubTransport()
        malformed.on("/v3/users/me/", reply: .json(200, #"{"id": "1", "name": "x",, }"#))
        let error2 = await providerError { _ = try await Clients.eventbrite(malformed).whoAmI() }
        #expect(error2?.description == "malformed response from http://127.0.0.1:9/v3/users/me/ at byte 24")
    }

    @Test func aMalformedPageThatRecoversOnRetryIsImported() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], replies: [.bytes(Data("<html>oops".utf8)),
                                                                 Fixture.eventbrite("orders_empty.json")])
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
        #expect(log.pages.count == 1)
    }

    @Test func wrongShapeIsMalformedNotACrash() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, reply: .json(200, #"{"orders": {"not": "an array"}}"#))
        let error = await providerError {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { _ in }
        }
        #expect(error?.description.hasPrefix("malformed response from http://127.0.0.1:9/v3/events/1001/orders/") == true)
        #expect(error?.description.hasSuffix("at byte 11") == true)
    }

    @Test func theTokenNeverAppearsInErrors() async throws {
        let token = Clients.token
        let echoing = StubTransport()
        echoing.on("/v3/users/me/", reply: .json(401, """
            {"error": "INVALID_AUTH", "error_description": "token \(token) is revoked"}
            """))
        let error = await providerError { _ = try await Clients.eventbrite(echoing).whoAmI() }
        #expect(error?.kind == "unauthorized")
        #expect(error.map { !$0.description.contains(token) } == true)
        #expect(error?.description.contains("••••") == true)

        // A base URL carrying ?token= is redacted in every message.
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .failure(.connectionLost))
        let client = EventbriteClient(baseURL: URL(string: "http://127.0.0.1:9/v3")!, token: token, transport: stub,
                                      retry: Clients.retry, clock: VirtualPolicyClock())
        let lost = await providerError { _ = try await client.whoAmI() }
        #expect(lost.map { !$0.description.contains(token) } == true)
        #expect(stub.requests.allSatisfy { !$0.url.absoluteString.contains(token) })  // header only, never in URLs
    }
}
