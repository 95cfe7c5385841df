import BadgeCore
import Dispatch
import Foundation
import Printers
import ScreenKit
import Storage

/// The print queue on the command line (issue #16, SPEC §12): `badge print-station`, `badge
/// print-jobs [EVENT]`, `badge print-jobs retry ID`, `badge print-stations`.
enum PrintQueueCommands {
    /// `badge print-station NAME --printer ADDRESS [--for SECONDS]`: headless; one line per job.
    /// Ctrl-C (or SIGTERM) lets the job in hand finish, then stops; a second one stops at once.
    static func station(_ ctx: CommandContext) throws {
        let name = try DeskPrinting.stationName(ctx.parsed.argument("NAME") ?? "", ctx)
        guard let text = try ctx.parsed.option("printer") ?? ctx.config().printer else {
            throw ctx.usage("give --printer ADDRESS (zpl://HOST, brother-ql://HOST?model=…&label=…, file:…, cups:…, pdf:DIR)")
        }
        let address = try DeskPrinting.address(text, ctx)
        let duration = ctx.parsed.double("for")
        if let duration, duration <= 0 { throw ctx.usage("--for must be positive") }
        let store = try ctx.store()
        try ctx.authorize(.printBadge)
        let log = ctx.log
        let worker = DeskPrinting.makeWorker(ctx, store: store, address: address, file: nil, prefix: "station")
        let station = PrintStation(name: name, worker: worker,
                                   log: { line in
                                       let clean = Sanitizer.sanitize(line, maxWidth: 400)
                                       FileHandle.standardOutput.write(Data("\(ISO8601.format(Date())) \(clean)\n".utf8))
                                       log.log(.info, "print-station: \(clean)")
                                   })
        let stops = StopSignals { station.stop() }
        defer { stops.cancel() }
        let deadline = duration.map { Date().addingTimeInterval($0) }
        try station.run(until: { deadline.map { Date() >= $0 } ?? false })
    }

    /// `badge print-jobs [EVENT] [--limit N] [--json]`: newest first.
    static func list(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let eventId = try ctx.parsed.argument("EVENT").map { try Resolver.event($0, in: store).id }
        let limit = ctx.parsed.int("limit") ?? 50
        let jobs = try store.printJobs(eventId: eventId, limit: limit)
        let stations = try store.printStations(now: Date())
        let now = Date()
        func unknown(_ job: PrintJob) -> Bool {
            job.outcomeUnknown(liveSessions: stations.first { $0.name == job.station }?.liveSessions ?? [], now: now)
        }
        if ctx.wantsJSON {
            ctx.out.json(.array(jobs.map { JSONOutput.printJob($0, outcomeUnknown: unknown($0)) }))
            return
        }
        if jobs.isEmpty {
            ctx.out.line("No print jobs.")
            return
        }
        var names: [Int64: String] = [:]
        for job in jobs where names[job.attendeeId] == nil {
            names[job.attendeeId] = (try? store.attendee(id: job.attendeeId))?.badgeName ?? "#\(job.attendeeId)"
        }
        var table = TextTable(["JOB", "STATUS", "ATTENDEE", "STATION", "DESK", "TRIES", "DETAIL"])
        table.maxColumnWidth = 70
        for job in jobs {
            let status = unknown(job) ? "sent?" : job.status.word
            let detail = unknown(job) ? "outcome unknown: retry reprints it (counted)" : (job.reason ?? job.output ?? "")
            table.add([String(job.id), status, Sanitizer.sanitize(names[job.attendeeId] ?? "", maxWidth: 30),
                       Sanitizer.sanitize(job.station.isEmpty ? "(desk)" : job.station, maxWidth: 20),
                       Sanitizer.sanitize(job.desk, maxWidth: 16), String(job.attempts), detail])
        }
        ctx.out.write(table.render())
    }

    /// `badge print-jobs retry ID`: a failed job is queued again (a desk's own job is re-sent
    /// here, to the printer it was meant for); a job of unknown outcome is reprinted, counted.
    static func retry(_ ctx: CommandContext) throws {
        guard let id = Int64(ctx.parsed.argument("ID") ?? "") else { throw ctx.usage("ID is a print job number") }
        let store = try ctx.store()
        try ctx.authorize(.printBadge)
        guard let before = try store.printJob(id: id) else { throw CLIError.failed("no print job \(id) (see badge print-jobs)") }
        let job: PrintJob
        do {
            job = try store.retryPrintJob(id: id, operatorName: ctx.operatorName, at: Date())
        } catch let error as StorageError {
            throw CLIError.failed(error.description)
        }
        let what = job.id == before.id ? "Job \(id) queued again" : "Job \(id) had an unknown outcome: counted as printed; reprint queued as job \(job.id)"
        guard job.station.isEmpty else {
            ctx.out.line("\(what) for print station \(Sanitizer.sanitize(job.station)).")
            return
        }
        // A desk's own printer: this command is the worker.
        let address = try DeskPrinting.address(job.printer, ctx)
        let worker = DeskPrinting.makeWorker(ctx, store: store, address: address, file: nil)
        guard let outcome = try worker.resend(jobId: job.id) else {
            throw CLIError.failed("job \(job.id) was taken by another desk meanwhile (see badge print-jobs)")
        }
        guard case .delivered(let result, _) = try DeskPrinting.result(outcome) else { return }
        ctx.out.line("\(what); \(result.outcome.summary) (job \(job.id)).")
    }

    /// `badge print-stations [--json]`: every station's health.
    static func stations(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let stations = try store.printStations(now: Date())
        if ctx.wantsJSON {
            ctx.out.json(.array(stations.map(JSONOutput.printStation)))
            return
        }
        if stations.isEmpty {
            ctx.out.line("No print stations yet (start one: badge print-station NAME --printer ADDRESS).")
            return
        }
        let now = Date()
        for s in stations {
            ctx.out.line("\(Sanitizer.sanitize(s.name, maxWidth: 40)): \(Sanitizer.sanitize(s.summary(now: now), maxWidth: 200))"
                         + (s.printer.isEmpty ? "" : " — \(Sanitizer.sanitize(s.printer, maxWidth: 80))"))
        }
    }
}

/// SIGINT/SIGTERM → `stop` once (the job in hand finishes); a second signal exits at once.
final class StopSignals: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var count = 0

    init(_ stop: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let n = self.lock.withLock { () -> Int in
                    self.count += 1
                    return self.count
                }
                if n > 1 { exit(130) }
                stop()
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
