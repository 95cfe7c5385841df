import BadgeCore
import Foundation

/// Print jobs and print stations on SQLite (issue #16). Every write is one `BEGIN IMMEDIATE`
/// transaction, so two processes claiming from one queue take turns and each job goes to one.
extension SQLiteStore {
    static let printJobColumns = """
        id, event_id, attendee_id, status, station, printer, desk, operator, template_name, output, attempts, \
        reason, reprint_of, claimed_by, op_id, created_at, updated_at
        """

    static func decodePrintJob(_ s: Statement) -> PrintJob {
        PrintJob(id: s.int64(0), eventId: s.int64(1), attendeeId: s.int64(2),
                 status: PrintJobStatus(rawValue: s.text(3)) ?? .failed, station: s.text(4), printer: s.text(5),
                 desk: s.text(6), operatorName: s.text(7), templateName: s.optionalText(8), output: s.optionalText(9),
                 attempts: s.int(10), reason: s.optionalText(11), reprintOf: s.optionalInt64(12),
                 claimedBy: s.optionalText(13), opId: s.text(14), createdAt: s.date(15) ?? Date(timeIntervalSince1970: 0),
                 updatedAt: s.date(16) ?? Date(timeIntervalSince1970: 0))
    }

    private static func job(_ db: Database, id: Int64) throws -> PrintJob? {
        let s = try db.cached("SELECT \(printJobColumns) FROM print_jobs WHERE id = ?1")
        try s.bind(1, id)
        return try s.firstRow(decodePrintJob)
    }

    private static func insertJob(_ db: Database, _ job: PrintJob) throws -> PrintJob {
        let s = try db.cached("""
            INSERT INTO print_jobs (event_id, attendee_id, status, station, printer, desk, operator, template_name,
                output, attempts, reason, reprint_of, claimed_by, op_id, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (op_id) DO NOTHING
            RETURNING id
            """)
        let values: [SQLValue] = [
            .integer(job.eventId), .integer(job.attendeeId), .text(job.status.rawValue), .text(job.station),
            .text(job.printer), .text(job.desk), .text(job.operatorName), job.templateName.map(SQLValue.text) ?? .null,
            job.output.map(SQLValue.text) ?? .null, .integer(Int64(job.attempts)), job.reason.map(SQLValue.text) ?? .null,
            job.reprintOf.map(SQLValue.integer) ?? .null, job.claimedBy.map(SQLValue.text) ?? .null, .text(job.opId),
            .integer(DateCoding.milliseconds(job.createdAt)), .integer(DateCoding.milliseconds(job.updatedAt)),
        ]
        try s.bindAll(values)
        if let id = try s.firstRow({ $0.int64(0) }) {
            return try Self.job(db, id: id) ?? job
        }
        let existing = try db.cached("SELECT \(printJobColumns) FROM print_jobs WHERE op_id = ?1")
        try existing.bind(1, job.opId)
        guard let found = try existing.firstRow(decodePrintJob) else { throw StorageError.notFound("print job \(job.opId)") }
        return found
    }

    @discardableResult
    public func enqueuePrintJob(_ job: PrintJob) throws -> PrintJob {
        try write { db in
            let attendee = try db.cached("SELECT event_id FROM attendees WHERE id = ?1")
            try attendee.bind(1, job.attendeeId)
            guard try attendee.firstRow({ $0.int64(0) }) == job.eventId else {
                throw StorageError.notFound("attendee \(job.attendeeId) of event \(job.eventId)")
            }
            return try Self.insertJob(db, job)
        }
    }

