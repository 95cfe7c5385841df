import BadgeCore
import Foundation
import Providers
import Storage

extension SyncEngine {
    /// Creates the event (PENDING, with a new access code) and starts its import in the
    /// background. Refuses an event already imported. Observe progress with `notifications()`;
    /// `waitForImport(eventId:)` awaits the end.
    @discardableResult
    public func startImport(provider: Provider, externalId: String) async throws -> Event {
        let integration = try connectedIntegration(provider)
        if let existing = try store.event(provider: provider, externalId: externalId) {
            throw SyncError.alreadyImported(qualifiedId: existing.qualifiedId, localId: existing.id)
        }
        let client = try client(for: integration)
        let info: ProviderEvent
        do {
            info = try await client.event(externalId: externalId)
        } catch ProviderError.unauthorized(let message) {
            markIntegrationDisconnected(provider)
            throw ProviderError.unauthorized(message)
        }
        // A second request may have created it meanwhile: the store's unique key decides.
        if let existing = try store.event(provider: provider, externalId: externalId) {
            throw SyncError.alreadyImported(qualifiedId: existing.qualifiedId, localId: existing.id)
        }
        let event: Event
        do {
            event = try store.createEvent(Event(
                integrationId: integration.id, provider: provider, externalId: externalId, name: info.name,
                startsAt: info.startsAt, endsAt: info.endsAt, timezone: info.timezone, syncStatus: .pending,
                accessCode: AccessCode.generate(),
                importProgress: Self.expectedTotal(info, provider: provider).map { ImportProgress(attendeesTotal: $0, startedAt: clock.now()) },
                createdAt: clock.now()))
        } catch {
            // Another desk or process created it between the check and the insert.
            if let existing = try store.event(provider: provider, externalId: externalId) {
                throw SyncError.alreadyImported(qualifiedId: existing.qualifiedId, localId: existing.id)
            }
            throw error
        }
        log.log(.info, "import of \(event.qualifiedId) started as #\(event.id)")
        _ = leads(event.id)  // a new event: this desk imports it and syncs it from now on
        launchImport(event)
        return event
    }

    /// The attendee total an import can expect from the event alone: Luma's `guest_count` (every
    /// guest the list returns), so a cursor-paged import still has a bar and an ETA. Eventbrite's
    /// number is a capacity, not a count (its pages tell `page_count` instead).
    nonisolated static func expectedTotal(_ info: ProviderEvent, provider: Provider) -> Int? {
        guard provider == .luma, let count = info.registrations, count > 0 else { return nil }
        return count
    }

    /// Awaits the running import of an event (nil when none runs).
    public func waitForImport(eventId: Int64) async throws -> SyncResult? {
        guard let task = importTasks[eventId] else { return nil }
        return try await task.value
    }

    /// Retry (R): resumes a stopped import from its checkpoint; for FAILED or ACTIVE events runs
    /// one sync now — a full resync when the last one did not complete or its cancellations are
    /// held (an incremental poll could never bring back what a broken scan touched), else a
    /// poll. Returns when done.
    @discardableResult
    public func retry(eventId: Int64) async throws -> SyncResult {
        let event = try loadEvent(eventId)
        switch event.syncStatus {
        case .pending:
            if let running = importTasks[eventId] { return try await running.value }
            try requireLead(eventId, forward: false)
            _ = try connectedIntegration(event.provider)
            launchImport(event)
            return try await importTasks[eventId]!.value
        case .disconnected:
            throw SyncError.notReady(eventId: eventId, status: .disconnected)
        case .active, .failed:
            try requireLead(eventId, forward: true)
            if fullScanOwed.contains(eventId) || event.heldCancellation != nil {
                return try await resync(eventId: eventId)
            }
            return try await poll(eventId: eventId)
        }
    }

    /// Reconnect: after the integration has a working credential again, re-imports the event
    /// (PENDING → ACTIVE). Merge rules keep VIP flags, check-ins and print history.
    @discardableResult
    public func reconnect(eventId: Int64) async throws -> Event {
        var event = try loadEvent(eventId)
        if importTasks[eventId] != nil { throw SyncError.importRunning(eventId) }
        try requireLead(eventId, forward: false)
        _ = try connectedIntegration(event.provider)
        try store.clearImportCheckpoint(eventId: eventId)
        event.syncStatus = event.syncStatus.after(.importStarted)
        event.lastError = nil
        // The total the last import knew (Luma's guest count) keeps the new bar and ETA.
        event.importProgress = event.importProgress?.attendeesTotal.map { ImportProgress(attendeesTotal: $0, startedAt: clock.now()) }
        try save(event)
        failures[eventId] = nil
        nextAttemptAt[eventId] = nil
        launchImport(event)
        return event
    }

