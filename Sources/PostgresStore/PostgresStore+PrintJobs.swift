import BadgeCore
import Foundation
import Storage

/// Print jobs and print stations on the shared store (issue #16). Stations of one name on
/// several machines claim with `FOR UPDATE SKIP LOCKED`: each job goes to one of them and none
/// waits on another's claim. Every body may run twice (a reconnect after a lost reply), so each
/// write first looks for its own earlier effect.
extension PostgresStore {
    static let printJobColumns = """
        id, event_id, attendee_id, status, station, printer, desk, operator, template_name, output, attempts, \
        reason, reprint_of, claimed_by, op_id, created_at, updated_at
        """

    static func decodePrintJob(_ r: PGResult, _ i: Int) -> PrintJob {
        PrintJob(id: r.int64(i, 0), eventId: r.int64(i, 1), attendeeId: r.int64(i, 2),
                 status: PrintJobStatus(rawValue: r.text(i, 3)) ?? .failed, station: r.text(i, 4), printer: r.text(i, 5),
                 desk: r.text(i, 6), operatorName: r.text(i, 7), templateName: r.optionalText(i, 8),
                 output: r.optionalText(i, 9), attempts: r.int(i, 10), reason: r.optionalText(i, 11),
                 reprintOf: r.optionalInt64(i, 12), claimedBy: r.optionalText(i, 13), opId: r.text(i, 14),
                 createdAt: r.date(i, 15) ?? Date(timeIntervalSince1970: 0),
                 updatedAt: r.date(i, 16) ?? Date(timeIntervalSince1970: 0))
    }

    private static func job(_ c: PGConnection, id: Int64, lock: Bool = false) throws -> PrintJob? {
        let r = try c.query("SELECT \(printJobColumns) FROM print_jobs WHERE id = $1" + (lock ? " FOR UPDATE" : ""),
                            [.integer(id)])
        return r.count > 0 ? decodePrintJob(r, 0) : nil
    }

    private static func insertJob(_ c: PGConnection, _ job: PrintJob) throws -> PrintJob {
        _ = try c.query("""
            INSERT INTO print_jobs (event_id, attendee_id, status, station, printer, desk, operator, template_name,
                output, attempts, reason, reprint_of, claimed_by, op_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (op_id) DO NOTHING
            """, [
                .integer(job.eventId), .integer(job.attendeeId), .text(job.status.rawValue), .text(job.station),
                .text(job.printer), .text(job.desk), .text(job.operatorName), job.templateName.map(SQLValue.text) ?? .null,
                job.output.map(SQLValue.text) ?? .null, .integer(Int64(job.attempts)),
                job.reason.map(SQLValue.text) ?? .null, job.reprintOf.map(SQLValue.integer) ?? .null,
                job.claimedBy.map(SQLValue.text) ?? .null, .text(job.opId),
                .integer(DateCoding.milliseconds(job.createdAt)), .integer(DateCoding.milliseconds(job.updatedAt)),
            ])
        let r = try c.query("SELECT \(printJobColumns) FROM print_jobs WHERE op_id = $1", [.text(job.opId)])
        guard r.count > 0 else { throw StorageError.notFound("print job \(job.opId)") }
        return decodePrintJob(r, 0)
    }

    @discardableResult
    public func enqueuePrintJob(_ job: PrintJob) throws -> PrintJob {
        try write { c in
            let a = try c.query("SELECT event_id FROM attendees WHERE id = $1", [.integer(job.attendeeId)])
            guard a.count > 0, a.int64(0, 0) == job.eventId else {
                throw StorageError.notFound("attendee \(job.attendeeId) of event \(job.eventId)")
            }
            return try Self.insertJob(c, job)
        }
    }

