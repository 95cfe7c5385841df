import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// Luma incremental polls: head scans by `registered_at` and `checked_in_at`.
@Suite struct LumaChangesTests {
    static let guestsPath = "/v1/events/guests/list"
    static let t0 = date("2024-06-01T10:00:00Z")

    static func seeded(_ count: Int) -> LumaGuestList {
        let list = LumaGuestList()
        for i in 0..<count {
            list.add(.init(id: "gst-\(i)", registeredAt: t0.addingTimeInterval(Double(i) * 60),
                           checkedInAt: i % 4 == 0 ? t0.addingTimeInterval(86_400 + Double(i)) : nil))
        }
        return list
    }

    /// Imports everything with a full scan, as the sync engine would, and returns the cursor.
    static func importAll(_ client: LumaClient) async throws -> String {
        let log = PageLog()
        try await client.fullScan(eventExternalId: "evt-1", resumeCursor: nil) { log.append($0) }
        return LumaClient.changeCursor(for: log.attendees)
    }

    @Test func aPollWithNothingNewCostsTwoRequests() async throws {
        let list = Self.seeded(40)
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: list.reply)
        let client = Clients.luma(stub, pageSize: 5)
        let cursor = try await Self.importAll(client)
        let before = stub.requests.count

        let changes = try await client.changes(eventExternalId: "evt-1", since: cursor)
        #expect(stub.requests.count - before == 2)
        // Only the boundary guests (exactly at a watermark) come back.
        #expect(Set(changes.attendees.map(\.providerAttendeeId)) == ["gst-39", "gst-36"])
        #expect(changes.cursor == cursor)
        let sorts = stub.requests.suffix(2).map { StubTransport.query("sort_column", of: $0) }
        #expect(sorts == ["registered_at", "checked_in_at"])
        #expect(stub.requests.suffix(2).allSatisfy { StubTransport.query("sort_direction", of: $0) == "desc nulls last" })
    }

    @Test func newRegistrationsAndProviderCheckInsAreFound() async throws {
        let list = Self.seeded(40)
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: list.reply)
        let client = Clients.luma(stub, pageSize: 5)
        let cursor = try await Self.importAll(client)

        let later = Self.t0.addingTimeInterval(200_000)
        for i in 0..<7 {
            list.add(.init(id: "new-\(i)", registeredAt: later.addingTimeInterval(Double(i)), checkedInAt: nil))
        }
        list.update("gst-3") { $0.checkedInAt = later.addingTimeInterval(30) }
        let before = stub.requests.count
        let changes = try await client.changes(eventExternalId: "evt-1", since: cursor)
        let ids = Set(changes.attendees.map(\.providerAttendeeId))
        #expect(ids.isSuperset(of: Set((0..<7).map { "new-\($0)" })))
        #expect(ids.contains("gst-3"))
        #expect(changes.attendees.first { $0.providerAttendeeId == "gst-3" }?.checkedInAt == later.addingTimeInterval(30))
        #expect(!ids.contains("gst-10"))  // nothing old and unchanged
        // 8 new/changed items in pages of 5: a handful of requests, not a full scan of 47.
        #expect(stub.requests.count - before <= 4)

        // The next poll starts from the new watermarks, reaching back `watermarkLookBack` (1 s):
        // new-5, registered one second before new-6, comes back too (merged idempotently).
        let again = try await client.changes(eventExternalId: "evt-1", since: changes.cursor)
        #expect(Set(again.attendees.map(\.providerAttendeeId)) == ["new-6", "new-5", "gst-3"])
    }

    @Test func noCursorEstablishesWatermarksFromTheNewestGuests() async throws {
        let list = Self.seeded(12)
        let stub = StubTransport()
        stub.on(Self.guestsPath, reply: list.reply)
        let client = Clients.luma(stub, pageSize: 5)
        let established = try await client.changes(eventExternalId: "evt-1", since: nil)
        #expect(established.attendees.isEmpty)
        #expect(stub.requests.count == 2)
        let expected = LumaClient.changeCursor(for: [
            ProviderAttendee(providerAttendeeId: "x", name: "", checkedInAt: Self.t0.addingTimeInterval(86_408),
                             changedAt: Self.t0.addingTimeInterval(11 * 60)),
        ])
        #expect(established.cursor == expected)
    }

    @Test func cursorRoundTrips() {
        let cursor = LumaClient.changeCursor(for: date("2024-06-10T17:29:03.804Z"))
        #expect(cursor == "r=2024-06-10T17:29:03.804Z;c=2024-06-10T17:29:03.804Z")
        #expect(LumaClient.changeCursor(for: [ProviderAttendee]()) == "r=;c=")
    }
}
