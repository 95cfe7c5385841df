import BadgeCore
import Foundation
import Providers
import Storage

extension SyncEngine {
    // MARK: - Manual resync

    /// Manual resync (S, `badge sync`): a one-shot full refresh of attendees, totals and
    /// statistics; rows the provider no longer returns become NOT_ATTENDING (only after a scan
    /// that completed, and only when they are not too many at once: see `fullRefresh`). A request
    /// while one runs joins it and gets the same result.
    ///
    /// Throws `SyncError.cancellationsHeld` when the mass-cancellation guard held the scan's
    /// cancellations back: the rest of the merge is applied, the event stays ACTIVE and shows
    /// the held cancellations until an admin confirms or a retry clears them.
    @discardableResult
    public func resync(eventId: Int64) async throws -> SyncResult {
        try await fullResync(eventId: eventId, allowMassCancellation: false)
    }

    /// The admin's confirmation of held cancellations (`badge events confirm-cancellations`, C):
    /// runs the full scan again and applies what it finds missing, however many. Refused when
    /// nothing is held. The provider's list is read again, so a list that recovered meanwhile
    /// cancels no one.
    @discardableResult
    public func confirmMassCancellation(eventId: Int64) async throws -> SyncResult {
        try requireLead(eventId, forward: false)
        if let running = resyncTasks[eventId] { _ = try? await running.value }
        guard try loadEvent(eventId).heldCancellation != nil else { throw SyncError.nothingHeld(eventId) }
        let result = try await fullResync(eventId: eventId, allowMassCancellation: true)
        log.log(.warning, "held cancellations of #\(eventId) confirmed: \(result.counts.cancelled) cancelled")
        return result
    }

    private func fullResync(eventId: Int64, allowMassCancellation: Bool) async throws -> SyncResult {
        if let running = resyncTasks[eventId], !allowMassCancellation { return try await running.value }
        try requireLead(eventId, forward: !allowMassCancellation)
        let event = try loadEvent(eventId)
        if importTasks[eventId] != nil { throw SyncError.importRunning(eventId) }
        guard event.syncStatus == .active || event.syncStatus == .failed else {
            throw SyncError.notReady(eventId: eventId, status: event.syncStatus)
        }
        let task = Task<SyncResult, any Error> {
            try await self.runResync(eventId: eventId, allowMassCancellation: allowMassCancellation)
        }
        resyncTasks[eventId] = task
        notify(.syncStarted(eventId: eventId))
        defer { resyncTasks[eventId] = nil }
        return try await task.value
    }

    private func runResync(eventId: Int64, allowMassCancellation: Bool) async throws -> SyncResult {
        let started = clock.now()
        var event = try loadEvent(eventId)
        do {
            let client = try client(for: event)
            let before = await client.requestCount()
            let refresh: FullRefresh
            do {
                refresh = try await fullRefresh(event: event, client: client, allowMassCancellation: allowMassCancellation)
            } catch {
                if !(error is CancellationError) { fullScanOwed.insert(eventId) }
                throw error
            }
            fullScanOwed.remove(eventId)
            event = try loadEvent(eventId)
            if event.syncCursor == nil { event.syncCursor = refresh.cursor }
            let result = try succeeded(&event, counts: refresh.counts,
                                       requests: await client.requestCount() - before, started: started)
            await publishBudget(client)
            if let held = refresh.held {
                log.log(.warning, "resync of #\(eventId): \(held.summary)")
                throw SyncError.cancellationsHeld(eventId: eventId, held)
            }
            return result
        } catch let error as SyncError {
            if case .cancellationsHeld = error { throw error }
            throw failed(eventId: eventId, error: error)
        } catch {
            throw failed(eventId: eventId, error: error)
        }
    }

    /// What a full refresh did.
    struct FullRefresh: Sendable {
        var counts: SyncCounts
        var cursor: String?
        /// Set when the mass-cancellation guard held the vanished rows back.
        var held: HeldCancellation?
    }

    /// Full scan + merge + vanished rows → NOT_ATTENDING (only after a complete scan). The
    /// mass-cancellation guard: when more than `config.massCancelThreshold` % of the attending
    /// rows vanished at once, none is cancelled and the event records the hold (a complete scan
    /// within the threshold, or `allowMassCancellation`, clears it).
    func fullRefresh(event: Event, client: any ProviderClient,
                     allowMassCancellation: Bool = false) async throws -> FullRefresh {
        let scanStart = clock.now()
        let seen = SeenIds()
        let store = self.store
        let clock = self.clock
        let eventId = event.id
        try await client.fullScan(eventExternalId: event.externalId, resumeCursor: nil) { page in
            try Task.checkCancellation()
            seen.add(page.attendees)
            seen.add(merges: try store.mergePage(eventId: eventId, attendees: page.attendees, checkpoint: nil, now: clock.now()))
        }
        var counts = seen.counts
        let ids = seen.ids
        var held: HeldCancellation?
        if !allowMassCancellation {
            let (missing, attending) = try store.missingCount(eventId: eventId, seen: ids)
            held = HeldCancellation.check(count: missing, attending: attending,
                                          thresholdPercent: config.massCancelThreshold, at: clock.now())
        }
        if held == nil {
            counts.cancelled += try store.markMissing(eventId: eventId, seen: ids, now: clock.now())
        }
        let wasHeld = try store.event(id: eventId)?.heldCancellation != nil
        if held != nil || wasHeld {
            try store.setHeldCancellation(eventId: eventId, held)
        }
        settleInBackground()
        lastFullScanAt[eventId] = clock.now()
        rollingScans[eventId] = nil  // this pass covered everything a rolling one would
        notify(.dataChanged(eventId: eventId))
        // As after an import: no later than the newest stamp the provider sent (its clock may be behind ours).
        var from = scanStart.addingTimeInterval(-config.cursorSafetyMargin)
        if let newest = seen.newestProviderStamp, newest < from { from = newest }
        return FullRefresh(counts: counts, cursor: changeCursor(provider: event.provider, from: from), held: held)
    }

