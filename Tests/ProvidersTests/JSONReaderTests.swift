import Foundation
import Testing
import BadgeCore
@testable import Providers

/// The hand-written page reader must agree with `JSONDecoder` on every page shape.
@Suite struct JSONReaderTests {
    static func eventbriteBothWays(_ data: Data) throws -> ([ProviderAttendee], [ProviderAttendee]) {
        let decoded = try JSONDecoder().decode(EventbriteWire.OrdersPage.self, from: data)
        let read = try EventbriteWire.readOrdersPage(data)
        #expect(read.pagination?.page_count?.value == decoded.pagination?.page_count?.value)
        #expect(read.pagination?.has_more_items?.value == decoded.pagination?.has_more_items?.value)
        #expect(read.pagination?.continuation?.value == decoded.pagination?.continuation?.value)
        return (EventbriteMapping.attendees(of: decoded.orders ?? []), EventbriteMapping.attendees(of: read.orders ?? []))
    }

    static func lumaBothWays(_ data: Data) throws -> ([ProviderAttendee], [ProviderAttendee]) {
        let decoded = try JSONDecoder().decode(LumaWire.GuestsPage.self, from: data)
        let read = try LumaWire.readGuestsPage(data)
        #expect(read.has_more?.value == decoded.has_more?.value)
        #expect(read.next_cursor?.value == decoded.next_cursor?.value)
        return ((decoded.entries ?? []).compactMap(LumaMapping.attendee), (read.entries ?? []).compactMap(LumaMapping.attendee))
    }

    @Test(arguments: ["orders_page1.json", "orders_page2.json", "orders_page3.json", "orders_changes.json",
                      "orders_nocount_page1.json", "orders_empty.json"])
    func eventbriteFixturesReadLikeJSONDecoder(file: String) throws {
        let (decoded, read) = try Self.eventbriteBothWays(try Fixture.data("eventbrite/\(file)"))
        #expect(read == decoded)
    }

    @Test(arguments: ["guests_page1.json", "guests_page2.json", "guests_legacy.json"])
    func lumaFixturesReadLikeJSONDecoder(file: String) throws {
        let (decoded, read) = try Self.lumaBothWays(try Fixture.data("luma/\(file)"))
        #expect(!read.isEmpty)
        #expect(read == decoded)
    }

    @Test func escapesAndOddScalars() throws {
        let page = #"""
        {"orders": [{"id": 5001, "status": null, "attendees": [{
          "id": "a\"b", "checked_in": "true", "cancelled": 0, "refunded": null,
          "profile": {"name": "Ren\u00e9e \"R\" \ud83d\ude00 \u4e2d\\", "company": ["not", "text"], "email": true},
          "barcodes": [{"barcode": 12345678901234, "status": "USED", "changed": "2024-06-01T10:00:00Z"}],
          "ticket_class_name": "Tab\there", "unknown": {"deep": [[[{"x": -1.5e3}]]]}
        }]}], "pagination": {"has_more_items": false, "page_count": "3"}}
        """#
        let (decoded, read) = try Self.eventbriteBothWays(Data(page.utf8))
        #expect(read == decoded)
        let a = try #require(read.first)
        #expect(a.providerAttendeeId == "a\"b")
        #expect(a.name == "Renée \"R\" 😀 中\\")
        #expect(a.company == nil)
        #expect(a.email == "true")
        #expect(a.orderId == "5001")
        #expect(a.barcode == "12345678901234")
        #expect(a.checkedInAt == date("2024-06-01T10:00:00Z"))
        #expect(a.ticketName == "Tab\there")
    }

    @Test(arguments: [
        (#"{"orders": [{"id": "1",}]}"#, 23),
        (#"{"orders": [{"id": "1"}], "pagination": {"x": tru}}"#, 46),
        (#"{"orders": [{"id": "1"}]} trailing"#, 26),
        (#"{"orders": "nope"}"#, 11),
        (#"{"orders": [{"id": "\#u{01}"}]}"#, 20),
    ])
    func malformedInputReportsTheOffset(text: String, offset: Int) {
        #expect(throws: JSONReader.Failure.invalid(at: offset)) {
            _ = try EventbriteWire.readOrdersPage(Data(text.utf8))
        }
    }

    @Test func truncationAnywhereIsReportedAtTheEnd() throws {
        let data = try Fixture.data("luma/guests_page1.json")
        for cut in stride(from: 1, to: data.count - 2, by: 97) {
            let prefix = data.prefix(cut)
            #expect(throws: JSONReader.Failure.invalid(at: cut)) { _ = try LumaWire.readGuestsPage(Data(prefix)) }
        }
    }
}