    public func claimPrintJob(station: String, worker: String, printer: String, jobId: Int64?, at: Date) throws -> PrintJob? {
        try write { db in
            let mine = try db.cached("""
                SELECT \(Self.printJobColumns) FROM print_jobs WHERE claimed_by = ?1 AND status = 'SENT' AND station = ?2
                ORDER BY id LIMIT 1
                """)
            try mine.bind(1, worker)
            try mine.bind(2, station)
            if let held = try mine.firstRow(Self.decodePrintJob) { return held }
            let next = try db.cached("""
                SELECT id FROM print_jobs WHERE station = ?1 AND status = 'QUEUED' AND (?2 IS NULL OR id = ?2)
                ORDER BY id LIMIT 1
                """)
            try next.bind(1, station)
            try next.bind(2, jobId)
            guard let id = try next.firstRow({ $0.int64(0) }) else { return nil }
            try db.run("""
                UPDATE print_jobs SET status = 'SENT', attempts = attempts + 1, claimed_by = ?2, printer = ?3,
                    reason = NULL, updated_at = ?4
                WHERE id = ?1
                """, [.integer(id), .text(worker), .text(printer), .integer(DateCoding.milliseconds(at))])
            return try Self.job(db, id: id)
        }
    }

    @discardableResult
    public func finishPrintJob(id: Int64, worker: String, result: PrintJobResult, at: Date) throws -> PrintJob {
        try write { db in
            guard let job = try Self.job(db, id: id), job.status == .sent, job.claimedBy == worker else {
                throw StorageError.invalid("print job \(id) is no longer held by this worker")
            }
            try Self.close(db, job, result: result, at: at)
            return try Self.job(db, id: id) ?? job
        }
    }

    /// Writes the job's end; a `done` adds the print to the log (print count, audit) with it.
    private static func close(_ db: Database, _ job: PrintJob, result: PrintJobResult, at: Date,
                              note: String? = nil) throws {
        let ms = Int64(DateCoding.milliseconds(at))
        switch result {
        case let .done(templateName, output):
            try db.run("""
                UPDATE print_jobs SET status = 'DONE', template_name = ?2, output = ?3, reason = ?4, updated_at = ?5
                WHERE id = ?1
                """, [.integer(job.id), .text(templateName), .text(output), note.map(SQLValue.text) ?? .null, .integer(ms)])
            try db.run("UPDATE attendees SET print_count = print_count + 1 WHERE id = ?1", [.integer(job.attendeeId)])
            try db.run("INSERT INTO prints (attendee_id, at, template_name, output, operator) VALUES (?1, ?2, ?3, ?4, ?5)",
                       [.integer(job.attendeeId), .integer(ms), .text(templateName), .text(output), .text(job.operatorName)])
            try insertAudit(db, operatorName: job.operatorName, action: "PRINT",
                            detail: "attendee \(job.attendeeId) template \(templateName) job \(job.id)", at: at)
        case let .failed(reason):
            try db.run("UPDATE print_jobs SET status = 'FAILED', reason = ?2, updated_at = ?3 WHERE id = ?1",
                       [.integer(job.id), .text(reason), .integer(ms)])
        }
    }

    @discardableResult
    public func retryPrintJob(id: Int64, operatorName: String, at: Date) throws -> PrintJob {
        try write { db in
            guard let job = try Self.job(db, id: id) else { throw StorageError.notFound("print job \(id)") }
            let live = try Self.liveSessions(db, station: job.station, now: at)
            let ms = Int64(DateCoding.milliseconds(at))
            switch PrintJobRetry.decide(job, liveSessions: live, now: at) {
            case .refused(let why):
                throw StorageError.invalid(why)
            case .requeue:
                try db.run("""
                    UPDATE print_jobs SET status = 'QUEUED', claimed_by = NULL, updated_at = ?2 WHERE id = ?1
                    """, [.integer(id), .integer(ms)])
                try Self.insertAudit(db, operatorName: operatorName, action: "PRINT_RETRY", detail: "job \(id)", at: at)
                return try Self.job(db, id: id) ?? job
            case .reprint:
                var again = PrintJob(eventId: job.eventId, attendeeId: job.attendeeId, station: job.station,
                                     desk: job.desk, operatorName: operatorName, reprintOf: job.id, createdAt: at)
                if job.station.isEmpty {
                    // A desk's own job: it goes back to that desk's printer through a queue of its own.
                    again.station = ""
                    again.printer = job.printer
                }
                let saved = try Self.insertJob(db, again)
                try Self.close(db, job, result: .done(templateName: job.templateName ?? "", output: job.printer),
                               at: at, note: PrintJobRetry.unknownOutcomeNote(reprintJob: saved.id))
                try Self.insertAudit(db, operatorName: operatorName, action: "PRINT_REPRINT",
                                detail: "job \(id) of unknown outcome reprinted as job \(saved.id)", at: at)
                return saved
            }
        }
    }

