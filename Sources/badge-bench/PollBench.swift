import BadgeCore
import Foundation
import Simulator
import Sync

/// Live polls on the largest imported Eventbrite event: with nothing changed, then with 100
/// changes (50 new registrations + 50 edits) made through the simulator.
enum PollBench {
    static func run(_ kept: ImportBench.Kept, options: BenchOptions, report: inout Report) async throws {
        guard let sim = kept.rig.simulator else { return }
        let engine = kept.engine, eventId = kept.event.id, size = kept.rig.attendees
        _ = try await engine.poll(eventId: eventId)  // settle the cursor after the import
        var requests = Samples(), cpu = Samples(), wall = Samples()
        for _ in 0..<(options.quick ? 3 : 20) {
            let m = try await measure { try await engine.poll(eventId: eventId) }
            requests.add(Double(m.result.requests))
            cpu.add(m.cpuMs)
            wall.add(m.wallMs)
        }
        let label = "\(size.formatted())-attendee Eventbrite event"
        report.add(Figure("poll, nothing changed: requests", unit: "req", requests, goal: .atMost(1), note: label))
        report.add(Figure("poll, nothing changed: CPU", unit: "ms", cpu, goal: .atMost(10),
                          note: "whole-process CPU incl. the in-process simulator's answer: an upper bound"))
        report.add(Figure("poll, nothing changed: wall", unit: "ms", wall))

        var cRequests = Samples(), cCPU = Samples(), cWall = Samples(), changed = Samples()
        let ids = try sim.attendees(event: kept.event.externalId).map(\.providerAttendeeId)
        for round in 0..<(options.quick ? 1 : 3) {
            try sim.addRegistrations(event: kept.event.externalId, count: 50)
            for i in 0..<50 {
                let id = ids[(round * 50 + i) * 7 % ids.count]
                try sim.edit(event: kept.event.externalId, attendee: id, AttendeeEdit(company: "Bench Co \(round)-\(i)"))
            }
            let m = try await measure { try await engine.poll(eventId: eventId) }
            cRequests.add(Double(m.result.requests))
            cCPU.add(m.cpuMs)
            cWall.add(m.wallMs)
            changed.add(Double(m.result.counts.added + m.result.counts.updated))
        }
        report.add(Figure("poll, 100 changes: requests", unit: "req", cRequests, note: label))
        report.add(Figure("poll, 100 changes: rows added+updated", unit: "rows", changed))
        report.add(Figure("poll, 100 changes: CPU", unit: "ms", cCPU, note: "whole process, incl. simulator"))
        report.add(Figure("poll, 100 changes: wall", unit: "ms", cWall))
    }

    struct Measured {
        var result: SyncResult
        var wallMs: Double
        /// CPU of the whole process (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)): the engine, the
        /// store, URLSession and the in-process simulator answering (whose threads cannot be told
        /// apart: Foundation's Thread.name does not reach the kernel's thread name here).
        var cpuMs: Double
    }

    static func measure(_ body: () async throws -> SyncResult) async throws -> Measured {
        let cpu0 = ProcessClock.processCPU()
        let t0 = ProcessClock.now()
        let result = try await body()
        let wall = (ProcessClock.now() - t0) * 1000
        let cpu = (ProcessClock.processCPU() - cpu0) * 1000
        return Measured(result: result, wallMs: wall, cpuMs: cpu)
    }
}
