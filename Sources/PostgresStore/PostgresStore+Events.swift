import BadgeCore
import Foundation
import Storage

extension PostgresStore {
    // MARK: Integrations

    @discardableResult
    public func saveIntegration(_ integration: Integration) throws -> Integration {
        try write { c in
            let r = try c.query("""
                INSERT INTO integrations (provider, status, account_label, credential, base_url, connected_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (provider) DO UPDATE SET status = excluded.status,
                    account_label = excluded.account_label, credential = excluded.credential,
                    base_url = excluded.base_url, connected_at = excluded.connected_at
                RETURNING id
                """, [.text(integration.provider.rawValue), .text(integration.status.rawValue),
                      .text(integration.accountLabel), .text(integration.credential), .text(integration.baseURL),
                      .integer(DateCoding.milliseconds(integration.connectedAt))])
            var saved = integration
            saved.id = r.int64(0, 0)
            saved.connectedAt = DateCoding.quantised(integration.connectedAt)
            return saved
        }
    }

    private static let integrationColumns = "id, provider, status, account_label, credential, base_url, connected_at"

    private static func decodeIntegration(_ r: PGResult, _ i: Int) -> Integration {
        Integration(id: r.int64(i, 0), provider: Provider(rawValue: r.text(i, 1)) ?? .eventbrite,
                    status: IntegrationStatus(rawValue: r.text(i, 2)) ?? .disconnected,
                    accountLabel: r.text(i, 3), credential: r.text(i, 4), baseURL: r.text(i, 5),
                    connectedAt: r.date(i, 6) ?? Date(timeIntervalSince1970: 0))
    }

    public func integrations() throws -> [Integration] {
        try read { c in
            let r = try c.query("SELECT \(Self.integrationColumns) FROM integrations ORDER BY provider")
            return (0..<r.count).map { Self.decodeIntegration(r, $0) }
        }
    }

    public func integration(provider: Provider) throws -> Integration? {
        try read { c in
            let r = try c.query("SELECT \(Self.integrationColumns) FROM integrations WHERE provider = $1",
                                [.text(provider.rawValue)])
            return r.count == 0 ? nil : Self.decodeIntegration(r, 0)
        }
    }

    public func integration(id: Int64) throws -> Integration? {
        try read { c in
            let r = try c.query("SELECT \(Self.integrationColumns) FROM integrations WHERE id = $1", [.integer(id)])
            return r.count == 0 ? nil : Self.decodeIntegration(r, 0)
        }
    }

    public func setIntegrationStatus(id: Int64, _ status: IntegrationStatus) throws {
        try write { c in
            let r = try c.query("UPDATE integrations SET status = $1 WHERE id = $2", [.text(status.rawValue), .integer(id)])
            if r.changes == 0 { throw StorageError.notFound("integration \(id)") }
        }
    }

    public func deleteIntegration(provider: Provider) throws {
        try write { c in try c.query("DELETE FROM integrations WHERE provider = $1", [.text(provider.rawValue)]) }
    }

    // MARK: Events

    static let eventColumns = """
        id, integration_id, provider, external_id, name, starts_at, ends_at, timezone, sync_status,
        access_code, progress_pages_done, progress_pages_total, progress_attendees,
        progress_attendees_total, progress_started_at, progress_updated_at, progress_finished,
        progress_error, last_synced_at, sync_cursor, last_error, created_at,
        held_cancellations, held_attending, held_at, purged_at
        """