    public func printJob(id: Int64) throws -> PrintJob? {
        try locked { db in try Self.job(db, id: id) }
    }

    public func printJobs(eventId: Int64?, limit: Int) throws -> [PrintJob] {
        try locked { db in
            let s = try db.cached("""
                SELECT \(Self.printJobColumns) FROM print_jobs WHERE ?1 IS NULL OR event_id = ?1 ORDER BY id DESC LIMIT ?2
                """)
            try s.bind(1, eventId)
            try s.bind(2, Int64(limit))
            var result: [PrintJob] = []
            try s.forEachRow { result.append(Self.decodePrintJob($0)) }
            return result
        }
    }

    public func recordPrintStationBeat(_ beat: PrintStationBeat) throws {
        try write(durable: false) { db in
            try db.run("""
                INSERT INTO print_stations (session, name, printer, started_at, last_seen, last_error, last_error_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?6 IS NULL THEN NULL ELSE ?5 END)
                ON CONFLICT (session) DO UPDATE SET printer = excluded.printer, last_seen = excluded.last_seen,
                    last_error = coalesce(excluded.last_error, last_error),
                    last_error_at = coalesce(excluded.last_error_at, last_error_at)
                """, [.text(beat.session), .text(beat.name), .text(beat.printer),
                      .integer(DateCoding.milliseconds(beat.startedAt)), .integer(DateCoding.milliseconds(beat.at)),
                      beat.error.map(SQLValue.text) ?? .null])
            // Sessions silent for a day are history.
            try db.run("DELETE FROM print_stations WHERE last_seen < ?1",
                       [.integer(DateCoding.milliseconds(beat.at.addingTimeInterval(-86_400)))])
        }
    }

    private static func liveSessions(_ db: Database, station: String, now: Date) throws -> Set<String> {
        let s = try db.cached("SELECT session FROM print_stations WHERE name = ?1 AND last_seen >= ?2")
        try s.bind(1, station)
        try s.bind(2, now.addingTimeInterval(-PrintStationHealth.onlineWindow))
        var result: Set<String> = []
        try s.forEachRow { result.insert($0.text(0)) }
        return result
    }

    public func printStations(now: Date) throws -> [PrintStationHealth] {
        try locked { db in
            var beats: [PrintStationBeatRow] = []
            let s = try db.cached("""
                SELECT session, name, printer, last_seen, last_error, last_error_at FROM print_stations ORDER BY last_seen
                """)
            try s.forEachRow {
                beats.append(PrintStationBeatRow(session: $0.text(0), name: $0.text(1), printer: $0.text(2),
                                                 lastSeen: $0.date(3) ?? Date(timeIntervalSince1970: 0),
                                                 lastError: $0.optionalText(4), lastErrorAt: $0.date(5)))
            }
            var counts: [String: [PrintJobStatus: Int]] = [:]
            let c = try db.cached("""
                SELECT station, status, count(*) FROM print_jobs
                WHERE station <> '' AND status IN ('QUEUED', 'SENT', 'FAILED') GROUP BY station, status
                """)
            try c.forEachRow { row in
                if let status = PrintJobStatus(rawValue: row.text(1)) { counts[row.text(0), default: [:]][status] = row.int(2) }
            }
            return PrintStationBeatRow.health(beats: beats, counts: counts, now: now)
        }
    }
}
