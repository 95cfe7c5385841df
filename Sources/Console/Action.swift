import Foundation
import BadgeCore
import ScreenKit

/// Everything that can change the console's state: a key, a timer tick, a resize, a scan, or the
/// result of background work (named in the past tense). The UI loop feeds them to `update`.
public enum Action: Sendable, Equatable {
    // MARK: Input
    case key(Key)
    /// A barcode scanner burst (the composition root's `ScanBurstDetector` decided it).
    case scanned(String)
    /// Several keys typed faster than a person types, not ended by Enter/Tab: text for the
    /// search field (never commands).
    case typed(String)
    /// Timer tick: expires toasts; the frame re-renders relative times.
    case tick
    case resized(Size)

    // MARK: Store results
    /// Reply to `loadEvents`: every event with its statistics.
    case eventsLoaded([EventSummary])
    /// Reply to `loadStats`; also pushed when the poller changed counts.
    case eventStatsLoaded(eventId: Int64, EventStats)
    /// The event record changed (status, last synced, error); also the reply to `loadEventView`.
    case eventStatusChanged(Event)
    /// Reply to `loadAttendeePage`: the rows of `query` and the total matching it.
    case attendeePageLoaded(query: AttendeeQuery, rows: [Attendee], total: Int)
    /// Reply to `loadCard`.
    case cardLoaded(Attendee, history: [CheckInRecord], prints: [PrintRecord])
    /// Reply to `loadBadgePreview`.
    case badgePreviewLoaded(BadgePreview)
    /// Reply to `loadIntegrations` (and after a connect).
    case integrationsLoaded([IntegrationSummary])
    /// Reply to `loadProviderEvents`.
    case providerEventsLoaded(Provider, [ProviderEvent])
    /// Reply to `connectIntegration` when the provider accepted the credential.
    case integrationConnected(IntegrationSummary)

    // MARK: Sync engine
    /// `runImport`/`retry`/`reconnect` created or restarted the import of this event.
    case importStarted(Event)
    case importProgressed(eventId: Int64, ImportProgress)
    case importFinished(eventId: Int64, SyncResult)
    case importFailed(eventId: Int64, reason: String)
    case syncStarted(eventId: Int64)
    case syncFinished(SyncResult)
    /// A poll or resync failed after retries; `nextRetryAt` is the engine's next automatic try.
    case syncFailed(eventId: Int64, reason: String, nextRetryAt: Date?)
    case rateBudgetChanged(Provider, RateBudget)
    /// Several desks: who is online and who syncs which event (SPEC §11).
    case desksChanged(DeskPresence)
    /// Print stations' health changed (issue #16).
    case printStationsChanged([PrintStationStatus])
    /// Reply to `loadCard` too: the attendee's print job that needs the operator, or nil.
    case printJobNoticeLoaded(attendeeId: Int64, PrintJobNotice?)
    /// S or R at a desk that does not sync the event: the desk that does was asked to resync.
    case resyncForwarded(eventId: Int64, desk: String?)
    /// A sync job this desk may not run (another desk syncs the event): the reason.
    case syncRefused(eventId: Int64, reason: String)
    /// The poller brought changes: reload the visible page and the statistics.
    case dataChanged(eventId: Int64)

    // MARK: Desk actions
    /// Reply to `checkIn` (also for refusals: already checked in, not attending, nothing to undo).
    case checkInRecorded(attendeeId: Int64, CheckInOutcome)
    /// Reply to `addWalkIn`: the new row (not checked in yet).
    case walkInRegistered(Attendee)
    /// Reply to `setCorrections` / `setNote`: the attendee as stored.
    case attendeeEdited(Attendee)
    /// Reply to `toggleVIP`: the attendee as stored.
    case vipToggled(Attendee)
    /// `toggleVIP` failed: the optimistic flip is reverted.
    case vipToggleFailed(attendeeId: Int64, message: String)
    /// Reply to `printBadge`: what really happened to the badge.
    case printed(attendeeId: Int64, template: String, delivery: PrintDelivery)
    /// `printBadge` failed (the check-in, if any, stays recorded).
    case printFailed(attendeeId: Int64, reason: String)
    /// Reply to `lookupScan`.
    case scanLookedUp(code: String, ScanLookup)
    /// Reply to `kioskLookup`, echoing the last name and email it was asked for.
    case kioskLookedUp(lastName: String, email: String, KioskLookup)
    /// Reply to `locateAttendee`: the attendee's index in the query's order (nil: not in it).
    case attendeeLocated(query: AttendeeQuery, attendeeId: Int64, position: Int?)
    /// Any effect failed; a one-line human reason (never a credential).
    case operationFailed(String)

    // MARK: PINs
    /// Reply to `verifyPIN` when the PIN matched: the member it belongs to (for `.leaveStationMode`,
    /// the admin whose PIN it was) and that member's role from the store.
    case pinVerified(name: String, role: OperatorRole, purpose: PINPurpose)
    /// Reply to `verifyPIN` when it did not match (also for an unknown name, or no admin matched).
    /// `failures`: the store's count of wrong PINs now (nil: not counted, e.g. an unknown name).
    case pinRejected(name: String?, purpose: PINPurpose, failures: Int? = nil)
    /// Reply to `verifyPIN` when the store's persisted count of wrong PINs locks the prompt (no
    /// PIN was checked, or this wrong one earned the lock): locked until `until` (issue #13).
    case pinLocked(name: String?, purpose: PINPurpose, failures: Int, until: Date)
}

/// Where a printed badge went (SPEC §10 "honest results").
public struct PrintDelivery: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A printer (CUPS queue or label printer) accepted the job.
        case printer(queue: String)
        /// Only a PDF file was written.
        case pdf(path: String)
        /// Queued for a print station (it prints and counts it when done).
        case queued(station: String, job: Int64)
    }
    public var kind: Kind
    /// Characters of the badge's text that no installed font has (printed as blanks).
    public var missingGlyphs: String

    public init(_ kind: Kind, missingGlyphs: String = "") {
        self.kind = kind
        self.missingGlyphs = missingGlyphs
    }

    /// "Printed on QUEUE" / "Saved PDF → path" (+ the missing glyphs).
    public var summary: String {
        var text: String
        switch kind {
        case .printer(let queue): text = "Printed on \(queue)"
        case .pdf(let path): text = "Saved PDF → \(path)"
        case .queued(let station, let job): text = "Queued for print station \(station) (job \(job))"
        }
        if !missingGlyphs.isEmpty { text += " — no font has: \(missingGlyphs)" }
        return text
    }
}