    static func decodeEvent(_ r: PGResult, _ i: Int) -> Event {
        var progress: ImportProgress?
        if let started = r.date(i, 14) {
            progress = ImportProgress(pagesDone: r.int(i, 10), pagesTotal: r.optionalInt(i, 11),
                                      attendeesSoFar: r.int(i, 12), attendeesTotal: r.optionalInt(i, 13),
                                      startedAt: started, updatedAt: r.date(i, 15), finished: r.bool(i, 16),
                                      error: r.optionalText(i, 17))
        }
        return Event(id: r.int64(i, 0), integrationId: r.optionalInt64(i, 1),
                     provider: Provider(rawValue: r.text(i, 2)) ?? .eventbrite, externalId: r.text(i, 3),
                     name: r.text(i, 4), startsAt: r.date(i, 5), endsAt: r.date(i, 6), timezone: r.optionalText(i, 7),
                     syncStatus: SyncStatus(rawValue: r.text(i, 8)) ?? .pending, accessCode: r.text(i, 9),
                     importProgress: progress, lastSyncedAt: r.date(i, 18), syncCursor: r.optionalText(i, 19),
                     lastError: r.optionalText(i, 20), createdAt: r.date(i, 21) ?? Date(timeIntervalSince1970: 0),
                     heldCancellation: r.optionalInt(i, 22).map {
                         HeldCancellation(count: $0, attending: r.int(i, 23),
                                          detectedAt: r.date(i, 24) ?? Date(timeIntervalSince1970: 0))
                     },
                     purgedAt: r.date(i, 25))
    }

