import BadgeCore
import Foundation
import Providers
import Storage
import Sync

/// Where an import's time goes: the client's fetch + decode alone (pages kept in memory, no
/// store) and the store's merge alone (the same pages, prepared as the scan prepares them,
/// merged into a fresh store with group commit as the import's writer thread does). Not
/// targets: they say which side to work on when the end-to-end figure misses — the merge alone
/// is the floor of an import's wall time and of its CPU.
enum StageBench {
    static func run(_ options: BenchOptions, report: inout Report) async throws {
        guard options.baseURL == nil else { return }
        let size = options.sizes.max() ?? 10_000
        let rig = try SimulatorRig(attendees: size)
        defer { rig.stop() }
        for provider in [Provider.eventbrite, .luma] where options.providers.contains(provider.rawValue) {
            let label = "\(provider == .eventbrite ? "Eventbrite" : "Luma") \(size.formatted())"
            var fetch = Samples(), fetchCPU = Samples(), merge = Samples(), mergeCPU = Samples(), again = Samples()
            for _ in 0..<options.runs(for: size) {
                let client = try DefaultClientFactory.make(transport: URLSessionTransport(), eventbriteLimit: .unlimited,
                                                           lumaLimit: .unlimited)(rig.integration(provider))
                let externalId = rig.simulator!.eventIds(for: provider).first!
                let pages = PageBox()
                let cpu0 = ProcessClock.processCPU(), t0 = ProcessClock.now()
                try await client.fullScan(eventExternalId: externalId, resumeCursor: nil) { pages.append($0) }
                fetch.add((ProcessClock.now() - t0) * 1000)
                fetchCPU.add((ProcessClock.processCPU() - cpu0) * 1000)

                let temp = try TempStore()
                defer { temp.remove() }
                let event = try temp.store.createEvent(Event(provider: provider, externalId: externalId, name: "stage",
                                                             syncStatus: .pending, accessCode: "BENCH1"))
                let now = Date()
                // What the import's writer thread gets: each page with its checkpoint and its new
                // rows prepared (on the scan's side, not timed here), merged 8 pages a call with
                // the import's group commit — the writer alone, the floor of an import's wall time.
                let writes: [PageWrite] = pages.all.enumerated().map { n, page in
                    let cp = ImportCheckpoint(eventId: event.id, cursor: page.nextCursor, pagesDone: n + 1,
                                              attendeesSoFar: 0, pagesTotal: nil, startedAt: now, updatedAt: now)
                    var write = PageWrite(attendees: page.attendees, checkpoint: cp)
                    write.prepareNewRows(eventId: event.id)
                    return write
                }
                func mergeAll() throws {
                    var next = 0
                    while next < writes.count {
                        let batch = Array(writes[next..<min(writes.count, next + 8)])
                        _ = try temp.store.mergePages(eventId: event.id, pages: batch, groupCommit: .standard, now: now)
                        next += batch.count
                    }
                }
                let cpu1 = ProcessClock.processCPU(), t1 = ProcessClock.now()
                try mergeAll()
                merge.add((ProcessClock.now() - t1) * 1000)
                mergeCPU.add((ProcessClock.processCPU() - cpu1) * 1000)
                // The same pages again: every row unchanged, so no row is written: what a commit
                // costs besides the pages it dirties (lookups, the checkpoint row, BEGIN/COMMIT).
                let t2 = ProcessClock.now()
                try mergeAll()
                again.add((ProcessClock.now() - t2) * 1000)
            }
            report.add(Figure("stage: fetch + decode only, \(label)", unit: "ms", fetch,
                              note: "client.fullScan into memory, no store (incl. the in-process simulator)"))
            report.add(Figure("stage: fetch + decode only, process CPU, \(label)", unit: "ms", fetchCPU))
            report.add(Figure("stage: merge only, \(label)", unit: "ms", merge,
                              note: "the import's writer alone: prepared pages through store.mergePages, group commit"))
            report.add(Figure("stage: merge only, process CPU, \(label)", unit: "ms", mergeCPU))
            report.add(Figure("stage: merge the same pages again, \(label)", unit: "ms", again,
                              note: "every row unchanged: the per-commit cost without row writes"))
        }
    }
}

/// The pages a scan delivered, collected from its `@Sendable` callback.
final class PageBox: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [AttendeePage] = []
    func append(_ page: AttendeePage) { lock.withLock { pages.append(page) } }
    var all: [AttendeePage] { lock.withLock { pages } }
}
