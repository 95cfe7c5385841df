import Foundation
import Testing
import BadgeCore
import Providers
import TestSupport

/// Issue #13 item 7: a Luma ticket whose `checked_in_at` is not a date is kept "not checked in",
/// but not silently: the client's log says which guest and what value. A guest with neither a
/// name nor an email gets a visible placeholder.
@Suite struct LumaUnparsableCheckInTests {
    final class RecordingLog: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [(LogLevel, String)] = []
        func log(_ level: LogLevel, _ message: String) { lock.withLock { lines.append((level, message)) } }
        var warnings: [String] { lock.withLock { lines.filter { $0.0 == .warning }.map(\.1) } }
    }

    static let page = #"""
    {"entries": [
      {"api_id": "g-bad", "guest": {"id": "g-bad", "user_name": "Bad Date", "user_email": "bad@example.com",
        "approval_status": "approved",
        "event_tickets": [{"id": "t1", "name": "GA", "checked_in_at": "yesterday-ish"}]}},
      {"api_id": "g-ok", "guest": {"id": "g-ok", "user_name": "Good Date", "user_email": "ok@example.com",
        "approval_status": "approved",
        "event_tickets": [{"id": "t2", "name": "GA", "checked_in_at": "2026-03-14T09:30:00.000Z"}]}},
      {"api_id": "g-anon", "guest": {"id": "g-anon", "approval_status": "approved",
        "event_tickets": [{"id": "t3", "name": "GA", "checked_in_at": null}]}}
    ], "has_more": false, "next_cursor": null}
    """#

    @Test func anUnparsableCheckInIsKeptNotCheckedInAndLogged() async throws {
        let stub = StubTransport()
        stub.on("/v1/events/guests/list", reply: .json(200, Self.page))
        let log = RecordingLog()
        let client = LumaClient(baseURL: Clients.lumaBase, apiKey: Clients.lumaKey, transport: stub,
                                retry: Clients.retry, clock: VirtualPolicyClock(), log: log)
        let collected = Collected()
        try await client.fullScan(eventExternalId: "evt-1", resumeCursor: nil) { page in
            collected.add(page.attendees)
        }
        let byId = Dictionary(uniqueKeysWithValues: collected.all.map { ($0.providerAttendeeId, $0) })
        #expect(byId["g-bad"]?.checkedInAt == nil)
        #expect(byId["g-ok"]?.checkedInAt != nil)
        #expect(log.warnings == ["Luma guest g-bad: checked_in_at 'yesterday-ish' is not a date; kept as not checked in"])
        #expect(byId["g-anon"]?.name == "(no name)")
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [ProviderAttendee] = []
        func add(_ more: [ProviderAttendee]) { lock.withLock { items += more } }
        var all: [ProviderAttendee] { lock.withLock { items } }
    }
}