    /// Starts the import job task of an event (resuming from its checkpoint, if any).
    func launchImport(_ event: Event) {
        let id = event.id
        let task = Task.detached { [self] in
            do {
                let result = try await self.runImportJob(eventId: id)
                await self.importEnded(id)
                return result
            } catch {
                await self.importEnded(id)
                throw error
            }
        }
        importTasks[id] = task
    }

    /// Called by the job itself before it returns, so `isImporting` is false by the time anyone
    /// awaiting the job sees its result.
    private func importEnded(_ eventId: Int64) { importTasks[eventId] = nil }

    /// The import job: every page committed with its checkpoint, progress published, then the
    /// final incremental sweep and ACTIVE. Runs off the actor; touches it only for bookkeeping.
    nonisolated func runImportJob(eventId: Int64) async throws -> SyncResult {
        let started = clock.now()
        var event = try await loadEvent(eventId)
        let client: any ProviderClient
        do {
            client = try await self.client(for: event)
        } catch {
            return try await importStopped(eventId: eventId, error: error)
        }
        let requestsBefore = await client.requestCount()
        let checkpoint = try store.importCheckpoint(eventId: eventId)
        let jobStart = checkpoint?.startedAt ?? started
        // A resumed job counts the time the earlier run spent (not the gap after it stopped), so
        // the rate and ETA of the progress bar stay sensible.
        let earlierWork = checkpoint.map { max(0, $0.updatedAt.timeIntervalSince($0.startedAt)) } ?? 0
        var progress = ImportProgress(pagesDone: checkpoint?.pagesDone ?? 0, pagesTotal: checkpoint?.pagesTotal,
                                      attendeesSoFar: checkpoint?.attendeesSoFar ?? 0,
                                      attendeesTotal: event.importProgress?.attendeesTotal,
                                      startedAt: started.addingTimeInterval(-earlierWork), updatedAt: started)
        event.syncStatus = event.syncStatus.after(.importStarted)
        event.lastError = nil
        event.importProgress = progress
        try await save(event)
        await notify(.importStarted(event))

        let tally = ImportTally(progress: progress)
        // A checkpoint past the last page (pages done, no next cursor) means the scan itself
        // completed before the job stopped (e.g. killed during the final sweep): only the sweep
        // is left to do.
        let scanDone = checkpoint.map { $0.pagesDone > 0 && $0.cursor == nil } ?? false
        // Pages are merged on the writer's thread, several per transaction, while the scan
        // fetches and decodes the next ones; progress is published for committed pages only.
        var merger: PageMerger?
        do {
            if !scanDone {
                let clock = self.clock
                let writer = PageMerger(store: store, eventId: eventId, groupCommit: config.groupCommit,
                                        now: { clock.now() }, merged: { tally.add($0) })
                merger = writer
                try await client.fullScan(eventExternalId: event.externalId, resumeCursor: checkpoint?.cursor) { page in
                    try Task.checkCancellation()
                    let now = self.clock.now()
                    let snapshot = tally.advance(by: page)
                    let cp = ImportCheckpoint(eventId: eventId, cursor: page.nextCursor, pagesDone: snapshot.pagesDone,
                                              attendeesSoFar: snapshot.attendeesSoFar, pagesTotal: snapshot.pagesTotal,
                                              startedAt: jobStart, updatedAt: now)
                    var write = PageWrite(attendees: page.attendees, checkpoint: cp)
                    write.prepareNewRows(eventId: eventId)  // here, beside the fetches, not on the writer
                    try await writer.submit(write, progress: snapshot)
                    for committed in writer.takeCommitted() {
                        await self.importProgressed(eventId: eventId, progress: committed, now: now)
                    }
                }
                try await writer.finish()
                for committed in writer.takeCommitted() {
                    await importProgressed(eventId: eventId, progress: committed, now: clock.now())
                }
            }
            // Items can move between pages while paging: one incremental sweep from before the
            // job started catches what moved or changed meanwhile. The provider stamps changes
            // with its own clock: starting no later than the newest stamp the pages carried keeps
            // the cursor in provider time even when that clock is behind ours by more than the
            // safety margin (the sweep then returns only the newest rows again).
            var from = jobStart.addingTimeInterval(-config.cursorSafetyMargin)
            if let newest = tally.newestProviderStamp, newest < from { from = newest }
            let since = changeCursor(provider: event.provider, from: from)
            let sweep = try await client.changes(eventExternalId: event.externalId, since: since)
            if !sweep.attendees.isEmpty {
                // The sweep re-reads rows the pages merged: the tally counts each attendee once.
                tally.add(try store.mergePage(eventId: eventId, attendees: sweep.attendees, checkpoint: nil, now: clock.now()))
            }
            progress = tally.progress
            progress.finished = true
            progress.updatedAt = clock.now()
            event = try await loadEvent(eventId)
            event.syncStatus = event.syncStatus.after(.importCompleted)
            event.syncCursor = sweep.cursor
            event.lastSyncedAt = clock.now()
            event.lastError = nil
            event.importProgress = progress
            try await save(event)
            try store.clearImportCheckpoint(eventId: eventId)
            settleInBackground()
            let result = SyncResult(eventId: eventId, syncStatus: event.syncStatus, counts: tally.counts,
                                    requests: await client.requestCount() - requestsBefore,
                                    durationMs: Int(clock.now().timeIntervalSince(started) * 1000))
            await importCompleted(eventId: eventId, result: result, client: client)
            return result
        } catch {
            await merger?.abandon()
            return try await importStopped(eventId: eventId, error: error)
        }
    }

