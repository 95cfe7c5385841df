import BadgeCore
import Foundation
import Storage

/// `badge print-station NAME --printer URI` (SPEC §12): prints the jobs desks queue for NAME,
/// headless. It beats every `beatInterval` (desks show it online), wakes when the store says
/// another connection committed (PostgreSQL: LISTEN/NOTIFY; SQLite: `data_version`) or at the
/// latest every `pollInterval`, and claims one job at a time. Several processes of one name
/// share the queue safely (the store's claim). Jobs a previous process left `sent` are reported
/// once at start and never re-sent by themselves.
public final class PrintStation: @unchecked Sendable {
    public let name: String
    public let worker: PrintWorker
    public let log: @Sendable (String) -> Void
    public var beatInterval: TimeInterval = 2
    public var pollInterval: TimeInterval = 1
    private let startedAt = Date()
    private let lock = NSLock()
    private var stopping = false
    /// Jobs of unknown outcome already reported (each is said once).
    private var reported: Set<Int64> = []

    public init(name: String, worker: PrintWorker, log: @escaping @Sendable (String) -> Void) {
        self.name = name
        self.worker = worker
        self.log = log
    }

    public func stop() { lock.withLock { stopping = true } }
    private var isStopping: Bool { lock.withLock { stopping } }

    /// Runs until `stop` (or `until` returns true between jobs).
    public func run(until: @Sendable () -> Bool = { false }) throws {
        let store = worker.store
        let printer = worker.delivery.address.description
        try beat(error: nil)
        log("print station \(name): \(worker.delivery.address.displayName) (\(printer)), worker \(worker.id)")
        reportUnknownOutcomes()
        var lastBeat = Date()
        var lastCounter = (try? store.externalChangeCounter()) ?? 0
        var lastPoll = Date.distantPast
        var lastStoreError: String?
        while !isStopping && !until() {
            let now = Date()
            if now.timeIntervalSince(lastBeat) >= beatInterval {
                try? beat(error: nil)
                lastBeat = now
                // A process of this name that died mid-job shows once its beat is stale.
                reportUnknownOutcomes()
            }
            let counter = (try? store.externalChangeCounter()) ?? lastCounter
            guard counter != lastCounter || now.timeIntervalSince(lastPoll) >= pollInterval else {
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            lastCounter = counter
            lastPoll = now
            // Drain the queue, then wait for the next wake-up.
            while !isStopping, !until() {
                let outcome: PrintWorker.Outcome?
                do {
                    outcome = try worker.runNext(station: name)
                    lastStoreError = nil
                } catch {
                    // Said once per distinct error, not once per poll, while the store is away.
                    let line = "store: \(PrintWorker.describe(error))"
                    if line != lastStoreError { log(line) }
                    lastStoreError = line
                    break
                }
                guard let outcome else { break }
                logLine(outcome)
                if let failure = outcome.failure { try? beat(error: failure) }
                if Date().timeIntervalSince(lastBeat) >= beatInterval {
                    try? beat(error: nil)
                    lastBeat = Date()
                }
            }
        }
        log("print station \(name) stopped")
    }

    private func beat(error: String?) throws {
        try worker.store.recordPrintStationBeat(PrintStationBeat(
            name: name, session: worker.id, printer: worker.delivery.address.description, startedAt: startedAt,
            at: Date(), error: error))
    }

    private func logLine(_ outcome: PrintWorker.Outcome) {
        let job = outcome.job
        let reprint = job.reprintOf.map { " (reprint of job \($0))" } ?? ""
        if let failure = outcome.failure {
            log("job \(job.id) FAILED: attendee \(job.attendeeId) from desk \(Self.clean(job.desk))\(reprint): \(failure)")
        } else {
            let where_ = outcome.delivered.map { Self.clean($0.output) } ?? ""
            let missing = outcome.delivered.map(\.missingGlyphs).flatMap { $0.isEmpty ? nil : $0 }
                .map { " (no font has: \(Self.clean($0.joined(separator: " "))))" } ?? ""
            log("job \(job.id) done: attendee \(job.attendeeId) from desk \(Self.clean(job.desk))\(reprint) → \(where_)\(missing)")
        }
    }

    /// Jobs of this station left `sent` by a process that is gone: said once each, never re-sent.
    private func reportUnknownOutcomes() {
        guard let jobs = try? worker.store.printJobs(eventId: nil, limit: 1_000),
              let health = try? worker.store.printStations(now: Date()).first(where: { $0.name == name })
        else { return }
        for job in jobs where job.station == name && job.outcomeUnknown(liveSessions: health.liveSessions, now: Date())
            && !reported.contains(job.id) {
            reported.insert(job.id)
            log("job \(job.id): outcome unknown (a station stopped while sending it); not re-sent — "
                + "reprint with: badge print-jobs retry \(job.id)")
        }
    }

    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(120).map(Character.init))
    }
}
