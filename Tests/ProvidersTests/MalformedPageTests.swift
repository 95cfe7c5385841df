import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// PROVIDERS.md §2.5: a 200 that is not a page of the list fails the scan with a clear
/// `malformed` reason — it never ends the scan as if the list were complete (issue #13).
@Suite struct MalformedPageTests {
    static let ordersPath = "/v3/events/1001/orders/"
    static let guestsPath = "/v1/events/guests/list"

    /// Runs an Eventbrite full scan and returns the error it threw (nil: it completed) and the pages.
    static func eventbriteScan(_ stub: StubTransport, from cursor: String? = nil) async -> (ProviderError?, PageLog) {
        let log = PageLog()
        let error = await providerError {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: cursor) { log.append($0) }
        }
        return (error, log)
    }

    static func lumaScan(_ stub: StubTransport) async -> (ProviderError?, PageLog) {
        let log = PageLog()
        let error = await providerError {
            try await Clients.luma(stub).fullScan(eventExternalId: "evt-1", resumeCursor: nil) { log.append($0) }
        }
        return (error, log)
    }

    // MARK: Eventbrite

    @Test(arguments: [#"{}"#, #"{"message": "internal"}"#, #"{"error": "INTERNAL_ERROR", "status_code": 500}"#,
                      #"{"pagination": {"has_more_items": false}}"#])
    func eventbritePageWithoutOrdersIsMalformed(body: String) async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, reply: .json(200, body))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("page 1 of the orders has no 'orders' list") == true, "\(String(describing: error))")
        #expect(log.pages.isEmpty)
        #expect(stub.requests.count == Clients.retry.maxAttempts, "a one-off odd page is retried like a malformed body")
    }

    @Test func eventbriteOddPageThatRecoversOnRetryIsRead() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], replies: [.json(200, "{}"), Fixture.eventbrite("orders_page1.json")])
        stub.on(Self.ordersPath, query: ["page": "2"], reply: Fixture.eventbrite("orders_page2.json"))
        stub.on(Self.ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("orders_page3.json"))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error == nil)
        #expect(log.ids.count == 8)
    }

    @Test func eventbriteEmptyPageThatSaysMoreFollowIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_nocount_page1.json"))
        stub.on(Self.ordersPath, query: ["continuation": "c2"], reply: .json(200, """
            {"pagination": {"page_number": 2, "continuation": "c3", "has_more_items": true}, "orders": []}
            """))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("page 2 of the orders is empty but says more follow") == true)
        #expect(log.ids == ["9101"])
        #expect(log.pages.last?.nextCursor == "cont:c2", "the checkpoint stays at the page that failed")
    }

    @Test func eventbriteRepeatedContinuationIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_nocount_page1.json"))
        stub.on(Self.ordersPath, query: ["continuation": "c2"], reply: Fixture.eventbrite("orders_nocount_page2.json"))
        // Page 3 points back to page 2.
        stub.on(Self.ordersPath, query: ["continuation": "c3"], reply: .json(200, """
            {"pagination": {"page_number": 3, "continuation": "c2", "has_more_items": true},
             "orders": [{"id": "6009", "attendees": [{"id": "9109", "profile": {"name": "Loop"}}]}]}
            """))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("continuation of page 3") == true, "\(String(describing: error))")
        #expect(log.ids == ["9101", "9102"], "the page that closes the cycle is not delivered")
        #expect(stub.requests.count == 3)
    }

    @Test func eventbritePageServedTwiceIsMalformed() async throws {
        let stub = StubTransport()
        // A server that ignores the continuation: page 1 again, with a fresh token.
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_nocount_page1.json"))
        stub.on(Self.ordersPath, query: ["continuation": "c2"], reply: .json(200, """
            {"pagination": {"continuation": "c9", "has_more_items": true},
             "orders": [{"id": "6001", "attendees": [{"id": "9101", "profile": {"name": "One"}}]}]}
            """))
        let (error, _) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("repeats the page before it") == true)
    }

    @Test func eventbriteTotalThatShrinksMidScanIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        stub.on(Self.ordersPath, query: ["page": "2"], reply: .json(200, """
            {"pagination": {"object_count": 4, "page_number": 2, "page_size": 3, "page_count": 2, "has_more_items": false},
             "orders": [{"id": "5009", "attendees": [{"id": "9909", "profile": {"name": "Last"}}]}]}
            """))
        stub.on(Self.ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("orders_page3.json"))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("shrank from 7 to 4") == true, "\(String(describing: error))")
        #expect(log.pages.map(\.pageNumber) == [1])
    }

    @Test func eventbriteBadPageForACountedPageIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        stub.on(Self.ordersPath, query: ["page": "2"], reply: Fixture.eventbrite("orders_page2.json"))
        stub.on(Self.ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("error_bad_page.json", status: 400))
        let (error, log) = await Self.eventbriteScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("page 3 of 3") == true, "\(String(describing: error))")
        #expect(log.pages.map(\.pageNumber) == [1, 2])
    }

    @Test func eventbritePollWithAnOddPageFails() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, reply: .json(200, #"{"message": "internal"}"#))
        let error = await providerError {
            _ = try await Clients.eventbrite(stub).changes(eventExternalId: "1001", since: "2024-06-01T00:00:00Z")
        }
        #expect(error?.kind == "malformed")
    }

    // MARK: Luma

    @Test(arguments: [#"{}"#, #"{"message": "internal"}"#, #"{"has_more": false}"#])
    func lumaPageWithoutEntriesIsMalformed(body: String) async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: .json(200, body))
        let (error, log) = await Self.lumaScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("page 1 of the guest list has no 'entries' list") == true,
                "\(String(describing: error))")
        #expect(log.pages.isEmpty)
    }

    @Test func lumaEmptyPageThatSaysMoreFollowIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, query: ["pagination_cursor": StubTransport.absent], reply: .json(200, """
            {"entries": [{"id": "gst-1", "approval_status": "approved"}], "has_more": true, "next_cursor": "a"}
            """))
        stub.on(Self.guestsPath, query: ["pagination_cursor": "a"],
                reply: .json(200, #"{"entries": [], "has_more": true, "next_cursor": "b"}"#))
        let (error, log) = await Self.lumaScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("page 2 of the guest list is empty but says more follow") == true)
        #expect(log.ids == ["gst-1"])
    }

    @Test func lumaRepeatedCursorIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, query: ["pagination_cursor": StubTransport.absent], reply: .json(200, """
            {"entries": [{"id": "gst-1", "approval_status": "approved"}], "has_more": true, "next_cursor": "a"}
            """))
        stub.on(Self.guestsPath, query: ["pagination_cursor": "a"], reply: .json(200, """
            {"entries": [{"id": "gst-2", "approval_status": "approved"}], "has_more": true, "next_cursor": "a"}
            """))
        let (error, log) = await Self.lumaScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("points back to a page already read") == true)
        #expect(log.ids == ["gst-1"], "the page that closes the cycle is not delivered")
    }

    @Test func lumaMoreWithoutACursorIsMalformed() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: .json(200, """
            {"entries": [{"id": "gst-1", "approval_status": "approved"}], "has_more": true}
            """))
        let (error, _) = await Self.lumaScan(stub)
        #expect(error?.kind == "malformed")
        #expect(error?.description.contains("gives no cursor") == true)
    }

    @Test func lumaPollWithAnOddPageFails() async throws {
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: .json(200, "{}"))
        let cursor = LumaClient.changeCursor(for: date("2024-06-01T00:00:00Z"))
        let error = await providerError {
            _ = try await Clients.luma(stub).changes(eventExternalId: "evt-1", since: cursor)
        }
        #expect(error?.kind == "malformed")
    }
}
