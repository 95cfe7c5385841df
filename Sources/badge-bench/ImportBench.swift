import BadgeCore
import Foundation
import Providers
import Storage
import Sync

/// Import figures: ours vs the reference script at each size, and ours vs the network floor
/// with simulated latency.
enum ImportBench {
    /// What the later benchmarks reuse: the largest Eventbrite import, its store and engine.
    struct Kept {
        var rig: SimulatorRig
        var temp: TempStore
        var engine: SyncEngine
        var event: Event
    }

    static func run(_ options: BenchOptions, report: inout Report) async throws -> Kept? {
        var kept: Kept?
        for size in options.sizes {
            let (rig, setupMs) = try ProcessClock.timeMs { try SimulatorRig(attendees: size, baseURL: options.baseURL) }
            report.note("simulator with 2 × \(size) attendees generated in \(Int(setupMs)) ms (not part of any figure)")
            for provider in [Provider.eventbrite, .luma] where options.providers.contains(provider.rawValue) {
                var ours = Samples(), cpu = Samples(), reference = Samples(), ratio = Samples()
                var externalId = ""
                let label = "\(provider == .eventbrite ? "Eventbrite" : "Luma") \(size.formatted())"
                for run in 0..<options.runs(for: size) {
                    let temp = try TempStore()
                    let (r, engine, event) = try await ImportDriver.importOnce(rig, provider, into: temp.store)
                    ours.add(r.wallMs)
                    cpu.add(r.cpuMs)
                    externalId = event.externalId
                    let isLast = run == options.runs(for: size) - 1
                    if isLast, provider == .eventbrite, size == options.sizes.max() {
                        kept?.temp.remove()
                        kept = Kept(rig: rig, temp: temp, engine: engine, event: event)
                    } else {
                        await engine.shutdown()
                        temp.remove()
                    }
                    if !options.skipReference {
                        let refMs = try await referenceOnce(rig, provider, eventId: event.externalId, expected: r.attendees)
                        reference.add(refMs)
                        ratio.add(refMs / r.wallMs)
                    }
                    if run == 0 {
                        report.note("\(label): \(r.attendees) rows, \(r.requests.page + r.requests.other) requests per import")
                    }
                }
                if options.referenceAutocommit, size == options.sizes.min() {
                    let ms = try await referenceOnce(rig, provider, eventId: externalId, expected: 1,
                                                     transactionPerPage: false)
                    report.add(Figure("reference script \(label), autocommit per row", unit: "ms", Samples([ms]),
                                      note: "the naive variant: every INSERT its own transaction"))
                }
                // SPEC §9: 100 000 in ≤ 2.5 s (Eventbrite), ≤ 3 s (Luma).
                let goal: Goal = size >= 100_000 ? .atMost(provider == .eventbrite ? 2500 : 3000) : .info
                report.add(Figure("import \(label), loopback, end to end", unit: "ms", ours, goal: goal,
                                  note: "SyncEngine.startImport+waitForImport into a fresh SQLiteStore"))
                report.add(Figure("import \(label), process CPU (incl. in-process simulator)", unit: "ms", cpu))
                if !reference.isEmpty {
                    report.add(Figure("reference script \(label)", unit: "ms", reference,
                                      note: "sequential URLSession, JSONSerialization, 1 prepared INSERT/row, 1 txn/page"))
                    report.add(Figure("speed-up vs reference, \(label)", unit: "×", ratio,
                                      goal: size >= 100_000 ? .atLeast(2) : .info,
                                      note: "reference ms ÷ ours ms, per paired run"))
                }
            }
            if kept?.rig !== rig { rig.stop() }
        }
        return kept
    }

    /// The reference script on its own thread (it blocks on URLSession like a script would).
    static func referenceOnce(_ rig: SimulatorRig, _ provider: Provider, eventId: String, expected: Int,
                              transactionPerPage: Bool = true) async throws -> Double {
        let temp = NSTemporaryDirectory() + "badge-bench-ref-" + UUID().uuidString + ".sqlite"
        defer {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp + suffix) }
        }
        let reference = try ReferenceImport(provider: provider, baseURL: rig.baseURL(provider),
                                            credential: rig.credential(provider), eventId: eventId, dbPath: temp,
                                            transactionPerPage: transactionPerPage)
        let box = UncheckedBox(reference)
        let ms: Double = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let t0 = ProcessClock.now()
                do {
                    try box.value.run()
                    continuation.resume(returning: (ProcessClock.now() - t0) * 1000)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        guard reference.rows >= expected else {
            throw BenchError.failed("reference \(provider.rawValue) import wrote \(reference.rows) rows, expected \(expected)")
        }
        return ms
    }

    /// Ours with `latencyMs` added to every response vs the network floor.
    static func latency(_ options: BenchOptions, report: inout Report) async throws {
        guard options.baseURL == nil else { return }
        let rig = try SimulatorRig(attendees: options.latencySize, latencyMs: options.latencyMs)
        defer { rig.stop() }
        for provider in [Provider.eventbrite, .luma] {
            var wall = Samples(), floor = Samples(), ratio = Samples()
            var how = ""
            for _ in 0..<options.runs {
                let temp = try TempStore()
                defer { temp.remove() }
                let (r, engine, _) = try await ImportDriver.importOnce(rig, provider, into: temp.store)
                await engine.shutdown()
                // Requests with page=N (N ≥ 2) are the ones the Eventbrite client fetches 4 at a time; every
                // other request (event, first page, continuation pages, Luma cursors, the final
                // change sweep) waits for the one before it.
                let concurrency = provider == .eventbrite ? 4 : 1
                let sequential = r.requests.other
                let parallelRounds = (r.requests.page + concurrency - 1) / concurrency
                let floorMs = Double(sequential + parallelRounds) * Double(options.latencyMs)
                how = "\(sequential) sequential + ⌈\(r.requests.page)/\(concurrency)⌉ concurrent requests × \(options.latencyMs) ms"
                wall.add(r.wallMs)
                floor.add(floorMs)
                ratio.add(r.wallMs / floorMs)
            }
            let label = "\(provider == .eventbrite ? "Eventbrite" : "Luma") \(options.latencySize.formatted())"
            report.add(Figure("import \(label), \(options.latencyMs) ms latency", unit: "ms", wall))
            report.add(Figure("network floor \(label)", unit: "ms", floor, note: how))
            report.add(Figure("import ÷ network floor, \(label)", unit: "×", ratio, goal: .atMost(1.3)))
        }
    }
}

/// Hands a non-Sendable value to the one thread that uses it.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
