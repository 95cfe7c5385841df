import BadgeCore
import Foundation
import Storage

/// The privacy purge on the shared store (SPEC §13): the same rows and values erased as in the
/// SQLite store (`SQLiteStore+Purge`), in one transaction; then the touched tables are rewritten
/// (`VACUUM FULL`), so no dead row version keeps an old value in the table files, and a
/// `CHECKPOINT` is asked for so the write-ahead log can be recycled. The server's WAL archive and
/// base backups, if its administrator keeps any, are outside what a client can erase.
extension PostgresStore {
    public func purgePersonalData(eventId: Int64, at now: Date) throws -> PurgeSummary {
        let marker = "[purged]"
        var summary = try write { c -> PurgeSummary in
            guard try c.query("SELECT 1 FROM events WHERE id = $1", [.integer(eventId)]).count > 0 else {
                throw StorageError.notFound("event \(eventId)")
            }
            let columns = ["name", "first_name", "last_name", "email", "company", "job_title", "barcode",
                           "notes", "order_id", "provider_attendee_id", "corrected_name", "corrected_company",
                           "corrected_job_title", "corrected_pronouns"]
            let terms = try c.query("""
                SELECT DISTINCT t FROM (\(columns.map { "SELECT btrim(\($0)) AS t FROM attendees WHERE event_id = $1" }
                                                .joined(separator: " UNION ALL "))) x
                WHERE t IS NOT NULL AND length(t) >= 3
                """, [.integer(eventId)])
            let termList = (0..<terms.count).map { terms.text($0, 0) as String? }
            var auditEntries = 0
            if !termList.isEmpty {
                let quoted = try c.query("""
                    SELECT a.id, a.detail, t.term FROM audit_log a
                    JOIN unnest($1::text[]) AS t(term) ON strpos(a.detail, t.term) > 0
                    """, [.text(PGArray.literal(termList))])
                var byId: [Int64: (detail: String, terms: [String])] = [:]
                for i in 0..<quoted.count {
                    byId[quoted.int64(i, 0), default: (quoted.text(i, 1), [])].terms.append(quoted.text(i, 2))
                }
                for (id, entry) in byId {
                    var detail = entry.detail
                    for term in entry.terms.sorted(by: { $0.count > $1.count }) {
                        detail = detail.replacingOccurrences(of: term, with: marker)
                    }
                    try c.query("UPDATE audit_log SET detail = $2 WHERE id = $1", [.integer(id), .text(detail)])
                }
                auditEntries = byId.count
            }
            let prints = try c.query("""
                UPDATE prints SET output = $2
                WHERE attendee_id IN (SELECT id FROM attendees WHERE event_id = $1) AND output <> $2
                """, [.integer(eventId), .text(marker)]).changes
            let attendees = try c.query("""
                UPDATE attendees SET provider_attendee_id = 'purged-' || id, order_id = NULL, name = '',
                    first_name = NULL, last_name = NULL, email = NULL, company = NULL, job_title = NULL,
                    barcode = NULL, notes = NULL, corrected_name = NULL, corrected_company = NULL,
                    corrected_job_title = NULL, corrected_pronouns = NULL, search_text = '', updated_at = $2
                WHERE event_id = $1
                """, [.integer(eventId), Self.date(now)]).changes
            try c.query("DELETE FROM import_checkpoints WHERE event_id = $1", [.integer(eventId)])
            try c.query("""
                UPDATE events SET purged_at = $2, sync_cursor = NULL, last_error = NULL, progress_error = NULL
                WHERE id = $1
                """, [.integer(eventId), Self.date(now)])
            return PurgeSummary(attendees: attendees, auditEntries: auditEntries, prints: prints,
                                purgedAt: DateCoding.quantised(now), walTruncated: false)
        }
        searchCache = nil
        summary.walTruncated = (try? read { c -> Bool in
            try c.execute("VACUUM FULL attendees, audit_log, prints, import_checkpoints, events")
            return (try? c.execute("CHECKPOINT")) != nil
        }) ?? false
        return summary
    }
}