    private func importProgressed(eventId: Int64, progress: ImportProgress, now: Date) {
        notify(.importProgressed(eventId: eventId, progress))
        notify(.dataChanged(eventId: eventId))
        let last = lastProgressPersist[eventId] ?? .distantPast
        guard now.timeIntervalSince(last) >= config.progressPersistInterval,
              var event = try? store.event(id: eventId) else { return }
        lastProgressPersist[eventId] = now
        event.importProgress = progress
        try? store.updateEvent(event)
    }

    private func importCompleted(eventId: Int64, result: SyncResult, client: any ProviderClient) async {
        lastProgressPersist[eventId] = nil
        failures[eventId] = nil
        nextAttemptAt[eventId] = nil
        fullScanOwed.remove(eventId)  // a (re-)import just read the whole list
        lastFullScanAt[eventId] = clock.now()
        log.log(.info, "import of #\(eventId) finished: \(result.counts.added) added, \(result.requests) requests")
        notify(.importFinished(eventId: eventId, result))
        notify(.dataChanged(eventId: eventId))
        await publishBudget(client)
    }

    /// The job stopped: the event stays PENDING (→ "Import failed", Retry resumes) unless the
    /// credential was rejected (→ DISCONNECTED). Rethrows the error as one line.
    private func importStopped(eventId: Int64, error: any Error) throws -> SyncResult {
        lastProgressPersist[eventId] = nil
        let stored = try? store.event(id: eventId)
        // With the provider's name: "event no longer exists at Eventbrite", not "at the provider".
        let reason = Self.reason(error, provider: stored?.provider)
        if var event = stored {
            if case ProviderError.unauthorized = error {
                event.syncStatus = event.syncStatus.after(.unauthorized)
                markIntegrationDisconnected(event.provider)
            } else {
                event.syncStatus = event.syncStatus.after(.importStopped)
            }
            event.lastError = reason
            if var p = event.importProgress {
                p.error = reason
                p.finished = true
                event.importProgress = p
            }
            try? save(event)
        }
        log.log(.warning, "import of #\(eventId) stopped: \(reason)")
        notify(.importFailed(eventId: eventId, reason: reason))
        throw error
    }

    /// Copies the write-ahead log of a bulk write into the database file, off the job's path
    /// (the import is done when its rows are committed; this is housekeeping).
    nonisolated func settleInBackground() {
        let store = self.store
        Task.detached(priority: .utility) { store.settleAfterBulkWrite() }
    }

    /// The provider-specific change cursor for "everything changed at or after `date`".
    nonisolated func changeCursor(provider: Provider, from date: Date) -> String {
        switch provider {
        case .eventbrite: return EventbriteClient.changeCursor(for: date)
        case .luma: return LumaClient.changeCursor(for: date)
        }
    }
}

/// Running totals of an import job, shared by the page callback (which is `@Sendable`).
final class ImportTally: @unchecked Sendable {
    private let lock = NSLock()
    private var _progress: ImportProgress
    private var _tally = SyncTally()
    private var _newest: Date?

    init(progress: ImportProgress) { _progress = progress }

    /// The newest provider time (`changedAt`, `checkedInAt`) seen on the pages of this run.
    var newestProviderStamp: Date? { lock.withLock { _newest } }

    var progress: ImportProgress { lock.withLock { _progress } }
    /// Each attendee merged by this run counted once (pages and the closing sweep together).
    var counts: SyncCounts { lock.withLock { _tally.counts } }

    func advance(by page: AttendeePage) -> ImportProgress {
        lock.withLock {
            _progress.pagesDone += 1
            _progress.attendeesSoFar += page.attendees.count
            if let total = page.pageCount { _progress.pagesTotal = total }
            if let total = page.totalCount { _progress.attendeesTotal = total }
            for a in page.attendees {
                for stamp in [a.changedAt, a.checkedInAt] {
                    if let stamp, _newest.map({ stamp > $0 }) ?? true { _newest = stamp }
                }
            }
            return _progress
        }
    }

    func add(_ merges: [AttendeeMerge.Outcome]) { lock.withLock { _tally.record(merges) } }
}
