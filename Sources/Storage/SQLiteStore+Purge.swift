import BadgeCore
import Foundation

/// The privacy purge (issue #17, SPEC §13): erase an event's personal data from the database
/// file itself while keeping its statistics.
///
/// Kept, so `stats` reads the same before and after: one row per attendee with ticket, status,
/// provider status, VIP, extra tickets, check-in time and source, print count; the check-in log
/// (staff names and stations, no attendee data); the event itself. Erased: name, first/last
/// name, email, company, job title, barcode, notes, search text, order id and the provider's
/// attendee id (it keys the person at the provider); print outputs; those values wherever an
/// audit detail quotes them; the import checkpoint and sync cursor. With `secure_delete` the freed bytes are
/// zeroed, then the WAL is checkpointed and truncated, the file vacuumed and the WAL truncated
/// again, so no copy stays in free pages or the `-wal` file.
extension SQLiteStore {
    /// The placeholder written over erased audit details and print outputs.
    public static let purgedMarker = "[purged]"

    public func purgePersonalData(eventId: Int64, at now: Date) throws -> PurgeSummary {
        try locked { try $0.execute("PRAGMA secure_delete=ON") }
        defer { _ = try? locked { try $0.execute("PRAGMA secure_delete=OFF") } }
        var summary = try write { db -> PurgeSummary in
            guard try event(db, id: eventId) else { throw StorageError.notFound("event \(eventId)") }
            // Every personal value of the event, to find audit details that quote one. The
            // temporary table lives in memory (temp_store=MEMORY), never in a file.
            try db.execute("CREATE TEMP TABLE IF NOT EXISTS purge_terms (term TEXT PRIMARY KEY)")
            let columns = ["name", "first_name", "last_name", "email", "company", "job_title", "barcode",
                           "notes", "order_id", "provider_attendee_id", "corrected_name", "corrected_company",
                           "corrected_job_title", "corrected_pronouns"]
            let collect = try db.prepare("""
                INSERT OR IGNORE INTO purge_terms (term)
                SELECT t FROM (\(columns.map { "SELECT trim(\($0)) AS t FROM attendees WHERE event_id = ?1" }
                                    .joined(separator: " UNION ALL ")))
                WHERE t IS NOT NULL AND length(t) >= 3
                """)
            try collect.bindAll([.integer(eventId)])
            try collect.run()
            // Each audit detail quoting a value gets that value replaced (longest first), so
            // "CHECK_IN attendee 12 (…) at desk 1" keeps what happened and where.
            var quoted: [Int64: (detail: String, terms: [String])] = [:]
            try db.prepare("""
                SELECT a.id, a.detail, t.term FROM audit_log a JOIN purge_terms t ON instr(a.detail, t.term) > 0
                """).forEachRow { row in
                quoted[row.int64(0), default: (row.text(1), [])].terms.append(row.text(2))
            }
            let redact = try db.prepare("UPDATE audit_log SET detail = ?2 WHERE id = ?1")
            for (id, entry) in quoted {
                var detail = entry.detail
                for term in entry.terms.sorted(by: { $0.count > $1.count }) {
                    detail = detail.replacingOccurrences(of: term, with: Self.purgedMarker)
                }
                redact.clear()
                try redact.bindAll([.integer(id), .text(detail)])
                try redact.run()
            }
            let auditEntries = quoted.count
            try db.execute("DELETE FROM purge_terms")
            try db.run("""
                UPDATE prints SET output = '\(Self.purgedMarker)'
                WHERE attendee_id IN (SELECT id FROM attendees WHERE event_id = ?1) AND output <> '\(Self.purgedMarker)'
                """, [.integer(eventId)])
            let prints = db.changes
            try db.run("""
                UPDATE attendees SET provider_attendee_id = 'purged-' || id, order_id = NULL, name = '',
                    first_name = NULL, last_name = NULL, email = NULL, company = NULL, job_title = NULL,
                    barcode = NULL, notes = NULL, corrected_name = NULL, corrected_company = NULL,
                    corrected_job_title = NULL, corrected_pronouns = NULL, search_text = '', updated_at = ?2
                WHERE event_id = ?1
                """, [.integer(eventId), .integer(DateCoding.milliseconds(now))])
            let attendees = db.changes
            try db.run("DELETE FROM import_checkpoints WHERE event_id = ?1", [.integer(eventId)])
            try db.run("""
                UPDATE events SET purged_at = ?2, sync_cursor = NULL, last_error = NULL, progress_error = NULL
                WHERE id = ?1
                """, [.integer(eventId), .integer(DateCoding.milliseconds(now))])
            return PurgeSummary(attendees: attendees, auditEntries: auditEntries, prints: prints,
                                purgedAt: DateCoding.quantised(now), walTruncated: false)
        }
        searchCache = nil
        summary.walTruncated = try compactAfterPurge()
        return summary
    }

    /// Empties the WAL into the file, rebuilds the file without free pages (VACUUM) and empties
    /// the WAL again. Returns false when another connection kept the WAL from being truncated.
    private func compactAfterPurge() throws -> Bool {
        try locked { db in
            _ = try Self.checkpointTruncate(db)
            try db.execute("VACUUM")
            return try Self.checkpointTruncate(db)
        }
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: true when it completed (not busy). An in-memory or
    /// rollback-journal database has no WAL and reports success.
    private static func checkpointTruncate(_ db: Database) throws -> Bool {
        try db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").firstRow { $0.int(0) == 0 } ?? true
    }

    private func event(_ db: Database, id: Int64) throws -> Bool {
        let s = try db.cached("SELECT 1 FROM events WHERE id = ?1")
        try s.bind(1, id)
        return try s.firstRow { _ in true } ?? false
    }

    /// Refuses provider data for a purged event (a sync would bring the erased data back).
    static func refuseIfPurged(_ db: Database, eventId: Int64) throws {
        let s = try db.cached("SELECT provider, external_id, purged_at FROM events WHERE id = ?1")
        try s.bind(1, eventId)
        if let (qualified, at) = try s.firstRow({ ("\($0.text(0)):\($0.text(1))", $0.date(2)) }), let at {
            throw StorageError.eventPurged(event: qualified, at: at)
        }
    }
}