    public func claimPrintJob(station: String, worker: String, printer: String, jobId: Int64?, at: Date) throws -> PrintJob? {
        try write { c in
            let mine = try c.query("""
                SELECT \(Self.printJobColumns) FROM print_jobs WHERE claimed_by = $1 AND status = 'SENT' AND station = $2
                ORDER BY id LIMIT 1
                """, [.text(worker), .text(station)])
            if mine.count > 0 { return Self.decodePrintJob(mine, 0) }
            let r = try c.query("""
                UPDATE print_jobs SET status = 'SENT', attempts = attempts + 1, claimed_by = $2, printer = $3,
                    reason = NULL, updated_at = $4
                WHERE id = (SELECT id FROM print_jobs WHERE station = $1 AND status = 'QUEUED'
                              AND ($5::bigint IS NULL OR id = $5::bigint)
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.printJobColumns)
                """, [.text(station), .text(worker), .text(printer), .integer(DateCoding.milliseconds(at)),
                      jobId.map(SQLValue.integer) ?? .null])
            return r.count > 0 ? Self.decodePrintJob(r, 0) : nil
        }
    }

    @discardableResult
    public func finishPrintJob(id: Int64, worker: String, result: PrintJobResult, at: Date) throws -> PrintJob {
        try write { c in
            guard let job = try Self.job(c, id: id, lock: true), job.claimedBy == worker else {
                throw StorageError.invalid("print job \(id) is no longer held by this worker")
            }
            switch (job.status, result) {
            case (.sent, _):
                try close(c, job, result: result, at: at)
                return try Self.job(c, id: id) ?? job
            case (.done, .done), (.failed, .failed):
                return job  // this call's own commit, whose reply was lost
            default:
                throw StorageError.invalid("print job \(id) is no longer held by this worker")
            }
        }
    }

