import BadgeCore

/// Work `update` asks for, as data (ARCHITECTURE §3). The composition root runs each effect off
/// the UI thread against the store / sync engine / printer and sends the result back as an
/// `Action` (named alongside each case).
///
/// The operator: effects do not repeat who does them. The composition root takes
/// `state.operatorName` (and its configured station name) from the state `update` just returned
/// these effects with — the same synchronous step — and passes it to the store: `checkIn` →
/// `checkIn(operatorName:station:)`, `toggleVIP` → `setVIP(operatorName:)`, `printBadge` →
/// `recordPrint(PrintRecord(operatorName:))`, `recordAudit` → `recordAudit(operatorName:)`.
public enum Effect: Sendable, Equatable {
    /// → `eventsLoaded`.
    case loadEvents
    /// Reload the event record → `eventStatusChanged`.
    case loadEventView(eventId: Int64)
    /// → `attendeePageLoaded(query:rows:total:)` with this exact query.
    case loadAttendeePage(AttendeeQuery)
    /// → `eventStatsLoaded`.
    case loadStats(eventId: Int64)
    /// → `integrationsLoaded`.
    case loadIntegrations
    /// → `providerEventsLoaded` (or `operationFailed`).
    case loadProviderEvents(Provider)
    /// Verify and save the credential → `integrationConnected` + `integrationsLoaded`, or `operationFailed`.
    case connectIntegration(Provider, Secret)
    /// Create the event and start its import → `importStarted`, `importProgressed`…, `importFinished`/`importFailed`.
    /// A duplicate is refused by the store → `operationFailed`.
    case runImport(Provider, externalId: String)
    /// One-shot manual resync → `syncStarted`, then `syncFinished`/`syncFailed`.
    case runResync(eventId: Int64)
    /// Retry: resume a stopped import (PENDING) or run one sync now (FAILED).
    case retry(eventId: Int64)
    /// Re-import a DISCONNECTED event after its integration was reconnected → `importStarted`….
    case reconnect(eventId: Int64)
    /// Apply the cancellations the mass-cancellation guard held (a full scan allowing the drop)
    /// → `syncStarted`, then `syncFinished`/`syncFailed`.
    case confirmCancellations(eventId: Int64)
    /// → `vipToggled` or `vipToggleFailed`.
    case toggleVIP(attendeeId: Int64, Bool)
    /// Register a walk-in (`store.addWalkIn`) → `walkInRegistered` (update then checks them in
    /// and prints, as "Print badge & check in" does), or `operationFailed`.
    case addWalkIn(eventId: Int64, WalkIn)
    /// Make the attendee's corrections these (`store.setCorrection` for each field that differs)
    /// → `attendeeEdited`, or `operationFailed`.
    case setCorrections(attendeeId: Int64, BadgeCorrections)
    /// `store.setNote` (nil clears) → `attendeeEdited`, or `operationFailed`.
    case setNote(attendeeId: Int64, String?)
    /// → `checkInRecorded`.
    case checkIn(attendeeId: Int64, CheckInAction)
    /// Select the template, print, record → `printed` (or `printFailed`).
    case printBadge(attendeeId: Int64)
    /// Retry a failed print job (a reprint, counted, for one of unknown outcome) → `printed` /
    /// `printFailed`, then the card's notice again (issue #16).
    case retryPrintJob(jobId: Int64, attendeeId: Int64)
    /// Look the (normalised) code up in this event, then in every other imported event →
    /// `scanLookedUp(code:_:)` (the code as given).
    case lookupScan(eventId: Int64, code: String)
    /// The kiosk's typed lookup: the event's attendees whose email matches, narrowed by
    /// `KioskMatch.match` → `kioskLookedUp(lastName:email:_:)` (never a list of candidates).
    case kioskLookup(eventId: Int64, lastName: String, email: String)
    /// → `attendeeLocated(query:attendeeId:position:)`: where the attendee now is in the query's order.
    case locateAttendee(AttendeeQuery, attendeeId: Int64)
    /// Attendee, check-in history and prints → `cardLoaded`.
    case loadCard(attendeeId: Int64)
    /// The attendee's badge as it will print (their template, laid out and rasterised as for a
    /// label printer), drawn in text for a box of `columns × rows` cells → `badgePreviewLoaded`.
    case loadBadgePreview(attendeeId: Int64, columns: Int, rows: Int)
    /// Leave the console (jobs continue as the composition root decides).
    case quit

    /// Check a PIN with `PINHasher.verify(pin.value, against: member.pinHash)`:
    /// - `.login`: against the member called `name` (case-insensitive) → `pinVerified(name: member.name,
    ///   role: member.role, purpose: .login)`, or `pinRejected(name:purpose:)` (also for an unknown name).
    /// - `.leaveStationMode` (`name` is nil): against every ADMIN member → `pinVerified(name: thatAdmin,
    ///   role: .admin, purpose:)` for the first match, or `pinRejected(name: nil, purpose:)`.
    /// - While the store's persisted wrong-PIN count locks the subject, or when this wrong PIN
    ///   earns the lock: `pinLocked(name:purpose:failures:until:)` (issue #13).
    /// Never log or show the PIN; `AppState.pinLockout` mirrors the lock for the prompt.
    case verifyPIN(name: String?, pin: Secret, purpose: PINPurpose)
    /// Append to the audit log: `store.recordAudit(operatorName: state.operatorName,
    /// action: action.rawValue, detail: detail, at: now)`. No reply (a failure → `operationFailed`).
    case recordAudit(action: AuditAction, detail: String)
}
