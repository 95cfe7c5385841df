import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// The Luma client against fixture pages: paging, both guest shapes, mapping, errors.
@Suite struct LumaClientTests {
    static let guestsPath = "/v1/events/guests/list"

    static func twoPageStub() -> StubTransport {
        let stub = StubTransport()
        stub.on(guestsPath, query: ["pagination_cursor": StubTransport.absent], reply: Fixture.luma("guests_page1.json"))
        stub.on(guestsPath, query: ["pagination_cursor": "gst-005"], reply: Fixture.luma("guests_page2.json"))
        return stub
    }

    static func scan(_ stub: StubTransport, from cursor: String? = nil) async throws -> PageLog {
        let log = PageLog()
        try await Clients.luma(stub).fullScan(eventExternalId: "evt-Summit24", resumeCursor: cursor) { log.append($0) }
        return log
    }

    @Test func scansToHasMoreFalseEvenWithANextCursor() async throws {
        let stub = Self.twoPageStub()
        let log = try await Self.scan(stub)
        #expect(log.ids == (1...9).map { "gst-00\($0)" })
        #expect(log.pages.map(\.pageNumber) == [1, 2])
        #expect(log.pages.map(\.nextCursor) == ["2|gst-005", nil])
        #expect(stub.requests.count == 2)
        let first = try #require(stub.requests.first)
        #expect(first.headers["x-luma-api-key"] == Clients.lumaKey)
        #expect(first.headers["Authorization"] == nil)
        #expect(StubTransport.query("event_id", of: first) == "evt-Summit24")
        #expect(StubTransport.query("pagination_limit", of: first) == "50")
    }

    @Test func mapsGuestsPerSpec() async throws {
        let log = try await Self.scan(Self.twoPageStub())
        let byId = Dictionary(uniqueKeysWithValues: log.attendees.map { ($0.providerAttendeeId, $0) })

        let linus = try #require(byId["gst-001"])
        #expect(linus.name == "Linus Torvalds")
        #expect(linus.email == "linus@example.com")
        #expect(linus.company == "Linux Foundation")
        #expect(linus.jobTitle == "Fellow")
        #expect(linus.ticketName == "General Admission")
        #expect(linus.extraTickets == 0)
        #expect(linus.barcode == "g-AAA111")
        #expect(linus.status == .attending)
        #expect(linus.providerStatus == "approved")
        #expect(linus.checkedInAt == nil)
        #expect(linus.changedAt == date("2024-06-01T10:00:00.000Z"))

        let margaret = try #require(byId["gst-002"])
        #expect(margaret.name == "Margaret Hamilton")  // null user_name: first + last
        #expect(margaret.company == "MIT Instrumentation Lab")  // value: {company, job_title}
        #expect(margaret.jobTitle == "Director")
        #expect(margaret.ticketName == "VIP")
        #expect(margaret.extraTickets == 1)
        #expect(margaret.checkedInAt == date("2024-06-10T16:45:12.345Z"))
        #expect(margaret.barcode == "g-BBB222")

        let onlyEmail = try #require(byId["gst-003"])
        #expect(onlyEmail.name == "only.email@example.com")
        #expect(onlyEmail.ticketName == nil)

        let expected: [String: String] = ["gst-003": "declined", "gst-004": "waitlist", "gst-005": "pending_approval",
                                          "gst-006": "invited", "gst-007": "session", "gst-008": "some_status_from_2030"]
        for (id, raw) in expected {
            #expect(byId[id]?.status == .notAttending, "\(id)")
            #expect(byId[id]?.providerStatus == raw, "\(id)")
        }
        #expect(byId["gst-004"]?.barcode == nil)
        #expect(byId["gst-009"]?.changedAt == date("2024-06-05T08:00:00.500Z"))
        #expect(byId["gst-009"]?.name == "松本 ゆき")
        #expect(byId["gst-009"]?.checkedInAt == date("2024-06-10T16:30:00Z"))
    }

