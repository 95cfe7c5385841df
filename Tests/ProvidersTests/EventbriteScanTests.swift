import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// Full scans of the Eventbrite orders API against fixture pages.
@Suite struct EventbriteScanTests {
    static let ordersPath = "/v3/events/1001/orders/"

    static func threePageStub() -> StubTransport {
        let stub = StubTransport()
        stub.on(ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        stub.on(ordersPath, query: ["page": "2"], reply: Fixture.eventbrite("orders_page2.json"))
        stub.on(ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("orders_page3.json"))
        return stub
    }

    @Test func scansEveryPageInOrderAndStopsOnHasMoreFalse() async throws {
        let stub = Self.threePageStub()
        let client = Clients.eventbrite(stub)
        let log = PageLog()
        try await client.fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }

        #expect(log.pages.map(\.pageNumber) == [1, 2, 3])
        #expect(log.pages.map(\.nextCursor) == ["page:2", "page:3", nil])
        #expect(log.pages.first?.pageCount == 3)
        // The order without attendees (5002) contributes nothing; the last page's continuation is ignored.
        #expect(log.ids == ["9001", "9002", "9003", "9004", "9005", "9006", "9007", "9008"])
        #expect(stub.requests.count == 3)
        #expect(await client.requestCount() == 3)
        let first = try #require(stub.requests.first)
        #expect(StubTransport.query("expand", of: first) == "attendees")
        #expect(StubTransport.query("status", of: first) == "all_not_deleted")
        #expect(first.headers["Authorization"] == "Bearer \(Clients.token)")
        #expect(stub.requests.allSatisfy { StubTransport.query("continuation", of: $0) == nil })
    }

    @Test func mapsAttendeesPerSpec() async throws {
        let client = Clients.eventbrite(Self.threePageStub())
        let log = PageLog()
        try await client.fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
        let byId = Dictionary(uniqueKeysWithValues: log.attendees.map { ($0.providerAttendeeId, $0) })

        let ada = try #require(byId["9001"])
        #expect(ada.name == "Ada Lovelace")
        #expect(ada.email == "ada@example.com")
        #expect(ada.company == "Analytical Engines Ltd")
        #expect(ada.jobTitle == "Programmer")
        #expect(ada.ticketName == "General Admission")
        #expect(ada.barcode == "100190015001001")
        #expect(ada.orderId == "5001")
        #expect(ada.status == .attending)
        #expect(ada.providerStatus == "Attending")
        #expect(ada.checkedInAt == nil)
        #expect(ada.changedAt == date("2024-06-01T10:00:00Z"))

        let charles = try #require(byId["9002"])
        #expect(charles.name == "Charles Babbage")  // no profile.name: first + last
        #expect(charles.barcode == "100190025001001")  // first non-null barcode
        #expect(charles.ticketName == "VIP")

        #expect(byId["9003"]?.status == .notAttending)  // cancelled
        #expect(byId["9003"]?.providerStatus == "Not Attending")
        #expect(byId["9004"]?.status == .notAttending)  // refunded
        #expect(byId["9006"]?.status == .notAttending)  // status Deleted
        #expect(byId["9006"]?.providerStatus == "Deleted")
        #expect(byId["9006"]?.barcode == nil)

        let sofya = try #require(byId["9005"])
        #expect(sofya.name == "Софья Ковалевская")
        #expect(sofya.checkedInAt == date("2024-06-12T08:15:40.500Z"))  // the used barcode's changed
        #expect(sofya.changedAt == date("2024-06-12T08:15:42.120Z"))
        #expect(sofya.company == "Stockholm University")
        #expect(sofya.jobTitle == "Professor")

        let li = try #require(byId["9007"])
        #expect(li.name == "李 娜")
        #expect(li.checkedInAt == date("2024-06-12T09:00:00Z"))  // checked_in without a used barcode
        #expect(li.status == .attending)

        let anon = try #require(byId["9008"])
        #expect(anon.name == "anon@example.com")  // blank name, no first/last
        #expect(anon.barcode == nil)
    }