    /// Writes the job's end; a `done` adds the print to the log (print count, audit) with it. The
    /// print's operation id is the job's, so a re-run body never counts it twice.
    private func close(_ c: PGConnection, _ job: PrintJob, result: PrintJobResult, at: Date, note: String? = nil) throws {
        let ms = Int64(DateCoding.milliseconds(at))
        switch result {
        case let .done(templateName, output):
            try c.query("""
                UPDATE print_jobs SET status = 'DONE', template_name = $2, output = $3, reason = $4, updated_at = $5
                WHERE id = $1
                """, [.integer(job.id), .text(templateName), .text(output), note.map(SQLValue.text) ?? .null, .integer(ms)])
            let op = "print-job:\(job.id)"
            let done = try c.query("SELECT 1 FROM prints WHERE op_id = $1", [.text(op)])
            guard done.count == 0 else { return }
            try c.query("UPDATE attendees SET print_count = print_count + 1 WHERE id = $1", [.integer(job.attendeeId)])
            try c.query("""
                INSERT INTO prints (attendee_id, at, template_name, output, operator, desk, op_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [.integer(job.attendeeId), .integer(ms), .text(templateName), .text(output), .text(job.operatorName),
                      .text(job.desk), .text(op)])
            try insertAudit(c, operatorName: job.operatorName, action: "PRINT",
                            detail: "attendee \(job.attendeeId) template \(templateName) job \(job.id)", at: at, op: op)
        case let .failed(reason):
            try c.query("UPDATE print_jobs SET status = 'FAILED', reason = $2, updated_at = $3 WHERE id = $1",
                        [.integer(job.id), .text(reason), .integer(ms)])
        }
    }

    @discardableResult
    public func retryPrintJob(id: Int64, operatorName: String, at: Date) throws -> PrintJob {
        let op = Self.operationID()
        return try write { c in
            guard let job = try Self.job(c, id: id, lock: true) else { throw StorageError.notFound("print job \(id)") }
            // A re-run after a lost reply finds its own reprint (or its own requeue) done already.
            let again = try c.query("SELECT \(Self.printJobColumns) FROM print_jobs WHERE op_id = $1", [.text(op)])
            if again.count > 0 { return Self.decodePrintJob(again, 0) }
            let mark = try c.query("SELECT 1 FROM audit_log WHERE op_id = $1", [.text(op)])
            if mark.count > 0 { return job }
            let live = try Self.liveSessions(c, station: job.station, now: at)
            switch PrintJobRetry.decide(job, liveSessions: live, now: at) {
            case .refused(let why):
                throw StorageError.invalid(why)
            case .requeue:
                try c.query("UPDATE print_jobs SET status = 'QUEUED', claimed_by = NULL, updated_at = $2 WHERE id = $1",
                            [.integer(id), .integer(DateCoding.milliseconds(at))])
                try insertAudit(c, operatorName: operatorName, action: "PRINT_RETRY", detail: "job \(id)", at: at, op: op)
                return try Self.job(c, id: id) ?? job
            case .reprint:
                var reprint = PrintJob(eventId: job.eventId, attendeeId: job.attendeeId, station: job.station,
                                       desk: job.desk, operatorName: operatorName, reprintOf: job.id, opId: op, createdAt: at)
                if job.station.isEmpty { reprint.printer = job.printer }
                let saved = try Self.insertJob(c, reprint)
                try close(c, job, result: .done(templateName: job.templateName ?? "", output: job.printer), at: at,
                          note: PrintJobRetry.unknownOutcomeNote(reprintJob: saved.id))
                try insertAudit(c, operatorName: operatorName, action: "PRINT_REPRINT",
                                detail: "job \(id) of unknown outcome reprinted as job \(saved.id)", at: at,
                                op: op + ":reprint")
                return saved
            }
        }
    }

    public func printJob(id: Int64) throws -> PrintJob? {
        try read { c in try Self.job(c, id: id) }
    }

    public func printJobs(eventId: Int64?, limit: Int) throws -> [PrintJob] {
        try read { c in
            let r: PGResult
            if let eventId {
                r = try c.query("SELECT \(Self.printJobColumns) FROM print_jobs WHERE event_id = $1 ORDER BY id DESC LIMIT $2",
                                [.integer(eventId), .integer(Int64(limit))])
            } else {
                r = try c.query("SELECT \(Self.printJobColumns) FROM print_jobs ORDER BY id DESC LIMIT $1",
                                [.integer(Int64(limit))])
            }
            return (0..<r.count).map { Self.decodePrintJob(r, $0) }
        }
    }

    public func recordPrintStationBeat(_ beat: PrintStationBeat) throws {
        try write { c in
            try c.query("""
                INSERT INTO print_stations (session, name, printer, started_at, last_seen, last_error, last_error_at)
                VALUES ($1, $2, $3, $4, $5, $6::text, CASE WHEN $6::text IS NULL THEN NULL ELSE $5::bigint END)
                ON CONFLICT (session) DO UPDATE SET printer = excluded.printer, last_seen = excluded.last_seen,
                    last_error = coalesce(excluded.last_error, print_stations.last_error),
                    last_error_at = coalesce(excluded.last_error_at, print_stations.last_error_at)
                """, [.text(beat.session), .text(beat.name), .text(beat.printer),
                      .integer(DateCoding.milliseconds(beat.startedAt)), .integer(DateCoding.milliseconds(beat.at)),
                      beat.error.map(SQLValue.text) ?? .null])
            try c.query("DELETE FROM print_stations WHERE last_seen < $1",
                        [.integer(DateCoding.milliseconds(beat.at.addingTimeInterval(-86_400)))])
        }
    }

    private static func liveSessions(_ c: PGConnection, station: String, now: Date) throws -> Set<String> {
        let r = try c.query("SELECT session FROM print_stations WHERE name = $1 AND last_seen >= $2",
                            [.text(station), .integer(DateCoding.milliseconds(now.addingTimeInterval(-PrintStationHealth.onlineWindow)))])
        return Set((0..<r.count).map { r.text($0, 0) })
    }

    public func printStations(now: Date) throws -> [PrintStationHealth] {
        try read { c in
            let b = try c.query("""
                SELECT session, name, printer, last_seen, last_error, last_error_at FROM print_stations ORDER BY last_seen
                """)
            let beats = (0..<b.count).map {
                PrintStationBeatRow(session: b.text($0, 0), name: b.text($0, 1), printer: b.text($0, 2),
                                    lastSeen: b.date($0, 3) ?? Date(timeIntervalSince1970: 0),
                                    lastError: b.optionalText($0, 4), lastErrorAt: b.date($0, 5))
            }
            let q = try c.query("""
                SELECT station, status, count(*) FROM print_jobs
                WHERE station <> '' AND status IN ('QUEUED', 'SENT', 'FAILED') GROUP BY station, status
                """)
            var counts: [String: [PrintJobStatus: Int]] = [:]
            for i in 0..<q.count {
                if let status = PrintJobStatus(rawValue: q.text(i, 1)) { counts[q.text(i, 0), default: [:]][status] = q.int(i, 2) }
            }
            return PrintStationBeatRow.health(beats: beats, counts: counts, now: now)
        }
    }
}
