import Foundation
import BadgeCore

/// Everything the sync engine, the CLI and the console need from persistence (ARCHITECTURE §2).
///
/// It is a protocol so a shared (e.g. PostgreSQL) store for several desks can be added later
/// without touching its users. Every method is synchronous and throws `StoreError`; each mutating
/// method is one transaction, committed (durable) before it returns.
public protocol BadgeStore: AnyObject, Sendable {
    // MARK: Integrations (one per provider account; the credential never leaves through errors)
    /// Inserts or replaces the integration of `integration.provider`; returns it with its id.
    @discardableResult func saveIntegration(_ integration: Integration) throws -> Integration
    func integrations() throws -> [Integration]
    func integration(provider: Provider) throws -> Integration?
    func integration(id: Int64) throws -> Integration?
    func setIntegrationStatus(id: Int64, _ status: IntegrationStatus) throws
    /// Removes the integration; its events stay (they go DISCONNECTED on their next sync).
    func deleteIntegration(provider: Provider) throws

    // MARK: Events
    /// Inserts a new event. Throws `StoreError.duplicateEvent` when (provider, externalId) exists.
    @discardableResult func createEvent(_ event: Event) throws -> Event
    func events() throws -> [Event]
    func event(id: Int64) throws -> Event?
    func event(provider: Provider, externalId: String) throws -> Event?
    /// Writes every mutable column of the event (status, progress, cursor, error, last synced).
    func updateEvent(_ event: Event) throws
    func setSyncStatus(eventId: Int64, _ status: SyncStatus, error: String?) throws
    /// Records (or clears, with nil) the cancellations the mass-cancellation guard held back.
    /// Only this call writes `Event.heldCancellation`; `updateEvent` leaves it alone.
    func setHeldCancellation(eventId: Int64, _ held: HeldCancellation?) throws