    // MARK: - Luma periodic full scan

    /// Luma has no change filter, so edits and cancellations of older guests only show up in a
    /// full scan. Every `lumaFullScanInterval` a pass starts; each poll fetches the next slice of
    /// it (at most `lumaFullScanPagesPerPoll` pages, and never more than half of the budget that
    /// is left), resuming from the cursor where the previous slice stopped. Vanished rows are not
    /// marked here: pages shift while a pass spans minutes, so only a manual resync does that.
    func periodicScanSlice(event: Event, client: any ProviderClient) async throws -> SyncCounts {
        let eventId = event.id
        var scan: RollingScan
        if let running = rollingScans[eventId] {
            scan = running
        } else {
            let last = lastFullScanAt[eventId] ?? .distantPast
            guard clock.now().timeIntervalSince(last) >= config.lumaFullScanInterval else { return SyncCounts() }
            scan = RollingScan(cursor: nil, startedAt: clock.now())
        }
        let allowance = Self.scanAllowance(await client.budget(), maxPages: config.lumaFullScanPagesPerPoll,
                                           now: clock.now())
        guard allowance > 0 else { return SyncCounts() }

        let slice = ScanSlice(limit: allowance)
        let store = self.store
        let clock = self.clock
        do {
            try await client.fullScan(eventExternalId: event.externalId, resumeCursor: scan.cursor) { page in
                try Task.checkCancellation()
                let counts = try store.applyPage(eventId: eventId, attendees: page.attendees, checkpoint: nil,
                                                 now: clock.now())
                if slice.pageMerged(counts, nextCursor: page.nextCursor) { throw ScanSlice.Ended() }
            }
            rollingScans[eventId] = nil
            lastFullScanAt[eventId] = clock.now()
        } catch is ScanSlice.Ended {
            scan.cursor = slice.nextCursor
            rollingScans[eventId] = scan
        } catch {
            // Keep what the slice got through; the next poll resumes after its last merged page.
            if slice.pages > 0 {
                scan.cursor = slice.nextCursor
                rollingScans[eventId] = scan
            }
            throw error
        }
        return slice.counts
    }

    /// Pages a periodic scan slice may fetch: half of what the budget has left (the other half
    /// stays for head scans, other events and the desk's S), capped at `maxPages`; none while
    /// the provider has us blocked. Halving what is left can never spend the whole budget.
    static func scanAllowance(_ budget: RateBudgetSnapshot, maxPages: Int, now: Date) -> Int {
        if let until = budget.blockedUntil, until > now { return 0 }
        return max(0, min(maxPages, budget.remaining / 2))
    }

    /// Where a rolling Luma scan of an event got to (nil = the pass is complete).
    public func periodicScanCursor(eventId: Int64) -> String? { rollingScans[eventId]?.cursor }
}

/// A periodic full scan spread over several polls.
struct RollingScan: Sendable {
    /// Cursor of the next page to fetch (nil = first page).
    var cursor: String?
    var startedAt: Date
}

/// One slice of a rolling scan: counts pages and merges, and says when the slice is full.
final class ScanSlice: @unchecked Sendable {
    /// Thrown from the page callback to stop the scan at the end of a slice.
    struct Ended: Error {}

    private let lock = NSLock()
    private let limit: Int
    private var _pages = 0
    private var _counts = SyncCounts()
    private var _next: String?

    init(limit: Int) { self.limit = limit }

    var pages: Int { lock.withLock { _pages } }
    var counts: SyncCounts { lock.withLock { _counts } }
    var nextCursor: String? { lock.withLock { _next } }

    /// Records a merged page; true when the slice is full and more pages remain.
    func pageMerged(_ counts: SyncCounts, nextCursor: String?) -> Bool {
        lock.withLock {
            _pages += 1
            _counts += counts
            _next = nextCursor
            return _pages >= limit && nextCursor != nil
        }
    }
}

/// Provider ids seen by a full scan and its merge counts, each attendee counted once even when
/// it moved between pages (shared with the `@Sendable` page callback).
final class SeenIds: @unchecked Sendable {
    private let lock = NSLock()
    private var _ids = Set<String>()
    private var _tally = SyncTally()
    private var _newest: Date?
    var ids: Set<String> { lock.withLock { _ids } }
    var counts: SyncCounts { lock.withLock { _tally.counts } }
    /// The newest provider time (`changedAt`, `checkedInAt`) on the pages seen.
    var newestProviderStamp: Date? { lock.withLock { _newest } }
    func add(_ attendees: [ProviderAttendee]) {
        lock.withLock {
            for a in attendees {
                _ids.insert(a.providerAttendeeId)
                for stamp in [a.changedAt, a.checkedInAt] {
                    if let stamp, _newest.map({ stamp > $0 }) ?? true { _newest = stamp }
                }
            }
        }
    }
    func add(merges: [AttendeeMerge.Outcome]) { lock.withLock { _tally.record(merges) } }
}