    @Test func legacyNestedShapeImportsItsGuests() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: Fixture.luma("guests_legacy.json"))
        let log = try await Self.scan(stub)
        #expect(log.ids == ["gst-L01", "gst-L02"])
        let first = try #require(log.attendees.first)
        #expect(first.name == "Old Shape One")
        #expect(first.email == "old1@example.com")
        #expect(first.ticketName == "Early Bird")
        #expect(first.checkedInAt == date("2023-01-05T18:10:00Z"))
        #expect(first.changedAt == date("2023-01-01T10:00:00Z"))
        #expect(first.barcode == "g-LLL001")
        #expect(first.status == .attending)
        #expect(log.attendees[1].name == "old2@example.com")
        #expect(log.attendees[1].status == .notAttending)
    }

    @Test func resumesFromACursor() async throws {
        let stub = Self.twoPageStub()
        let log = try await Self.scan(stub, from: "2|gst-005")
        #expect(log.pages.map(\.pageNumber) == [2])
        #expect(log.ids.first == "gst-006")
        #expect(stub.requests.count == 1)
    }

    @Test func aRejectedResumeCursorRestartsTheScan() async throws {
        let stub = Self.twoPageStub()
        stub.on(Self.guestsPath, query: ["pagination_cursor": "stale"],
                reply: .json(400, #"{"message": "Invalid pagination_cursor", "code": null}"#))
        let log = try await Self.scan(stub, from: "3|stale")
        #expect(log.pages.map(\.pageNumber) == [1, 2])
        #expect(log.ids.count == 9)
    }

    // A repeated cursor and an empty page claiming more are malformed, not the end of the scan:
    // see MalformedPageTests.

    @Test func accountEventsAndOneEvent() async throws {
        let stub = StubTransport()
        stub.on("/v1/users/get-self", reply: Fixture.luma("get_self.json"))
        stub.on("/v1/calendars/events/list", reply: Fixture.luma("events_list.json"))
        stub.on("/v1/events/get", query: ["event_id": "evt-Summit24"], reply: Fixture.luma("event_get.json"))
        let client = Clients.luma(stub)
        #expect(try await client.whoAmI() == "Grace Hopper <grace@example.com>")
        let events = try await client.availableEvents()
        #expect(events.map(\.externalId) == ["evt-Summit24", "evt-Legacy01"])
        #expect(events.map(\.name) == ["Compilers Summit", "Old Shape Meetup"])
        #expect(events[0].startsAt == date("2024-06-10T16:00:00Z"))
        #expect(events[1].timezone == "Europe/Berlin")
        let one = try await client.event(externalId: "evt-Summit24")
        #expect(one.name == "Compilers Summit")
        #expect(one.endsAt == date("2024-06-10T22:00:00Z"))
    }

    @Test(arguments: [
        (401, "error_401.json", "unauthorized"),
        (400, "error_401.json", "unauthorized"),
        (403, "error_403.json", "forbidden"),
        (404, "error_404.json", "notFound"),
    ])
    func errorsMapByStatus(status: Int, file: String, kind: String) async throws {
        let stub = StubTransport()
        stub.on("/v1/events/get", reply: Fixture.luma(file, status: status))
        let error = await providerError { _ = try await Clients.luma(stub).event(externalId: "evt-x") }
        #expect(error?.kind == kind)
        #expect(stub.requests.count == 1)
    }

    @Test func rateLimitHonoursRetryAfterThenSucceeds() async throws {
        let stub = StubTransport()
        stub.on("/v1/users/get-self", replies: [
            Fixture.luma("error_429.json", status: 429, headers: ["Retry-After": "60", "X-RateLimit-Remaining": "0"]),
            Fixture.luma("get_self.json"),
        ])
        let clock = VirtualPolicyClock()
        #expect(try await Clients.luma(stub, clock: clock).whoAmI() == "Grace Hopper <grace@example.com>")
        #expect(clock.sleeps.contains { $0 >= 60 })
        #expect(stub.requests.count == 2)
    }

    @Test func persistentRateLimitReportsRetryAfter() async throws {
        let stub = StubTransport()
        stub.on("/v1/users/get-self", reply: Fixture.luma("error_429.json", status: 429, headers: ["Retry-After": "60"]))
        let error = await providerError { _ = try await Clients.luma(stub).whoAmI() }
        #expect(error == .rateLimited(retryAfter: 60))
        #expect(stub.requests.count == 4)
    }

    @Test func serverErrorsAndMalformedPagesAreTransient() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: Fixture.luma("error_500.json", status: 500))
        let error = await providerError { _ = try await Self.scan(stub) }
        #expect(error?.kind == "transient")
        #expect(stub.requests.count == 4)

        let page = try Fixture.data("luma/guests_page1.json")
        let truncated = StubTransport()
        truncated.on(Self.guestsPath, reply: .bytes(page.prefix(page.count / 2)))
        let cut = await providerError { _ = try await Self.scan(truncated) }
        #expect(cut?.description.hasPrefix("truncated response from http://127.0.0.1:9/v1/events/guests/list?") == true)
        #expect(cut?.description.hasSuffix("at byte \(page.count / 2)") == true)
    }

    @Test func theKeyNeverAppearsInErrors() async throws {
        let stub = StubTransport()
        stub.on("/v1/users/get-self", reply: .json(401, """
            {"message": "API key \(Clients.lumaKey) is not valid", "code": null}
            """))
        let error = await providerError { _ = try await Clients.luma(stub).whoAmI() }
        #expect(error?.kind == "unauthorized")
        #expect(error.map { !$0.description.contains(Clients.lumaKey) } == true)
    }

    @Test func qrCodeKeyExtraction() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: .json(200, """
            {"entries": [
              {"id": "gst-a", "check_in_qr_code": "https://lu.ma/check-in/evt-1?pk=g-x%2By#frag"},
              {"id": "gst-b", "check_in_qr_code": "https://lu.ma/check-in/evt-1"},
              {"id": "gst-c", "check_in_qr_code": 12345}
            ], "has_more": false}
            """))
        let log = try await Self.scan(stub)
        #expect(log.attendees.map(\.barcode) == ["g-x+y", nil, nil])
    }
}
