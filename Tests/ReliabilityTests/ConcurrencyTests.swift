import BadgeCore
import Foundation
import Simulator
import Storage
import Testing

extension Reliability {
    /// Two processes on one database file (two desks, or the console beside `badge watch`): no
    /// corruption, no lost write, no double check-in.
    @Suite(.serialized, .enabled("needs the built badge binary with checkin and watch wired") {
        BadgeBinary.unavailableReason(commands: [["checkin"], ["watch"]]) == nil
    })
    struct ConcurrencyTests {
        @Test func twoDesksCheckingInTheSameAttendeeAtOnceRecordOneCheckIn() async throws {
            let binary = try #require(BadgeBinary.locate())
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 200, events: 1, seed: 61))
            let event = try await f.imported(.eventbrite)
            let badge = BadgeBinary(path: binary, directory: f.dir.path, database: f.dbPath)
            let rows = try f.rowList(event.id).filter { $0.status == .attending && !$0.isCheckedIn }
                .sorted { $0.providerAttendeeId < $1.providerAttendeeId }
            for row in rows.prefix(4) {
                let desks = try ["desk1", "desk2"].map {
                    try badge.start(["--operator", $0, "checkin", String(event.id), row.providerAttendeeId])
                }
                let results = desks.map { $0.wait() }
                let won = results.filter { $0.status == 0 }
                let refused = results.filter { $0.status == 1 }
                #expect(won.count == 1 && refused.count == 1, "#\(row.id): exits \(results.map(\.status)) \(results.map(\.stderr))")
                #expect(refused.first?.stderr.contains("already checked in") == true, "\(refused.first?.stderr ?? "")")
                let log = try f.store.checkInHistory(attendeeId: row.id)
                #expect(log.filter { $0.action == .checkIn }.count == 1, "#\(row.id): \(log.count) records")
                #expect(try f.store.attendee(id: row.id)?.isCheckedIn == true)
            }
            #expect(try DatabaseCheck.integrity(f.dbPath) == "ok")
        }

        @Test func checkInsBesideABadgeWatchChildAreAllKept() async throws {
            let binary = try #require(BadgeBinary.locate())
            let f = try ReliabilityFixture(simulator: SimulatorConfig(attendees: 2_000, events: 1, seed: 62,
                                                                      referenceDate: Date()))
            let event = try await f.imported(.eventbrite)
            let badge = BadgeBinary(path: binary, directory: f.dir.path, database: f.dbPath)
            let before = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            let candidates = try f.rowList(event.id).filter { $0.status == .attending && !$0.isCheckedIn }.shuffled()

            let watch = try badge.start(["watch", String(event.id), "--interval", "1", "--for", "5"])
            var confirmed: [Int64: Int64] = [:]  // attendee → record id
            var index = 0
            var registered: [String] = []
            while watch.isRunning && index < candidates.count {
                // The provider changes too, so the watch child writes while this process does.
                if index % 10 == 0 { registered += try f.simulator.addRegistrations(event: event.externalId, count: 3) }
                let row = candidates[index]
                index += 1
                if case .recorded(_, let record) = try f.store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "desk",
                                                                       station: "door", at: Date()) {
                    confirmed[row.id] = record.id
                }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            let result = watch.wait()
            #expect(result.status == 0, "badge watch exited \(result.status): \(result.stderr)")
            #expect(confirmed.count > 20)
            for (id, recordId) in confirmed {
                #expect(try f.store.attendee(id: id)?.isCheckedIn == true, "check-in of #\(id) lost")
                #expect(try f.store.checkInHistory(attendeeId: id).contains { $0.id == recordId }, "record \(recordId) lost")
            }
            // The child did write: registrations it polled are in the database.
            let rows = try f.rows(event.id)
            let polled = registered.filter { rows[$0] != nil }
            let after = try f.store.attendeeCount(AttendeeQuery(eventId: event.id))
            #expect(!polled.isEmpty && after > before, "the watch child never wrote anything: \(result.stdout) \(result.stderr)")
            #expect(try DatabaseCheck.integrity(f.dbPath) == "ok")
        }
    }
}
