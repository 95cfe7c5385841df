import BadgeCore
import Foundation
import Storage

extension PostgresStore {
    /// One page in one transaction and four statements, whatever the page's size: lock the
    /// page's existing rows (`FOR UPDATE`, so a desk's check-in cannot slip between the read and
    /// the write and be overwritten), merge in memory (`AttendeeMerge`, SPEC §2.4), insert the new
    /// rows and update the changed ones from arrays (`unnest`), save the checkpoint. When another
    /// desk inserted one of the new rows first, the page is merged again over its rows.
    public func mergePage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                          now: Date) throws -> [AttendeeMerge.Outcome]
    {
        // The page as it will read back (a NUL becomes U+FFFD, provider ids too), so it merges
        // with the stored rows and a re-applied page is unchanged.
        let attendees = attendees.map(PGAttendeeRow.quantised)
        return try writeAfterUniqueRace { c in
            try Self.refuseIfPurged(c, eventId: eventId)
            var rows: [String: Attendee] = [:]
            rows.reserveCapacity(attendees.count)
            let ids = Array(Set(attendees.map(\.providerAttendeeId)))
            if !ids.isEmpty {
                // One index probe per provider id (the unique key), joined from the page's ids.
                let r = try c.queryOnce("""
                    SELECT \(PGAttendeeRow.columns) FROM unnest($2::text[]) AS u(pid)
                    JOIN attendees a ON a.event_id = $1 AND a.provider_attendee_id = u.pid
                    ORDER BY a.id FOR UPDATE OF a
                    """, [.integer(eventId), .text(PGArray.literal(ids.map { $0 as String? }))])
                for a in PGAttendeeRow.decodeAll(r) { rows[a.providerAttendeeId] = a }
            }
            var merges: [AttendeeMerge.Outcome] = []
            merges.reserveCapacity(attendees.count)
            var inserts: [String: Attendee] = [:]  // by provider id: a duplicate later in the page merges in
            var insertOrder: [String] = []
            var updates: [Int64: Attendee] = [:]
            var updateOrder: [Int64] = []
            for incoming in attendees {
                let local = rows[incoming.providerAttendeeId]
                let (row, change) = AttendeeMerge.merge(incoming, into: local, eventId: eventId)
                if let local, local.id != 0 {
                    if row != local {
                        if updates[local.id] == nil { updateOrder.append(local.id) }
                        updates[local.id] = row
                    }
                } else {
                    if inserts[row.providerAttendeeId] == nil { insertOrder.append(row.providerAttendeeId) }
                    inserts[row.providerAttendeeId] = row
                }
                rows[row.providerAttendeeId] = row
                merges.append((row.providerAttendeeId, change))
            }
            var written: [Attendee] = []
            if !insertOrder.isEmpty {
                let page = insertOrder.compactMap { inserts[$0] }
                let r = try c.query(PGAttendeeRow.insertSQL, PGAttendeeRow.mergedArrays(page, updatedAt: now) + [
                    .integer(eventId),
                    .text(PGArray.literal(page.map { $0.providerAttendeeId as String? })),
                    .text(PGArray.literal(page.map { Int64($0.vip ? 1 : 0) as Int64? })),
                    .text(PGArray.literal(page.map(\.notes))),
                    .text(PGArray.literal(page.map { Int64($0.printCount) as Int64? })),
                ])
                try noteInserted(page.count, c)
                var newIds: [String: Int64] = [:]
                for i in 0..<r.count { newIds[r.text(i, 1)] = r.int64(i, 0) }
                for var row in page {
                    row.id = newIds[row.providerAttendeeId] ?? 0
                    written.append(row)
                }
            }
            if !updateOrder.isEmpty {
                let page = updateOrder.compactMap { updates[$0] }
                try c.query(PGAttendeeRow.updateSQL, PGAttendeeRow.mergedArrays(page, updatedAt: now) + [
                    .text(PGArray.literal(page.map { $0.id as Int64? })),
                ])
                written += page
            }
            for row in written { searchCache?.upsert(row) }
            if let checkpoint { try Self.saveCheckpoint(c, checkpoint) }
            return merges
        }
    }

    /// Provider ids as stored (a NUL as U+FFFD), so an id the provider still returns is seen.
    private static func stored(_ seen: Set<String>) -> Set<String> {
        seen.contains { $0.utf8.contains(0) } ? Set(seen.map(PGConnection.withoutNUL)) : seen
    }

    public func missingCount(eventId: Int64, seen: Set<String>) throws -> (missing: Int, attending: Int) {
        let seen = Self.stored(seen)
        return try read { c in
            let r = try c.query("SELECT provider_attendee_id FROM attendees WHERE event_id = $1 AND status = 'ATTENDING'"
                                + " AND provider_attendee_id NOT LIKE '\(Attendee.walkInPrefix)%'",
                                [.integer(eventId)])
            var missing = 0
            for i in 0..<r.count where !seen.contains(r.text(i, 0)) { missing += 1 }
            return (missing, r.count)
        }
    }

    public func markMissing(eventId: Int64, seen: Set<String>, now: Date) throws -> Int {
        let seen = Self.stored(seen)
        return try write { c in
            try Self.refuseIfPurged(c, eventId: eventId)
            let scan = try c.query("""
                SELECT id, provider_attendee_id FROM attendees
                WHERE event_id = $1 AND (missing_from_provider = 0 OR status <> 'NOT_ATTENDING')
                  AND provider_attendee_id NOT LIKE '\(Attendee.walkInPrefix)%'
                """, [.integer(eventId)])
            var vanished: [Int64?] = []
            for i in 0..<scan.count where !seen.contains(scan.text(i, 1)) { vanished.append(scan.int64(i, 0)) }
            guard !vanished.isEmpty else { return 0 }
            let r = try c.query("""
                SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.id = ANY($1::bigint[]) ORDER BY a.id FOR UPDATE
                """, [.text(PGArray.literal(vanished))])
            var changed = 0
            var page: [Attendee] = []
            for local in PGAttendeeRow.decodeAll(r) {
                let (row, change) = AttendeeMerge.markMissing(local)
                guard row != local else { continue }
                page.append(row)
                if change == .cancelled { changed += 1 }
            }
            if !page.isEmpty {
                try c.query(PGAttendeeRow.updateSQL, PGAttendeeRow.mergedArrays(page, updatedAt: now) + [
                    .text(PGArray.literal(page.map { $0.id as Int64? })),
                ])
                for row in page { searchCache?.upsert(row) }
            }
            return changed
        }
    }

    static func attendee(_ c: PGConnection, id: Int64, forUpdate: Bool = false) throws -> Attendee? {
        let r = try c.query("SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.id = $1"
                            + (forUpdate ? " FOR UPDATE" : ""), [.integer(id)])
        return r.count == 0 ? nil : PGAttendeeRow.decode(r, 0)
    }

    public func attendee(id: Int64) throws -> Attendee? {
        try read { c in try Self.attendee(c, id: id) }
    }

    public func attendee(eventId: Int64, providerAttendeeId: String) throws -> Attendee? {
        try read { c in
            let r = try c.query("""
                SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.event_id = $1 AND a.provider_attendee_id = $2
                """, [.integer(eventId), .text(providerAttendeeId)])
            return r.count == 0 ? nil : PGAttendeeRow.decode(r, 0)
        }
    }

    public func attendee(eventId: Int64, barcode: String) throws -> Attendee? {
        try read { c in
            let r = try c.query("""
                SELECT \(PGAttendeeRow.columns) FROM attendees a WHERE a.event_id = $1 AND a.barcode = $2
                ORDER BY a.id LIMIT 1
                """, [.integer(eventId), .text(barcode)])
            return r.count == 0 ? nil : PGAttendeeRow.decode(r, 0)
        }
    }

    @discardableResult
    public func setVIP(attendeeId: Int64, _ on: Bool, operatorName: String, at: Date) throws -> Attendee {
        let op = Self.operationID()
        return try write { c in
            let r = try c.query("UPDATE attendees SET vip = $1, vip_changed_at = $3, vip_changed_desk = $4 WHERE id = $2",
                                [Self.bool(on), .integer(attendeeId), Self.date(at), .text(options.desk)])
            guard r.changes > 0, let attendee = try Self.attendee(c, id: attendeeId) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            try insertAudit(c, operatorName: operatorName, action: on ? "VIP_ON" : "VIP_OFF",
                            detail: "attendee \(attendeeId) (\(attendee.providerAttendeeId))", at: at, op: op)
            searchCache?.upsert(attendee)
            return attendee
        }
    }

    /// Refuses provider data for a purged event (a sync would bring the erased data back).
    static func refuseIfPurged(_ c: PGConnection, eventId: Int64) throws {
        let r = try c.query("SELECT provider, external_id, purged_at FROM events WHERE id = $1", [.integer(eventId)])
        if r.count > 0, let at = r.date(0, 2) {
            throw StorageError.eventPurged(event: "\(r.text(0, 0)):\(r.text(0, 1))", at: at)
        }
    }

    /// Keeps the planner's statistics in step with an import: while a table grows from nothing
    /// it has none, and the page lookups scanned every row of the event instead of probing the
    /// unique key (1 → 11 ms a page until autovacuum analysed it: half of a 100 000-attendee
    /// import). Each time this desk has inserted as many rows as the table had at the last
    /// analysis (from 500), `ANALYZE` of the two columns the lookups use — about ten times in an
    /// import of 100 000, each a sample.
    func noteInserted(_ count: Int, _ c: PGConnection) throws {
        insertedSinceAnalyze += count
        guard insertedSinceAnalyze >= max(500, analyzedRows) else { return }
        try c.execute("ANALYZE attendees (event_id, provider_attendee_id)")
        analyzedRows += insertedSinceAnalyze
        insertedSinceAnalyze = 0
    }
}