    /// The mutable columns $1…$18 shared by INSERT and UPDATE.
    private static func mutableValues(_ e: Event) -> [SQLValue] {
        let p = e.importProgress
        return [
            int(e.integrationId), .text(e.name), date(e.startsAt), date(e.endsAt), text(e.timezone),
            .text(e.syncStatus.rawValue), .text(e.accessCode), int(p?.pagesDone), int(p?.pagesTotal),
            int(p?.attendeesSoFar), int(p?.attendeesTotal), date(p?.startedAt), date(p?.updatedAt),
            int(p.map { $0.finished ? 1 : 0 }), text(p?.error), date(e.lastSyncedAt), text(e.syncCursor),
            text(e.lastError),
        ]
    }

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
        let op = Self.operationID()
        return try write { c in
            // A retry of this very call after its COMMIT's reply was lost: the event is ours.
            let mine = try c.query("SELECT ref FROM applied_ops WHERE op_id = $1", [.text(op)])
            if mine.count > 0 {
                var saved = Self.quantised(event)
                saved.id = mine.int64(0, 0)
                return saved
            }
            let existing = try c.query("SELECT id FROM events WHERE provider = $1 AND external_id = $2",
                                       [.text(event.provider.rawValue), .text(event.externalId)])
            if existing.count > 0 {
                throw StorageError.duplicateEvent(provider: event.provider, externalId: event.externalId)
            }
            let r: PGResult
            do {
                r = try c.query("""
                    INSERT INTO events (integration_id, name, starts_at, ends_at, timezone, sync_status,
                        access_code, progress_pages_done, progress_pages_total, progress_attendees,
                        progress_attendees_total, progress_started_at, progress_updated_at, progress_finished,
                        progress_error, last_synced_at, sync_cursor, last_error, provider, external_id, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                        $19, $20, $21)
                    RETURNING id
                    """, Self.mutableValues(event) + [.text(event.provider.rawValue), .text(event.externalId),
                                                     .integer(DateCoding.milliseconds(event.createdAt))])
            } catch let error as StorageError where error.isUniqueViolation {
                throw StorageError.duplicateEvent(provider: event.provider, externalId: event.externalId)
            }
            var saved = Self.quantised(event)
            saved.id = r.int64(0, 0)
            try c.query("INSERT INTO applied_ops (op_id, at, ref) VALUES ($1, $2, $3)",
                        [.text(op), .integer(DateCoding.milliseconds(Date())), .integer(saved.id)])
            return saved
        }
    }

    public func events() throws -> [Event] {
        try read { c in
            let r = try c.query("SELECT \(Self.eventColumns) FROM events ORDER BY created_at, id")
            return (0..<r.count).map { Self.decodeEvent(r, $0) }
        }
    }

    public func event(id: Int64) throws -> Event? {
        try read { c in
            let r = try c.query("SELECT \(Self.eventColumns) FROM events WHERE id = $1", [.integer(id)])
            return r.count == 0 ? nil : Self.decodeEvent(r, 0)
        }
    }

    public func event(provider: Provider, externalId: String) throws -> Event? {
        try read { c in
            let r = try c.query("SELECT \(Self.eventColumns) FROM events WHERE provider = $1 AND external_id = $2",
                                [.text(provider.rawValue), .text(externalId)])
            return r.count == 0 ? nil : Self.decodeEvent(r, 0)
        }
    }

    public func updateEvent(_ event: Event) throws {
        try write { c in
            let r = try c.query("""
                UPDATE events SET integration_id = $1, name = $2, starts_at = $3, ends_at = $4,
                    timezone = $5, sync_status = $6, access_code = $7, progress_pages_done = $8,
                    progress_pages_total = $9, progress_attendees = $10, progress_attendees_total = $11,
                    progress_started_at = $12, progress_updated_at = $13, progress_finished = $14,
                    progress_error = $15, last_synced_at = $16, sync_cursor = $17, last_error = $18
                WHERE id = $19
                """, Self.mutableValues(event) + [.integer(event.id)])
            if r.changes == 0 { throw StorageError.notFound("event \(event.id)") }
        }
    }

    public func setHeldCancellation(eventId: Int64, _ held: HeldCancellation?) throws {
        try write { c in
            let r = try c.query("""
                UPDATE events SET held_cancellations = $1, held_attending = $2, held_at = $3 WHERE id = $4
                """, [Self.int(held?.count), Self.int(held?.attending), Self.date(held?.detectedAt), .integer(eventId)])
            if r.changes == 0 { throw StorageError.notFound("event \(eventId)") }
        }
    }

    public func setSyncStatus(eventId: Int64, _ status: SyncStatus, error: String?) throws {
        try write { c in
            let r = try c.query("UPDATE events SET sync_status = $1, last_error = $2 WHERE id = $3",
                                [.text(status.rawValue), Self.text(error), .integer(eventId)])
            if r.changes == 0 { throw StorageError.notFound("event \(eventId)") }
        }
    }

    // MARK: Import checkpoints

    public func importCheckpoint(eventId: Int64) throws -> ImportCheckpoint? {
        try read { c in
            let r = try c.query("""
                SELECT cursor, pages_done, attendees_so_far, pages_total, started_at, updated_at
                FROM import_checkpoints WHERE event_id = $1
                """, [.integer(eventId)])
            guard r.count > 0 else { return nil }
            return ImportCheckpoint(eventId: eventId, cursor: r.optionalText(0, 0), pagesDone: r.int(0, 1),
                                    attendeesSoFar: r.int(0, 2), pagesTotal: r.optionalInt(0, 3),
                                    startedAt: r.date(0, 4) ?? Date(timeIntervalSince1970: 0),
                                    updatedAt: r.date(0, 5) ?? Date(timeIntervalSince1970: 0))
        }
    }

    public func clearImportCheckpoint(eventId: Int64) throws {
        try write { c in try c.query("DELETE FROM import_checkpoints WHERE event_id = $1", [.integer(eventId)]) }
    }

    static func saveCheckpoint(_ c: PGConnection, _ cp: ImportCheckpoint) throws {
        try c.query("""
            INSERT INTO import_checkpoints (event_id, cursor, pages_done, attendees_so_far, pages_total,
                started_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (event_id) DO UPDATE SET cursor = excluded.cursor,
                pages_done = excluded.pages_done, attendees_so_far = excluded.attendees_so_far,
                pages_total = excluded.pages_total, started_at = excluded.started_at,
                updated_at = excluded.updated_at
            """, [.integer(cp.eventId), text(cp.cursor), .integer(Int64(cp.pagesDone)), .integer(Int64(cp.attendeesSoFar)),
                  int(cp.pagesTotal), .integer(DateCoding.milliseconds(cp.startedAt)),
                  .integer(DateCoding.milliseconds(cp.updatedAt))])
    }

    // MARK: Values

    static func int(_ v: Int?) -> SQLValue { v.map { .integer(Int64($0)) } ?? .null }
    static func int(_ v: Int64?) -> SQLValue { v.map { .integer($0) } ?? .null }
    static func text(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    static func date(_ v: Date?) -> SQLValue { v.map { .integer(DateCoding.milliseconds($0)) } ?? .null }
    static func bool(_ v: Bool) -> SQLValue { .integer(v ? 1 : 0) }
}
