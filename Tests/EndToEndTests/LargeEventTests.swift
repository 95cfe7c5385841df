import BadgeCore
import Foundation
import Simulator
import Storage
import Testing

/// Exports page through the store: every attendee exactly once, hostile provider text made safe.
@Suite struct LargeEventTests {
    @Test func exportsEveryAttendeeOnceAcrossPages() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("big.sqlite")
        let simulator = ProviderSimulator(config: SimulatorConfig(attendees: 2_300, events: 1, seed: 7))
        let externalId = try #require(simulator.eventIds(for: .luma).first)
        let attendees = try simulator.attendees(event: externalId)
        // Precondition: the simulator's data does contain hostile text to neutralise.
        let hostile = attendees.filter { a in
            [a.name, a.company ?? ""].contains { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x9B } }
        }
        #expect(!hostile.isEmpty)
        do {
            let store = try SQLiteStore.open(path: db)
            let event = try store.createEvent(Event(provider: .luma, externalId: externalId, name: "Big",
                                                    syncStatus: .active, accessCode: "BIG001"))
            _ = try store.applyPage(eventId: event.id, attendees: attendees, checkpoint: nil, now: Date())
        }
        let qualified = "luma:" + externalId

        let json = try badge.run(["attendees", qualified, "--json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let ids = rows.compactMap { $0["providerAttendeeId"] as? String }
        #expect(ids.count == attendees.count)
        #expect(Set(ids) == Set(attendees.map(\.providerAttendeeId)))

        let csv = try badge.run(["attendees", qualified, "--csv", "--db", db])
        #expect(csv.status == 0)
        let records = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == attendees.count + 1)
        // No control character (ESC, BEL, C1…) survives into the file; rows are single lines.
        #expect(!csv.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(!csv.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        let text = try badge.run(["attendees", qualified, "--db", db])
        #expect(!text.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
    }
}