    @Test func fetchesRemainingPagesConcurrentlyButDeliversInOrder() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        // Pages 2 and 3 answer only once both have been requested (a rendezvous): a sequential
        // client would wait out the bound and the in-flight peak would stay at 1. Page 3 then
        // answers before page 2, and delivery must still be in order.
        for n in [2, 3] {
            let body = try Fixture.data("eventbrite/orders_page\(n).json")
            stub.on(Self.ordersPath, query: ["page": String(n)], reply: .handler { [stub] _ in
                for _ in 0..<2000 where stub.requests(path: Self.ordersPath).count < 3 {
                    try await Task.sleep(nanoseconds: 1_000_000)
                }
                if n == 2 { try await Task.sleep(nanoseconds: 5_000_000) }
                return HTTPResponse(status: 200, body: body)
            })
        }
        let client = Clients.eventbrite(stub)
        let log = PageLog()
        try await client.fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }

        #expect(stub.maxInFlight >= 2)
        #expect(log.pages.map(\.pageNumber) == [1, 2, 3])
        #expect(log.ids == ["9001", "9002", "9003", "9004", "9005", "9006", "9007", "9008"])
    }

    @Test func pagesWithoutCountFollowContinuationsAndStopOnHasMoreFalse() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_nocount_page1.json"))
        stub.on(Self.ordersPath, query: ["continuation": "c2"], reply: Fixture.eventbrite("orders_nocount_page2.json"))
        stub.on(Self.ordersPath, query: ["continuation": "c3"], reply: Fixture.eventbrite("orders_nocount_page3.json"))
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }

        #expect(log.ids == ["9101", "9102", "9103"])
        #expect(log.pages.map(\.nextCursor) == ["cont:c2", "cont:c3", nil])
        #expect(stub.requests.count == 3)  // continuation c4 on the last page is never followed
    }

    // A repeated continuation and an empty page claiming more are malformed, not the end of the
    // scan: see MalformedPageTests.

    @Test func emptyEventDeliversOneEmptyFinalPage() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, reply: Fixture.eventbrite("orders_empty.json"))
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
        #expect(log.pages.count == 1)
        #expect(log.attendees.isEmpty)
        #expect(log.pages.first?.nextCursor == nil)
    }

    @Test func resumesFromAPageCursor() async throws {
        let stub = Self.threePageStub()
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: "page:2") { log.append($0) }
        #expect(log.pages.map(\.pageNumber) == [2, 3])
        #expect(log.ids == ["9004", "9005", "9006", "9007", "9008"])
        #expect(stub.requests.compactMap { StubTransport.query("page", of: $0) } == ["2", "3"])
    }

    @Test func staleContinuationRestartsFromPageOne() async throws {
        let stub = Self.threePageStub()
        stub.on(Self.ordersPath, query: ["continuation": "expired"],
                reply: Fixture.eventbrite("error_bad_continuation.json", status: 400))
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: "cont:expired") { log.append($0) }
        #expect(log.pages.map(\.pageNumber) == [1, 2, 3])
        #expect(log.ids.count == 8)
    }

    @Test func badPagePastTheEndFinishesTheScan() async throws {
        // A resume past the last page (the list is as long as the scan was told: nothing shrank).
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "4"], reply: Fixture.eventbrite("error_bad_page.json", status: 400))
        let log = PageLog()
        try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: "page:4") { log.append($0) }
        #expect(log.pages.isEmpty)
        #expect(stub.requests.count == 1)
    }

    @Test func onPageThrowingStopsTheScan() async throws {
        struct Stop: Error {}
        let stub = Self.threePageStub()
        let log = PageLog()
        await #expect(throws: Stop.self) {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { page in
                log.append(page)
                if page.pageNumber == 2 { throw Stop() }
            }
        }
        #expect(log.pages.map(\.pageNumber) == [1, 2])
    }

    @Test func aFailedPageDeliversThePagesBeforeItThenThrows() async throws {
        let stub = StubTransport()
        stub.on(Self.ordersPath, query: ["page": "1"], reply: Fixture.eventbrite("orders_page1.json"))
        stub.on(Self.ordersPath, query: ["page": "2"], reply: Fixture.eventbrite("orders_page2.json"))
        stub.on(Self.ordersPath, query: ["page": "3"], reply: Fixture.eventbrite("error_internal.json", status: 500))
        let log = PageLog()
        let error = await providerError {
            try await Clients.eventbrite(stub).fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
        }
        #expect(error?.kind == "transient")
        #expect(log.pages.map(\.pageNumber) == [1, 2])
        #expect(log.pages.last?.nextCursor == "page:3")  // where a retry resumes
        #expect(stub.requests(path: Self.ordersPath).filter { StubTransport.query("page", of: $0) == "3" }.count == 4)
    }
}
