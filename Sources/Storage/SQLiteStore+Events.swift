import BadgeCore
import Foundation

extension SQLiteStore {
    private static let eventColumns = """
        id, integration_id, provider, external_id, name, starts_at, ends_at, timezone, sync_status,
        access_code, progress_pages_done, progress_pages_total, progress_attendees,
        progress_attendees_total, progress_started_at, progress_updated_at, progress_finished,
        progress_error, last_synced_at, sync_cursor, last_error, created_at,
        held_cancellations, held_attending, held_at, purged_at
        """

    private static func decodeEvent(_ s: Statement) -> Event {
        var progress: ImportProgress?
        if let started = s.date(14) {
            progress = ImportProgress(pagesDone: s.int(10), pagesTotal: s.optionalInt(11),
                                      attendeesSoFar: s.int(12), attendeesTotal: s.optionalInt(13),
                                      startedAt: started, updatedAt: s.date(15), finished: s.bool(16),
                                      error: s.optionalText(17))
        }
        return Event(id: s.int64(0), integrationId: s.optionalInt64(1),
                     provider: Provider(rawValue: s.text(2)) ?? .eventbrite, externalId: s.text(3),
                     name: s.text(4), startsAt: s.date(5), endsAt: s.date(6), timezone: s.optionalText(7),
                     syncStatus: SyncStatus(rawValue: s.text(8)) ?? .pending, accessCode: s.text(9),
                     importProgress: progress, lastSyncedAt: s.date(18), syncCursor: s.optionalText(19),
                     lastError: s.optionalText(20), createdAt: s.date(21) ?? Date(timeIntervalSince1970: 0),
                     heldCancellation: s.optionalInt(22).map {
                         HeldCancellation(count: $0, attending: s.int(23), detectedAt: s.date(24) ?? Date(timeIntervalSince1970: 0))
                     },
                     purgedAt: s.date(25))
    }

    /// Binds the mutable columns ?1…?18 shared by INSERT and UPDATE.
    private static func bindMutable(_ e: Event, to s: Statement) throws {
        try s.bind(1, e.integrationId)
        try s.bind(2, e.name)
        try s.bind(3, e.startsAt)
        try s.bind(4, e.endsAt)
        try s.bind(5, e.timezone)
        try s.bind(6, e.syncStatus.rawValue)
        try s.bind(7, e.accessCode)
        let p = e.importProgress
        try s.bind(8, p?.pagesDone)
        try s.bind(9, p?.pagesTotal)
        try s.bind(10, p?.attendeesSoFar)
        try s.bind(11, p?.attendeesTotal)
        try s.bind(12, p?.startedAt)
        try s.bind(13, p?.updatedAt)
        try s.bind(14, p.map { $0.finished ? 1 : 0 } as Int?)
        try s.bind(15, p?.error)
        try s.bind(16, e.lastSyncedAt)
        try s.bind(17, e.syncCursor)
        try s.bind(18, e.lastError)
    }

    /// The event as it reads back from the database (dates at millisecond precision).
    private static func quantised(_ event: Event) -> Event {
        var e = event
        e.startsAt = DateCoding.quantised(e.startsAt)
        e.endsAt = DateCoding.quantised(e.endsAt)
        e.lastSyncedAt = DateCoding.quantised(e.lastSyncedAt)
        e.createdAt = DateCoding.quantised(e.createdAt)
        if var p = e.importProgress {
            p.startedAt = DateCoding.quantised(p.startedAt)
            p.updatedAt = DateCoding.quantised(p.updatedAt)
            e.importProgress = p
        }
        return e
    }

    @discardableResult
    public func createEvent(_ event: Event) throws -> Event {
        try write { db in
            let existing = try db.cached("SELECT id FROM events WHERE provider = ?1 AND external_id = ?2")
            try existing.bind(1, event.provider.rawValue)
            try existing.bind(2, event.externalId)
            if try existing.firstRow({ $0.int64(0) }) != nil {
                throw StorageError.duplicateEvent(provider: event.provider, externalId: event.externalId)
            }
            let s = try db.cached("""
                INSERT INTO events (integration_id, name, starts_at, ends_at, timezone, sync_status,
                    access_code, progress_pages_done, progress_pages_total, progress_attendees,
                    progress_attendees_total, progress_started_at, progress_updated_at, progress_finished,
                    progress_error, last_synced_at, sync_cursor, last_error, provider, external_id, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                    ?19, ?20, ?21)
                """)
            try Self.bindMutable(event, to: s)
            try s.bind(19, event.provider.rawValue)
            try s.bind(20, event.externalId)
            try s.bind(21, event.createdAt)
            do {
                try s.run()
            } catch let error as StorageError where error.isConstraintViolation
                && (error.sqliteCode ?? 0) == 2067 /* SQLITE_CONSTRAINT_UNIQUE */ {
                throw StorageError.duplicateEvent(provider: event.provider, externalId: event.externalId)
            }
            var saved = Self.quantised(event)
            saved.id = db.lastInsertRowID
            return saved
        }
    }

