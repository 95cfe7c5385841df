import BadgeCore
import Foundation

extension SQLiteStore {
    /// How many provider ids one lookup statement binds.
    private static let lookupChunk = 500

    public func mergePage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                          now: Date) throws -> [AttendeeMerge.Outcome]
    {
        // Page data can be fetched again (the checkpoint commits with it): not fsynced per page.
        try write(durable: false) { db in
            try Self.refuseIfPurged(db, eventId: eventId)
            let merges = try merge(db, eventId: eventId, attendees: attendees, now: now)
            if let checkpoint { try Self.saveCheckpoint(db, checkpoint) }
            return merges
        }
    }

    /// Group commit (SPEC §2.4 rule 7, `GroupCommit`): pages join the open transaction, each
    /// with its checkpoint, until it has been open `maxOpen` or another writer of this process
    /// waits; between transactions the lock stays free for `gap` (writers in other processes).
    public func mergePages(eventId: Int64, pages: [PageWrite], groupCommit: GroupCommit, now: Date) throws
        -> [[AttendeeMerge.Outcome]]
    {
        var results: [[AttendeeMerge.Outcome]] = []
        results.reserveCapacity(pages.count)
        var next = 0
        while next < pages.count {
            yieldWriteLock(for: groupCommit.gap)
            defer { groupCommitEnded() }
            // Page data can be fetched again (the checkpoint commits with it): not fsynced.
            try write(durable: false) { db in
                try Self.refuseIfPurged(db, eventId: eventId)
                let opened = DispatchTime.now().uptimeNanoseconds
                let budget = UInt64(max(0, groupCommit.maxOpen) * 1e9)
                repeat {
                    let page = pages[next]
                    results.append(try merge(db, eventId: eventId, attendees: page.attendees, now: now,
                                             newRows: page.newRows))
                    if let checkpoint = page.checkpoint { try Self.saveCheckpoint(db, checkpoint) }
                    next += 1
                } while next < pages.count && !writersWaiting
                    && DispatchTime.now().uptimeNanoseconds - opened < budget
            }
        }
        return results
    }

    /// Merges one page's attendees inside the caller's write transaction.
    private func merge(_ db: Database, eventId: Int64, attendees: [ProviderAttendee], now: Date,
                       newRows: [PageWrite.NewRow]? = nil) throws -> [AttendeeMerge.Outcome]
    {
        let prepared = newRows.flatMap { $0.count == attendees.count ? $0 : nil }
        var merges: [AttendeeMerge.Outcome] = []
        merges.reserveCapacity(attendees.count)
        // A page of new people (an import's usual page) is inserted straight away, the unique key
        // turning away anyone already there, who is then read and merged as usual; once a page
        // meets existing rows (a re-import, a resync), pages look their rows up first again.
        let insertFirst = pagesOfNewRows.contains(eventId)
        var rows = insertFirst ? [:] : try Self.existingRows(db, eventId: eventId,
                                                             providerIds: Set(attendees.map(\.providerAttendeeId)))
        var metExisting = !rows.isEmpty
        let insert = try db.cached(AttendeeRow.insertSQL)
        let insertNew = try db.cached(AttendeeRow.insertNewSQL)
        let update = try db.cached(AttendeeRow.updateSQL)
        for (index, incoming) in attendees.enumerated() {
            if insertFirst && rows[incoming.providerAttendeeId] == nil {
                // Not kept in `rows`: a duplicate later in the page meets the unique key and is
                // read back below like any existing row.
                var (row, change) = prepared.map { ($0[index].row, $0[index].change) }
                    ?? AttendeeMerge.merge(AttendeeRow.quantised(incoming), into: nil, eventId: eventId)
                insertNew.clear()
                try AttendeeRow.bindMerged(row, updatedAt: now, to: insertNew, searchText: prepared?[index].searchText)
                try AttendeeRow.bindNewRowColumns(row, eventId: eventId, to: insertNew)
                try insertNew.run()
                if db.changes > 0 {
                    if let searchCache {
                        row.id = db.lastInsertRowID
                        searchCache.upsert(row)
                    }
                    merges.append((row.providerAttendeeId, change))
                    continue
                }
                // Already there: merged below like any existing row.
                metExisting = true
                let existing = try db.cached("""
                    SELECT \(AttendeeRow.columns) FROM attendees a
                    WHERE a.event_id = ?1 AND a.provider_attendee_id = ?2
                    """)
                try existing.bind(1, eventId)
                try existing.bind(2, incoming.providerAttendeeId)
                if let found = try existing.firstRow(AttendeeRow.decode) { rows[found.providerAttendeeId] = found }
            }
            let local = rows[incoming.providerAttendeeId]
            var (row, change) = AttendeeMerge.merge(AttendeeRow.quantised(incoming), into: local, eventId: eventId)
            if let local {
                if row != local {
                    update.clear()
                    try AttendeeRow.bindMerged(row, updatedAt: now, to: update)
                    try update.bind(AttendeeRow.nextParameter, local.id)
                    try update.run()
                }
            } else {
                insert.clear()
                try AttendeeRow.bindMerged(row, updatedAt: now, to: insert, searchText: prepared?[index].searchText)
                try AttendeeRow.bindNewRowColumns(row, eventId: eventId, to: insert)
                try insert.run()
                row.id = db.lastInsertRowID
            }
            rows[row.providerAttendeeId] = row  // a duplicate later in the page merges into this
            if change != .unchanged { searchCache?.upsert(row) }
            merges.append((row.providerAttendeeId, change))
        }
        if metExisting { pagesOfNewRows.remove(eventId) } else { pagesOfNewRows.insert(eventId) }
        return merges
    }

    /// The event's rows for the given provider ids, keyed by provider id (one query per chunk).
    private static func existingRows(_ db: Database, eventId: Int64, providerIds: Set<String>) throws
        -> [String: Attendee]
    {
        var rows: [String: Attendee] = [:]
        rows.reserveCapacity(providerIds.count)
        let ids = Array(providerIds)
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(start + lookupChunk, ids.count)]
            let placeholders = (0..<chunk.count).map { "?\($0 + 2)" }.joined(separator: ", ")
            let s = try db.cached("""
                SELECT \(AttendeeRow.columns) FROM attendees a
                WHERE a.event_id = ?1 AND a.provider_attendee_id IN (\(placeholders))
                """)
            try s.bind(1, eventId)
            for (offset, id) in chunk.enumerated() { try s.bind(Int32(offset + 2), id) }
            try s.forEachRow { let a = AttendeeRow.decode($0); rows[a.providerAttendeeId] = a }
            start += lookupChunk
        }
        return rows
    }

    public func missingCount(eventId: Int64, seen: Set<String>) throws -> (missing: Int, attending: Int) {
        try locked { db in
            let scan = try db.cached("SELECT provider_attendee_id FROM attendees WHERE event_id = ?1 AND status = 'ATTENDING'"
                + " AND provider_attendee_id NOT LIKE '\(Attendee.walkInPrefix)%'")  // walk-ins are never missing
            try scan.bind(1, eventId)
            var missing = 0
            var attending = 0
            try scan.forEachRow {
                attending += 1
                if !seen.contains($0.text(0)) { missing += 1 }
            }
            return (missing, attending)
        }
    }

    public func markMissing(eventId: Int64, seen: Set<String>, now: Date) throws -> Int {
        try write(durable: false) { db in
            try Self.refuseIfPurged(db, eventId: eventId)
            // Light scan of ids first; only the rows that vanished are loaded in full.
            var vanished: [Int64] = []
            let scan = try db.cached("""
                SELECT id, provider_attendee_id FROM attendees
                WHERE event_id = ?1 AND (missing_from_provider = 0 OR status <> 'NOT_ATTENDING')
                  AND provider_attendee_id NOT LIKE '\(Attendee.walkInPrefix)%'
                """)
            try scan.bind(1, eventId)
            try scan.forEachRow { if !seen.contains($0.text(1)) { vanished.append($0.int64(0)) } }
            var changed = 0
            let update = try db.cached(AttendeeRow.updateSQL)
            for id in vanished {
                guard let local = try Self.attendee(db, id: id) else { continue }
                let (row, change) = AttendeeMerge.markMissing(local)
                guard row != local else { continue }
                update.clear()
                try AttendeeRow.bindMerged(row, updatedAt: now, to: update)
                try update.bind(AttendeeRow.nextParameter, id)
                try update.run()
                searchCache?.upsert(row)
                if change == .cancelled { changed += 1 }
            }
            return changed
        }
    }

    static func attendee(_ db: Database, id: Int64) throws -> Attendee? {
        let s = try db.cached("SELECT \(AttendeeRow.columns) FROM attendees a WHERE a.id = ?1")
        try s.bind(1, id)
        return try s.firstRow(AttendeeRow.decode)
    }

    public func attendee(id: Int64) throws -> Attendee? {
        try locked { db in try Self.attendee(db, id: id) }
    }

    public func attendee(eventId: Int64, providerAttendeeId: String) throws -> Attendee? {
        try locked { db in
            let s = try db.cached("""
                SELECT \(AttendeeRow.columns) FROM attendees a
                WHERE a.event_id = ?1 AND a.provider_attendee_id = ?2
                """)
            try s.bind(1, eventId)
            try s.bind(2, providerAttendeeId)
            return try s.firstRow(AttendeeRow.decode)
        }
    }

    public func attendee(eventId: Int64, barcode: String) throws -> Attendee? {
        try locked { db in
            let s = try db.cached("""
                SELECT \(AttendeeRow.columns) FROM attendees a
                WHERE a.event_id = ?1 AND a.barcode = ?2 ORDER BY a.id LIMIT 1
                """)
            try s.bind(1, eventId)
            try s.bind(2, barcode)
            return try s.firstRow(AttendeeRow.decode)
        }
    }

    @discardableResult
    public func setVIP(attendeeId: Int64, _ on: Bool, operatorName: String, at: Date) throws -> Attendee {
        try write { db in
            try db.run("UPDATE attendees SET vip = ?1 WHERE id = ?2", [.integer(on ? 1 : 0), .integer(attendeeId)])
            guard db.changes > 0, let attendee = try Self.attendee(db, id: attendeeId) else {
                throw StorageError.notFound("attendee \(attendeeId)")
            }
            try Self.insertAudit(db, operatorName: operatorName, action: on ? "VIP_ON" : "VIP_OFF",
                                 detail: "attendee \(attendeeId) (\(attendee.providerAttendeeId))", at: at)
            searchCache?.upsert(attendee)
            return attendee
        }
    }
}