    // MARK: Attendees
    /// Merges one provider page into the event with `AttendeeMerge` (SPEC §2.4) in ONE transaction,
    /// together with the import checkpoint when given. Idempotent: re-applying a page counts
    /// everything `unchanged`.
    func applyPage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                   now: Date) throws -> SyncCounts
    /// `applyPage` telling what the merge did to each attendee, in page order (a sync run counts
    /// each attendee once with `SyncTally`, however many pages or sweeps returned it).
    func mergePage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                   now: Date) throws -> [AttendeeMerge.Outcome]
    /// Several pages in order, each with its checkpoint, grouped into as few transactions as
    /// `groupCommit` allows (SPEC §2.4 rule 7): a crash leaves the database at a page boundary
    /// with the checkpoint of the last committed page, and no transaction holds the write lock
    /// past the budget. Returns each page's `mergePage` outcomes. When it throws, the pages of
    /// the transactions committed before the failure stay committed (their checkpoint with them).
    func mergePages(eventId: Int64, pages: [PageWrite], groupCommit: GroupCommit, now: Date) throws
        -> [[AttendeeMerge.Outcome]]
    /// SPEC §2.4 rule 5: every attendee of the event whose provider id is not in `seen` becomes
    /// NOT_ATTENDING (never deleted). Returns how many it cancelled (were ATTENDING), the count
    /// the sync result reports and the mass-cancellation guard weighs.
    func markMissing(eventId: Int64, seen: Set<String>, now: Date) throws -> Int
    /// What `markMissing` would cancel, without writing: ATTENDING rows whose provider id is not
    /// in `seen`, and every ATTENDING row of the event (the mass-cancellation guard's base).
    func missingCount(eventId: Int64, seen: Set<String>) throws -> (missing: Int, attending: Int)
    /// One page of the table: filter, search, sort, offset/limit. Never loads the whole event.
    func attendees(_ query: AttendeeQuery) throws -> [Attendee]
    /// Number of rows the query matches (ignores offset/limit).
    func attendeeCount(_ query: AttendeeQuery) throws -> Int
    /// Where an attendee is in the query's order (0-based, ignoring offset/limit), or nil when
    /// the query does not match them: the console's cursor follows a person (SPEC §10).
    func attendeePosition(_ query: AttendeeQuery, attendeeId: Int64) throws -> Int?
    func attendee(id: Int64) throws -> Attendee?
    func attendee(eventId: Int64, providerAttendeeId: String) throws -> Attendee?
    /// Looks up a scanned code (Eventbrite barcode or Luma guest key) in the event.
    func attendee(eventId: Int64, barcode: String) throws -> Attendee?
    /// Sets the console-owned VIP flag; recorded in the audit log with the operator.
    @discardableResult func setVIP(attendeeId: Int64, _ on: Bool, operatorName: String, at: Date) throws -> Attendee

    // MARK: Desk edits (SPEC §13; console-owned, so no sync ever writes them — §2.4 rule 3)
    /// Registers a walk-in: a new ATTENDING row with a local provider id (`Attendee.walkInPrefix`)
    /// and provider status `WALK_IN`; audited. It does not check them in: the caller does, with
    /// `checkIn`, as for anyone else. Throws `StorageError.invalid` without a name or for a purged event.
    @discardableResult func addWalkIn(eventId: Int64, _ walkIn: WalkIn, operatorName: String, at: Date) throws -> Attendee
    /// Sets (or clears, with nil or blank) the desk's correction of a badge field; provider data
    /// is left as it is. Audited with the old and new value.
    @discardableResult func setCorrection(attendeeId: Int64, field: BadgeField, value: String?, operatorName: String,
                                          at: Date) throws -> Attendee
    /// Sets (or clears, with nil or blank) the attendee's note. Audited.
    @discardableResult func setNote(attendeeId: Int64, _ text: String?, operatorName: String, at: Date) throws -> Attendee

    // MARK: Check-in log (append-only; durable before return)
    /// Check in (`.checkIn`), undo the last check-in (`.undo`) or force (`.forceCheckIn`).
    /// Refusals are outcomes, not errors; two desks checking in one attendee at once → one record.
    func checkIn(attendeeId: Int64, action: CheckInAction, operatorName: String, station: String,
                 at: Date) throws -> CheckInOutcome
    func checkInHistory(attendeeId: Int64) throws -> [CheckInRecord]

    // MARK: Print log
    @discardableResult func recordPrint(_ record: PrintRecord) throws -> PrintRecord
    func prints(attendeeId: Int64) throws -> [PrintRecord]

    // MARK: Print jobs (issue #16, SPEC §12; `SQLiteStore+PrintJobs`, `PostgresStore+PrintJobs`)
    /// Writes a new job as given (`queued` for a station, or already `sent` by the desk that
    /// prints it itself). Idempotent on `job.opId`: the same request twice is one job.
    @discardableResult func enqueuePrintJob(_ job: PrintJob) throws -> PrintJob
    /// Takes the oldest `queued` job of `station` for `worker` (→ `sent`, attempts + 1, `printer`
    /// recorded), or nil when none waits. Safe when several workers claim at once: each job goes
    /// to one of them (SQLite: one write transaction; PostgreSQL: `FOR UPDATE SKIP LOCKED`). A
    /// job this worker already holds (a claim whose reply was lost) is returned first. With
    /// `jobId`, only that job is taken (a desk re-sending its own job: station "").
    func claimPrintJob(station: String, worker: String, printer: String, jobId: Int64?, at: Date) throws -> PrintJob?
    /// The worker holding a `sent` job reports how it went; `done` records the print (print log,
    /// print count, audit) in the same transaction. Throws `StorageError.invalid` when the job is
    /// no longer this worker's `sent` job (nothing is written).
    @discardableResult func finishPrintJob(id: Int64, worker: String, result: PrintJobResult, at: Date) throws -> PrintJob
    /// An operator's retry: a `failed` job goes back to `queued`; a `sent` job of unknown outcome
    /// (`PrintJob.outcomeUnknown`) is closed as `done` (counted: the badge may exist) and a new
    /// queued job reprints it. Returns the job that will print. `StorageError.invalid` otherwise.
    @discardableResult func retryPrintJob(id: Int64, operatorName: String, at: Date) throws -> PrintJob
    func printJob(id: Int64) throws -> PrintJob?
    /// Newest first; nil event = every event.
    func printJobs(eventId: Int64?, limit: Int) throws -> [PrintJob]
    /// A print station process's heartbeat (and its last error when `beat.error` is set).
    func recordPrintStationBeat(_ beat: PrintStationBeat) throws
    /// Every station known to the store with its health at `now`, by name.
    func printStations(now: Date) throws -> [PrintStationHealth]

    // MARK: Templates
    /// Inserts or replaces the template `template.name` of the event.
    @discardableResult func saveTemplate(_ template: BadgeTemplate) throws -> BadgeTemplate
    func templates(eventId: Int64) throws -> [BadgeTemplate]
    /// Returns false when no template of that name exists.
    @discardableResult func removeTemplate(eventId: Int64, name: String) throws -> Bool

    // MARK: Members
    func saveMember(_ member: Member) throws
    func members() throws -> [Member]
    func member(name: String) throws -> Member?
    @discardableResult func removeMember(name: String) throws -> Bool

    // MARK: Wrong PINs (issue #13: a lockout survives restarts and separate CLI processes)
    /// The wrong PINs of `subject` (`PINAttempts.subject(member:)` or `.stationAdminSubject`).
    func pinAttempts(subject: String) throws -> PINAttempts
    /// Counts one more wrong PIN and applies `backoff`; returns the new state.
    @discardableResult func recordPINFailure(subject: String, at now: Date, backoff: PINBackoff) throws -> PINAttempts
    /// A correct PIN: the count starts over.
    func clearPINAttempts(subject: String) throws

    // MARK: Import checkpoints
    func importCheckpoint(eventId: Int64) throws -> ImportCheckpoint?
    func clearImportCheckpoint(eventId: Int64) throws

    // MARK: Maintenance
    /// After a bulk write (an import, a full resync): copies the write-ahead log into the
    /// database file so later reads (the console, a cold start) do not search a long log.
    /// Best effort: never blocks on readers, never fails the caller.
    func settleAfterBulkWrite()

    // MARK: Change feed (ARCHITECTURE §2: part of the contract)
    /// A number that changes whenever ANOTHER connection (another process, another desk) commits
    /// to the store; this store's own writes leave it as it is (their writers notify already).
    /// Cheap enough to poll a few times a second (`StoreChangeWatcher`).
    func externalChangeCounter() throws -> Int64

    // MARK: Statistics (SQL aggregates, consistent with the table)
    func stats(eventId: Int64) throws -> EventStats

    // MARK: Audit log (who did what: check-ins, VIP, prints, admin actions)
    func recordAudit(operatorName: String, action: String, detail: String, at: Date) throws

    // MARK: Privacy (SPEC §13)
    /// Erases the event's personal data from the file (secure delete, checkpoint, VACUUM) and
    /// marks it purged, keeping what its statistics are computed from; afterwards provider pages
    /// for it are refused (`StorageError.eventPurged`). See `SQLiteStore+Purge`.
    func purgePersonalData(eventId: Int64, at now: Date) throws -> PurgeSummary
}

extension BadgeStore {
    /// One transaction per page: a store whose writers do not queue behind a whole-table lock
    /// (PostgreSQL locks rows) gains nothing from grouping pages.
    public func mergePages(eventId: Int64, pages: [PageWrite], groupCommit: GroupCommit, now: Date) throws
        -> [[AttendeeMerge.Outcome]]
    {
        try pages.map { try mergePage(eventId: eventId, attendees: $0.attendees, checkpoint: $0.checkpoint, now: now) }
    }

    /// `mergePage`, counted: what every store's `applyPage` is.
    public func applyPage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                          now: Date) throws -> SyncCounts
    {
        var counts = SyncCounts()
        for merge in try mergePage(eventId: eventId, attendees: attendees, checkpoint: checkpoint, now: now) {
            switch merge.change {
            case .added: counts.added += 1
            case .updated: counts.updated += 1
            case .cancelled: counts.cancelled += 1
            case .unchanged: counts.unchanged += 1
            }
        }
        return counts
    }
}