    public func events() throws -> [Event] {
        try locked { db in
            var result: [Event] = []
            try db.cached("SELECT \(Self.eventColumns) FROM events ORDER BY created_at, id")
                .forEachRow { result.append(Self.decodeEvent($0)) }
            return result
        }
    }

    public func event(id: Int64) throws -> Event? {
        try locked { db in
            let s = try db.cached("SELECT \(Self.eventColumns) FROM events WHERE id = ?1")
            try s.bind(1, id)
            return try s.firstRow(Self.decodeEvent)
        }
    }

    public func event(provider: Provider, externalId: String) throws -> Event? {
        try locked { db in
            let s = try db.cached("SELECT \(Self.eventColumns) FROM events WHERE provider = ?1 AND external_id = ?2")
            try s.bind(1, provider.rawValue)
            try s.bind(2, externalId)
            return try s.firstRow(Self.decodeEvent)
        }
    }

    public func updateEvent(_ event: Event) throws {
        try write { db in
            let s = try db.cached("""
                UPDATE events SET integration_id = ?1, name = ?2, starts_at = ?3, ends_at = ?4,
                    timezone = ?5, sync_status = ?6, access_code = ?7, progress_pages_done = ?8,
                    progress_pages_total = ?9, progress_attendees = ?10, progress_attendees_total = ?11,
                    progress_started_at = ?12, progress_updated_at = ?13, progress_finished = ?14,
                    progress_error = ?15, last_synced_at = ?16, sync_cursor = ?17, last_error = ?18
                WHERE id = ?19
                """)
            try Self.bindMutable(event, to: s)
            try s.bind(19, event.id)
            try s.run()
            if db.changes == 0 { throw StorageError.notFound("event \(event.id)") }
        }
    }

    public func setHeldCancellation(eventId: Int64, _ held: HeldCancellation?) throws {
        try write { db in
            let s = try db.cached("UPDATE events SET held_cancellations = ?1, held_attending = ?2, held_at = ?3 WHERE id = ?4")
            try s.bind(1, held?.count)
            try s.bind(2, held?.attending)
            try s.bind(3, held?.detectedAt)
            try s.bind(4, eventId)
            try s.run()
            if db.changes == 0 { throw StorageError.notFound("event \(eventId)") }
        }
    }

    public func setSyncStatus(eventId: Int64, _ status: SyncStatus, error: String?) throws {
        try write { db in
            try db.run("UPDATE events SET sync_status = ?1, last_error = ?2 WHERE id = ?3",
                       [.text(status.rawValue), error.map(SQLValue.text) ?? .null, .integer(eventId)])
            if db.changes == 0 { throw StorageError.notFound("event \(eventId)") }
        }
    }

    // MARK: Import checkpoints

    public func importCheckpoint(eventId: Int64) throws -> ImportCheckpoint? {
        try locked { db in
            let s = try db.cached("""
                SELECT cursor, pages_done, attendees_so_far, pages_total, started_at, updated_at
                FROM import_checkpoints WHERE event_id = ?1
                """)
            try s.bind(1, eventId)
            return try s.firstRow {
                ImportCheckpoint(eventId: eventId, cursor: $0.optionalText(0), pagesDone: $0.int(1),
                                 attendeesSoFar: $0.int(2), pagesTotal: $0.optionalInt(3),
                                 startedAt: $0.date(4) ?? Date(timeIntervalSince1970: 0),
                                 updatedAt: $0.date(5) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func clearImportCheckpoint(eventId: Int64) throws {
        try write { db in try db.run("DELETE FROM import_checkpoints WHERE event_id = ?1", [.integer(eventId)]) }
    }

    static func saveCheckpoint(_ db: Database, _ c: ImportCheckpoint) throws {
        let s = try db.cached("""
            INSERT INTO import_checkpoints (event_id, cursor, pages_done, attendees_so_far, pages_total,
                started_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (event_id) DO UPDATE SET cursor = excluded.cursor,
                pages_done = excluded.pages_done, attendees_so_far = excluded.attendees_so_far,
                pages_total = excluded.pages_total, started_at = excluded.started_at,
                updated_at = excluded.updated_at
            """)
        try s.bind(1, c.eventId)
        try s.bind(2, c.cursor)
        try s.bind(3, c.pagesDone)
        try s.bind(4, c.attendeesSoFar)
        try s.bind(5, c.pagesTotal)
        try s.bind(6, c.startedAt)
        try s.bind(7, c.updatedAt)
        try s.run()
    }
}
