import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// One key pressed in one state: the exact effects and the state that must follow.
struct KeyCase: CustomTestStringConvertible, Sendable {
    let name: String
    let context: KeyContext
    let key: Key
    let given: @Sendable () -> AppState
    let effects: [Effect]
    let then: @Sendable (AppState) -> Bool
    var testDescription: String { name }
}

private let now = F.now
private func q(_ offset: Int = 0, filter: AttendeeFilter = .all, search: String = "") -> AttendeeQuery {
    AttendeeQuery(eventId: 1, filter: filter, search: search, offset: offset, limit: EventViewState.pageSize)
}
private func card(_ index: Int = 0) -> AppState {
    var s = F.eventView()
    s.eventView!.moveCursor(to: index)
    _ = update(&s, .key(.enter), now: now)
    return s
}
/// The walk-in form over the event view, `name` typed into its first field.
private func walkInForm(_ name: String = "") -> AppState {
    var s = F.eventView()
    _ = update(&s, .key(.char("w")), now: now)
    for c in name { _ = update(&s, .key(.char(c)), now: now) }
    return s
}
private func searching(_ text: String = "ad") -> AppState {
    var s = F.eventView()
    _ = update(&s, .key(.char("/")), now: now)
    for c in text { _ = update(&s, .key(.char(c)), now: now) }
    _ = update(&s, .attendeePageLoaded(query: q(search: text), rows: [F.rows[0]], total: 1), now: now)
    return s
}
/// The scan screen with a code typed and the verdict `verdict` shown a second ago.
private func scanning(line: String = "", verdict: ScanVerdict? = nil) -> AppState {
    var s = F.eventView()
    _ = update(&s, .key(.char("s")), now: now)
    s.scan?.line = line
    if let verdict {
        s.scan?.verdict = verdict
        s.scan?.verdictAt = now.addingTimeInterval(-1)
    }
    return s
}
private func failed(_ status: SyncStatus, error: String = "503 from provider") -> AppState {
    var s = F.eventView()
    var e = F.summit
    e.syncStatus = status
    e.lastError = error
    _ = update(&s, .eventStatusChanged(e), now: now)
    return s
}
/// An ACTIVE event whose resync held its cancellations back (the mass-cancellation guard).
private func held() -> AppState {
    var s = F.eventView()
    var e = F.summit
    e.syncStatus = .active
    e.heldCancellation = HeldCancellation(count: 150, attending: 150, detectedAt: now)
    _ = update(&s, .eventStatusChanged(e), now: now)
    return s
}
private func importDialog(withEvents: Bool) -> AppState {
    var s = F.dashboard()
    _ = update(&s, .key(.char("i")), now: now)
    _ = update(&s, .integrationsLoaded([F.integration()]), now: now)
    if withEvents {
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .providerEventsLoaded(.eventbrite, [
            ProviderEvent(externalId: "51660376577", name: "Tech Summit 2026", registrations: 100_000),
            ProviderEvent(externalId: "777", name: "Winter Party", registrations: 80),
        ]), now: now)
    }
    return s
}
private func integrations(entry: String? = nil) -> AppState {
    var s = F.dashboard()
    _ = update(&s, .key(.char("I")), now: now)
    _ = update(&s, .integrationsLoaded([F.integration()]), now: now)
    if let entry {
        _ = update(&s, .key(.enter), now: now)
        for c in entry { _ = update(&s, .key(.char(c)), now: now) }
    }
    return s
}
private func importing(failedWith reason: String? = nil) -> AppState {
    var s = F.dashboard()
    _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 3, pagesTotal: 10, attendeesSoFar: 150,
                                                                 startedAt: now.addingTimeInterval(-30))), now: now)
    _ = update(&s, .key(.down), now: now)
    _ = update(&s, .key(.enter), now: now)
    if let reason { _ = update(&s, .importFailed(eventId: 2, reason: reason), now: now) }
    return s
}
/// Lines one PgDn/PgUp moves Help by (a page, one line of context kept).
private func helpPage(_ s: AppState) -> Int {
    HelpView.visibleRows(height: s.size.height, lineCount: HelpView.lines(s).count) - 1
}
private func help() -> AppState {
    var s = F.eventView()
    _ = update(&s, .key(.char("?")), now: now)
    return s
}

/// Every case, including the login / PIN prompt / station ones (StationKeyCases.swift).
let keyCases: [KeyCase] = deskKeyCases + stationKeyCases + consoleAppKeyCases + kioskKeyCases + reconnectOfferKeyCases

let deskKeyCases: [KeyCase] = [
    // Dashboard
    KeyCase(name: "dashboard ↓", context: .dashboard, key: .down, given: { F.dashboard() }, effects: [],
            then: { $0.dashboard.selected == 1 }),
    KeyCase(name: "dashboard j", context: .dashboard, key: .char("j"), given: { F.dashboard() }, effects: [],
            then: { $0.dashboard.selected == 1 }),
    KeyCase(name: "dashboard ↑ stops at the top", context: .dashboard, key: .up, given: { F.dashboard() }, effects: [],
            then: { $0.dashboard.selected == 0 }),
    KeyCase(name: "dashboard k", context: .dashboard, key: .char("k"),
            given: { var s = F.dashboard(); s.dashboard.selected = 1; return s }, effects: [],
            then: { $0.dashboard.selected == 0 }),
    KeyCase(name: "dashboard Enter opens an ACTIVE event", context: .dashboard, key: .enter, given: { F.dashboard() },
            effects: [.loadEventView(eventId: 1), .loadAttendeePage(q()), .loadStats(eventId: 1)],
            then: { $0.screen == .eventView(eventId: 1) && $0.backStack == [.dashboard] && $0.eventView?.pendingQuery == q() }),
    KeyCase(name: "dashboard i", context: .dashboard, key: .char("i"), given: { F.dashboard() }, effects: [.loadIntegrations],
            then: { $0.screen == .importDialog && $0.importDialog.provider == nil }),
    KeyCase(name: "dashboard I", context: .dashboard, key: .char("I"), given: { F.dashboard() }, effects: [.loadIntegrations],
            then: { $0.screen == .integrations }),

    // Import dialog
    KeyCase(name: "import ↓", context: .importDialog, key: .down, given: { importDialog(withEvents: true) }, effects: [],
            then: { $0.importDialog.selected == 1 }),
    KeyCase(name: "import j", context: .importDialog, key: .char("j"), given: { importDialog(withEvents: true) },
            effects: [], then: { $0.importDialog.selected == 1 }),
    KeyCase(name: "import ↑", context: .importDialog, key: .up,
            given: { var s = importDialog(withEvents: true); s.importDialog.selected = 1; return s }, effects: [],
            then: { $0.importDialog.selected == 0 }),
    KeyCase(name: "import k", context: .importDialog, key: .char("k"),
            given: { var s = importDialog(withEvents: true); s.importDialog.selected = 1; return s }, effects: [],
            then: { $0.importDialog.selected == 0 }),
    KeyCase(name: "import Enter picks the integration", context: .importDialog, key: .enter,
            given: { importDialog(withEvents: false) }, effects: [.loadProviderEvents(.eventbrite)],
            then: { $0.importDialog.provider == .eventbrite && $0.importDialog.loading }),
    KeyCase(name: "import Enter imports a new event", context: .importDialog, key: .enter,
            given: { var s = importDialog(withEvents: true); s.importDialog.selected = 1; return s },
            effects: [.runImport(.eventbrite, externalId: "777"), .recordAudit(action: .importEvent, detail: "eventbrite:777")], then: { $0.toast?.text == "Importing Winter Party…" }),
    KeyCase(name: "import Enter refuses an imported event", context: .importDialog, key: .enter,
            given: { importDialog(withEvents: true) }, effects: [],
            then: { $0.toast?.text == "Already imported: Tech Summit 2026 — open it from the dashboard" && $0.toast?.kind == .warning }),
    KeyCase(name: "import Esc goes back to the integrations", context: .importDialog, key: .escape,
            given: { importDialog(withEvents: true) }, effects: [],
            then: { $0.screen == .importDialog && $0.importDialog.provider == nil }),

    // Integrations and the masked field
    KeyCase(name: "integrations ↓", context: .integrations, key: .down, given: { integrations() }, effects: [],
            then: { $0.integrationsScreen.selected == 1 }),
    KeyCase(name: "integrations j", context: .integrations, key: .char("j"), given: { integrations() }, effects: [],
            then: { $0.integrationsScreen.selected == 1 }),
    KeyCase(name: "integrations ↑", context: .integrations, key: .up,
            given: { var s = integrations(); s.integrationsScreen.selected = 1; return s }, effects: [],
            then: { $0.integrationsScreen.selected == 0 }),
    KeyCase(name: "integrations k", context: .integrations, key: .char("k"),
            given: { var s = integrations(); s.integrationsScreen.selected = 1; return s }, effects: [],
            then: { $0.integrationsScreen.selected == 0 }),
    KeyCase(name: "integrations Enter opens the field", context: .integrations, key: .enter, given: { integrations() },
            effects: [], then: { $0.integrationsScreen.entry == CredentialEntry(provider: .eventbrite) }),
    KeyCase(name: "integrations c opens the field", context: .integrations, key: .char("c"),
            given: { var s = integrations(); s.integrationsScreen.selected = 1; return s },
            effects: [], then: { $0.integrationsScreen.entry?.provider == .luma }),
    KeyCase(name: "integrations Esc", context: .integrations, key: .escape, given: { integrations() }, effects: [],
            then: { $0.screen == .dashboard }),
    KeyCase(name: "token Enter submits", context: .credentialEntry, key: .enter, given: { integrations(entry: "tok-12345678") },
            effects: [.connectIntegration(.eventbrite, Secret("tok-12345678"))],
            then: { $0.integrationsScreen.entry == nil && $0.integrationsScreen.connecting == .eventbrite }),
    KeyCase(name: "token Backspace", context: .credentialEntry, key: .backspace, given: { integrations(entry: "abc") },
            effects: [], then: { $0.integrationsScreen.entry?.text == Secret("ab") }),
    KeyCase(name: "token Delete", context: .credentialEntry, key: .delete, given: { integrations(entry: "abc") },
            effects: [], then: { $0.integrationsScreen.entry?.text == Secret("ab") }),
    KeyCase(name: "token Esc cancels", context: .credentialEntry, key: .escape, given: { integrations(entry: "abc") },
            effects: [], then: { $0.integrationsScreen.entry == nil && $0.screen == .integrations }),

    // Import in progress
    KeyCase(name: "import progress R retries a stopped import", context: .importProgress, key: .char("R"),
            given: { importing(failedWith: "timed out") }, effects: [.retry(eventId: 2), .recordAudit(action: .retry, detail: "luma:evt-9x")],
            then: { $0.importsRunning[2] != nil && $0.alert(for: 2) == nil }),
    KeyCase(name: "import progress R ignored while running", context: .importProgress, key: .char("R"),
            given: { importing() }, effects: [], then: { $0.screen == .importProgress(eventId: 2) }),
    KeyCase(name: "import progress Esc", context: .importProgress, key: .escape, given: { importing() }, effects: [],
            then: { $0.screen == .dashboard }),

    // Event view
    KeyCase(name: "event ↓", context: .eventView, key: .down, given: { F.eventView() }, effects: [],
            then: { $0.eventView?.selected == 1 }),
    KeyCase(name: "event j", context: .eventView, key: .char("j"), given: { F.eventView() }, effects: [],
            then: { $0.eventView?.selected == 1 }),
    KeyCase(name: "event ↑", context: .eventView, key: .up,
            given: { var s = F.eventView(); s.eventView!.moveCursor(to: 2); return s }, effects: [],
            then: { $0.eventView?.selected == 1 }),
    KeyCase(name: "event k", context: .eventView, key: .char("k"),
            given: { var s = F.eventView(); s.eventView!.moveCursor(to: 2); return s }, effects: [],
            then: { $0.eventView?.selected == 1 }),
    KeyCase(name: "event PgDn (17 rows visible)", context: .eventView, key: .pageDown,
            given: { F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000) }, effects: [],
            then: { $0.eventView?.selected == 17 && $0.eventView?.scrollTop == 17 }),
    KeyCase(name: "event PgUp", context: .eventView, key: .pageUp,
            given: { var s = F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000)
                     s.eventView!.moveCursor(to: 40); s.eventView!.scrollTop = 30; return s }, effects: [],
            then: { $0.eventView?.selected == 23 && $0.eventView?.scrollTop == 13 }),
    KeyCase(name: "event End loads the last page", context: .eventView, key: .end,
            given: { F.eventView(rows: F.page(offset: 0, count: 120), total: 100_000) },
            effects: [.loadAttendeePage(q(99_983 - 51))],
            then: { $0.eventView?.selected == 99_999 && $0.eventView?.scrollTop == 99_983 }),
    KeyCase(name: "event Home", context: .eventView, key: .home,
            given: { var s = F.eventView(); s.eventView!.moveCursor(to: 3); return s }, effects: [],
            then: { $0.eventView?.selected == 0 }),
    KeyCase(name: "event R retries a failed sync", context: .eventView, key: .char("R"), given: { failed(.failed) },
            effects: [.retry(eventId: 1), .recordAudit(action: .retry, detail: "eventbrite:51660376577")], then: { $0.syncInFlight == [1] }),
    KeyCase(name: "event D dismisses the conflicts this desk lost", context: .eventView, key: .char("D"),
            given: {
                var s = F.eventView()
                s.desks = DeskPresence(online: ["a"], leaders: [:], offline: DeskOffline(queued: 0, conflicts: [
                    OfflineConflict(eventId: 1, attendeeId: 2, attendeeName: "Ann", kind: .checkIn, winnerDesk: "b",
                                    winnerAt: F.now, loserDesk: "a", loserAt: F.now, recordedAt: F.now),
                ]))
                return s
            }, effects: [.acknowledgeConflicts], then: { $0.desks?.offline?.conflicts.isEmpty == true }),
    KeyCase(name: "event D without conflicts does nothing", context: .eventView, key: .char("D"), given: { F.eventView() },
            effects: [], then: { $0.desks == nil }),
    KeyCase(name: "event R ignored without an alert", context: .eventView, key: .char("R"), given: { F.eventView() },
            effects: [], then: { $0.syncInFlight.isEmpty }),
    KeyCase(name: "event R rescans when cancellations are held", context: .eventView, key: .char("R"), given: { held() },
            effects: [.retry(eventId: 1), .recordAudit(action: .retry, detail: "eventbrite:51660376577")],
            then: { $0.syncInFlight == [1] }),
    KeyCase(name: "event C confirms held cancellations", context: .eventView, key: .char("C"), given: { held() },
            effects: [.confirmCancellations(eventId: 1),
                      .recordAudit(action: .confirmCancellations,
                                   detail: "eventbrite:51660376577: Resync would cancel 150 of 150 attendees (100 %) — not applied")],
            then: { $0.syncInFlight == [1] }),
    KeyCase(name: "event C ignored with nothing held", context: .eventView, key: .char("C"), given: { failed(.failed) },
            effects: [], then: { $0.syncInFlight.isEmpty }),
    KeyCase(name: "event Enter opens the card", context: .eventView, key: .enter, given: { F.eventView() },
            effects: [.loadCard(attendeeId: 1)],
            then: { $0.screen == .attendeeCard(attendeeId: 1) && $0.card?.attendee == F.rows[0] }),
    KeyCase(name: "event / starts search", context: .eventView, key: .char("/"), given: { F.eventView() }, effects: [],
            then: { $0.eventView?.searchMode == true }),
    KeyCase(name: "event c checks in", context: .eventView, key: .char("c"),
            given: { var s = F.eventView(); s.eventView!.moveCursor(to: 1); return s },
            effects: [.checkIn(attendeeId: 2, .checkIn)], then: { _ in true }),
    KeyCase(name: "event u undoes", context: .eventView, key: .char("u"), given: { F.eventView() },
            effects: [.checkIn(attendeeId: 1, .undo)], then: { _ in true }),
    KeyCase(name: "event v toggles VIP optimistically", context: .eventView, key: .char("v"),
            given: { var s = F.eventView(); s.eventView!.moveCursor(to: 1); return s },
            effects: [.toggleVIP(attendeeId: 2, true)],
            then: { $0.eventView?.rows[1].vip == true && $0.eventView?.pendingVIP == [2: false] }),
    KeyCase(name: "event p prints", context: .eventView, key: .char("p"), given: { F.eventView() },
            effects: [.printBadge(attendeeId: 1)], then: { _ in true }),
    KeyCase(name: "event f cycles the filter", context: .eventView, key: .char("f"), given: { F.eventView() },
            effects: [.loadAttendeePage(q(filter: .vip))],
            then: { $0.eventView?.filter == .vip && $0.eventView?.selected == 0 }),
    KeyCase(name: "event t shows the next ticket types", context: .eventView, key: .char("t"),
            given: { F.eventView(size: Size(width: 100, height: 30)) }, effects: [],
            then: { $0.eventView?.ticketTop == 2 }),
    KeyCase(name: "event S resyncs", context: .eventView, key: .char("S"), given: { F.eventView() },
            effects: [.runResync(eventId: 1)], then: { $0.syncInFlight == [1] }),
    KeyCase(name: "event S ignored in flight", context: .eventView, key: .char("S"),
            given: { var s = F.eventView(); s.syncInFlight = [1]; return s }, effects: [], then: { $0.syncInFlight == [1] }),
    KeyCase(name: "event Esc back to the dashboard", context: .eventView, key: .escape, given: { F.eventView() },
            effects: [.loadEvents], then: { $0.screen == .dashboard && $0.backStack.isEmpty }),

    // Search field
    KeyCase(name: "search Enter keeps the search", context: .search, key: .enter, given: { searching() }, effects: [],
            then: { $0.eventView?.searchMode == false && $0.eventView?.search == "ad" }),
    KeyCase(name: "search Esc clears", context: .search, key: .escape, given: { searching() },
            effects: [.loadAttendeePage(q())], then: { $0.eventView?.searchMode == false && $0.eventView?.search == "" }),
    KeyCase(name: "search Backspace", context: .search, key: .backspace, given: { searching() },
            effects: [.loadAttendeePage(q(search: "a"))], then: { $0.eventView?.search == "a" }),
    KeyCase(name: "search Delete", context: .search, key: .delete, given: { searching() },
            effects: [.loadAttendeePage(q(search: "a"))], then: { $0.eventView?.search == "a" }),
    KeyCase(name: "search ^U clears the field and keeps it open", context: .search, key: .ctrl("u"),
            given: { searching("ada love") }, effects: [.loadAttendeePage(q())],
            then: { $0.eventView?.search == "" && $0.eventView?.searchMode == true }),
    KeyCase(name: "search ^W deletes the last word", context: .search, key: .ctrl("w"),
            given: { searching("ada love") }, effects: [.loadAttendeePage(q(search: "ada "))],
            then: { $0.eventView?.search == "ada " && $0.eventView?.searchMode == true }),
    KeyCase(name: "search ↑", context: .search, key: .up, given: { searching() }, effects: [],
            then: { $0.eventView?.selected == 0 && $0.eventView?.searchMode == true }),
    KeyCase(name: "search ↓ stays on the only match", context: .search, key: .down, given: { searching() }, effects: [],
            then: { $0.eventView?.selected == 0 && $0.eventView?.searchMode == true }),
    KeyCase(name: "search PgDn", context: .search, key: .pageDown, given: { searching() }, effects: [],
            then: { $0.eventView?.selected == 0 }),
    KeyCase(name: "search PgUp", context: .search, key: .pageUp, given: { searching() }, effects: [],
            then: { $0.eventView?.selected == 0 }),

    // Attendee card
    KeyCase(name: "card Enter: print & check in waits for the check-in", context: .card, key: .enter,
            given: { card(1) }, effects: [.checkIn(attendeeId: 2, .checkIn)], then: { $0.printAfterCheckIn == [2] }),
    KeyCase(name: "card Enter: reprint", context: .card, key: .enter, given: { card(0) },
            effects: [.printBadge(attendeeId: 1)], then: { $0.printAfterCheckIn.isEmpty }),
    KeyCase(name: "card Enter: force check in asks to confirm", context: .card, key: .enter, given: { card(3) },
            effects: [], then: { $0.card?.confirmingForce == true }),
    KeyCase(name: "card Enter again: force check in", context: .card, key: .enter,
            given: { var s = card(3); s.card?.confirmingForce = true; return s },
            effects: [.checkIn(attendeeId: 4, .forceCheckIn)], then: { $0.card?.confirmingForce == false }),
    KeyCase(name: "card Esc cancels the force question, the card stays", context: .card, key: .escape,
            given: { var s = card(3); s.card?.confirmingForce = true; return s },
            effects: [], then: { $0.card?.confirmingForce == false && $0.screen == .attendeeCard(attendeeId: 4) }),
    KeyCase(name: "card c checks in", context: .card, key: .char("c"), given: { card(1) },
            effects: [.checkIn(attendeeId: 2, .checkIn)], then: { $0.printAfterCheckIn.isEmpty }),
    KeyCase(name: "card u undoes", context: .card, key: .char("u"), given: { card(0) },
            effects: [.checkIn(attendeeId: 1, .undo)], then: { _ in true }),
    KeyCase(name: "card v toggles VIP", context: .card, key: .char("v"), given: { card(0) },
            effects: [.toggleVIP(attendeeId: 1, false)],
            then: { $0.card?.attendee?.vip == false && $0.eventView?.rows[0].vip == false }),
    KeyCase(name: "card p prints", context: .card, key: .char("p"), given: { card(1) },
            effects: [.printBadge(attendeeId: 2)], then: { _ in true }),
    KeyCase(name: "card Esc", context: .card, key: .escape, given: { card(1) }, effects: [],
            then: { $0.screen == .eventView(eventId: 1) }),

    KeyCase(name: "card e opens the correction form", context: .card, key: .char("e"), given: { card(1) }, effects: [],
            then: { $0.form?.kind == .corrections(attendeeId: 2) && $0.form?.fields.map(\.label) == ["Name", "Company", "Job title", "Pronouns"] }),
    KeyCase(name: "card n opens the note form", context: .card, key: .char("n"), given: { card(1) }, effects: [],
            then: { $0.form?.kind == .note(attendeeId: 2) }),
    KeyCase(name: "card R retries the failed print job it shows", context: .card, key: .char("R"),
            given: {
                var s = card(1)
                s.card?.printJob = PrintJobNotice(jobId: 7, attendeeId: 2, outcomeUnknown: false,
                                                  reason: "zpl://10.0.0.5: connection refused", station: "")
                return s
            },
            effects: [.retryPrintJob(jobId: 7, attendeeId: 2)], then: { $0.card?.printJob == nil }),
    KeyCase(name: "card R without a failed print job does nothing", context: .card, key: .char("R"), given: { card(1) },
            effects: [], then: { $0.card != nil }),

    // Walk-in
    KeyCase(name: "event w opens the walk-in form", context: .eventView, key: .char("w"), given: { F.eventView() },
            effects: [], then: { $0.form?.kind == .walkIn(eventId: 1) && $0.form?.fields[3].choices == ["General", "VIP", "Speaker"] }),

    // Form
    KeyCase(name: "form Enter registers the walk-in", context: .form, key: .enter, given: { walkInForm("Kim Lee") },
            effects: [.addWalkIn(eventId: 1, WalkIn(name: "Kim Lee", ticketName: "General"))], then: { $0.form == nil }),
    KeyCase(name: "form Enter without a name is refused in the form", context: .form, key: .enter, given: { walkInForm() },
            effects: [], then: { $0.form?.problem == "A walk-in needs a name" }),
    KeyCase(name: "form Tab next field", context: .form, key: .tab, given: { walkInForm() }, effects: [],
            then: { $0.form?.focus == 1 }),
    KeyCase(name: "form ↓ next field", context: .form, key: .down, given: { walkInForm() }, effects: [],
            then: { $0.form?.focus == 1 }),
    KeyCase(name: "form Shift+Tab previous field (wraps)", context: .form, key: .backTab, given: { walkInForm() },
            effects: [], then: { $0.form?.focus == 3 }),
    KeyCase(name: "form ↑ previous field", context: .form, key: .up, given: { walkInForm() }, effects: [],
            then: { $0.form?.focus == 3 }),
    KeyCase(name: "form → next ticket", context: .form, key: .right,
            given: { var s = walkInForm(); s.form?.focus = 3; return s }, effects: [],
            then: { $0.form?.fields[3].value == "VIP" }),
    KeyCase(name: "form ← previous ticket (wraps)", context: .form, key: .left,
            given: { var s = walkInForm(); s.form?.focus = 3; return s }, effects: [],
            then: { $0.form?.fields[3].value == "Speaker" }),
    KeyCase(name: "form Backspace", context: .form, key: .backspace, given: { walkInForm("Kim") }, effects: [],
            then: { $0.form?.fields[0].value == "Ki" }),
    KeyCase(name: "form Del", context: .form, key: .delete, given: { walkInForm("Kim") }, effects: [],
            then: { $0.form?.fields[0].value == "Ki" }),
    KeyCase(name: "form ^U clears the field", context: .form, key: .ctrl("u"), given: { walkInForm("Kim") }, effects: [],
            then: { $0.form?.fields[0].value == "" }),
    KeyCase(name: "form Esc cancels", context: .form, key: .escape, given: { walkInForm("Kim") }, effects: [],
            then: { $0.form == nil && $0.screen == .eventView(eventId: 1) }),
    KeyCase(name: "form ^C quits", context: .form, key: .ctrl("c"), given: { walkInForm() }, effects: [.quit],
            then: { _ in true }),

    // Help
    KeyCase(name: "help ↓", context: .help, key: .down, given: { help() }, effects: [], then: { $0.helpScroll == 1 }),
    KeyCase(name: "help j", context: .help, key: .char("j"), given: { help() }, effects: [], then: { $0.helpScroll == 1 }),
    KeyCase(name: "help ↑", context: .help, key: .up, given: { var s = help(); s.helpScroll = 2; return s }, effects: [],
            then: { $0.helpScroll == 1 }),
    KeyCase(name: "help k", context: .help, key: .char("k"), given: { var s = help(); s.helpScroll = 2; return s },
            effects: [], then: { $0.helpScroll == 1 }),
    KeyCase(name: "help PgDn scrolls a page", context: .help, key: .pageDown, given: { help() }, effects: [],
            then: { $0.helpScroll == min(helpPage($0), HelpView.maxScroll($0)) && $0.helpScroll > 1 }),
    KeyCase(name: "help PgUp", context: .help, key: .pageUp,
            given: { var s = help(); s.helpScroll = HelpView.maxScroll(s); return s }, effects: [],
            then: { $0.helpScroll == max(0, HelpView.maxScroll($0) - helpPage($0)) }),
    KeyCase(name: "help End shows the last line", context: .help, key: .end, given: { help() }, effects: [],
            then: { $0.helpScroll == HelpView.maxScroll($0) && $0.helpScroll > 0 }),
    KeyCase(name: "help Home", context: .help, key: .home,
            given: { var s = help(); s.helpScroll = HelpView.maxScroll(s); return s }, effects: [],
            then: { $0.helpScroll == 0 }),
    KeyCase(name: "help Esc", context: .help, key: .escape, given: { help() }, effects: [],
            then: { $0.screen == .eventView(eventId: 1) }),
    KeyCase(name: "help ? closes", context: .help, key: .char("?"), given: { help() }, effects: [],
            then: { $0.screen == .eventView(eventId: 1) }),

    // Quit confirmation
    KeyCase(name: "quit y", context: .confirmQuit, key: .char("y"),
            given: { var s = importing(); _ = update(&s, .key(.char("q")), now: now); return s },
            effects: [.quit], then: { !$0.confirmingQuit }),
    KeyCase(name: "quit Y", context: .confirmQuit, key: .char("Y"),
            given: { var s = importing(); _ = update(&s, .key(.char("q")), now: now); return s },
            effects: [.quit], then: { !$0.confirmingQuit }),
    KeyCase(name: "quit n", context: .confirmQuit, key: .char("n"),
            given: { var s = importing(); _ = update(&s, .key(.char("q")), now: now); return s },
            effects: [], then: { !$0.confirmingQuit && $0.screen == .importProgress(eventId: 2) }),
    KeyCase(name: "quit N", context: .confirmQuit, key: .char("N"),
            given: { var s = importing(); _ = update(&s, .key(.char("q")), now: now); return s },
            effects: [], then: { !$0.confirmingQuit }),
    KeyCase(name: "quit Esc", context: .confirmQuit, key: .escape,
            given: { var s = importing(); _ = update(&s, .key(.char("q")), now: now); return s },
            effects: [], then: { !$0.confirmingQuit }),

    // Scan mode
    KeyCase(name: "event s opens scan mode", context: .eventView, key: .char("s"), given: { F.eventView() }, effects: [],
            then: { $0.screen == .scan(eventId: 1) && $0.backStack.last == .eventView(eventId: 1) }),
    KeyCase(name: "scan Enter submits the typed code", context: .scanScreen, key: .enter, given: { scanning(line: "BC3") },
            effects: [.lookupScan(eventId: 1, code: "BC3")], then: { $0.scan?.line == "" }),
    KeyCase(name: "scan Tab submits the typed code", context: .scanScreen, key: .tab, given: { scanning(line: "BC3") },
            effects: [.lookupScan(eventId: 1, code: "BC3")], then: { $0.scan?.pendingCode == "BC3" }),
    KeyCase(name: "scan Enter on an empty line confirms the verdict", context: .scanScreen, key: .enter,
            given: { scanning(verdict: .ready(F.rows[1])) }, effects: [.checkIn(attendeeId: 2, .checkIn)],
            then: { $0.printAfterCheckIn == [2] }),
    KeyCase(name: "scan F2 toggles express", context: .scanScreen, key: .function(2), given: { scanning() }, effects: [],
            then: { $0.expressScan }),
    KeyCase(name: "scan F4 prints the person on screen", context: .scanScreen, key: .function(4),
            given: { scanning(verdict: .checkedIn(F.rows[0])) }, effects: [.printBadge(attendeeId: 1)], then: { _ in true }),
    KeyCase(name: "scan Backspace", context: .scanScreen, key: .backspace, given: { scanning(line: "BC3") }, effects: [],
            then: { $0.scan?.line == "BC" }),
    KeyCase(name: "scan Del", context: .scanScreen, key: .delete, given: { scanning(line: "BC3") }, effects: [],
            then: { $0.scan?.line == "BC" }),
    KeyCase(name: "scan ^U clears the line", context: .scanScreen, key: .ctrl("u"), given: { scanning(line: "BC3") },
            effects: [], then: { $0.scan?.line == "" }),
    KeyCase(name: "scan F1 help", context: .scanScreen, key: .function(1), given: { scanning() }, effects: [],
            then: { $0.screen == .help }),
    KeyCase(name: "scan Esc back to the table", context: .scanScreen, key: .escape, given: { scanning() }, effects: [],
            then: { $0.screen == .eventView(eventId: 1) }),
    KeyCase(name: "scan ^C quits", context: .scanScreen, key: .ctrl("c"), given: { scanning() }, effects: [.quit],
            then: { _ in true }),

    // Everywhere
    KeyCase(name: "? opens help", context: .global, key: .char("?"), given: { F.eventView() }, effects: [],
            then: { $0.screen == .help && $0.backStack == [.dashboard, .eventView(eventId: 1)] }),
    KeyCase(name: "q quits with no job running", context: .global, key: .char("q"), given: { F.eventView() },
            effects: [.quit], then: { !$0.confirmingQuit }),
    KeyCase(name: "q asks while an import runs", context: .global, key: .char("q"), given: { importing() },
            effects: [], then: { $0.confirmingQuit }),
    KeyCase(name: "^C asks while a resync runs", context: .global, key: .ctrl("c"),
            given: { var s = F.eventView(); s.syncInFlight = [1]; return s }, effects: [], then: { $0.confirmingQuit }),
]

@Suite struct KeyTableTests {
    @Test(arguments: keyCases)
    func keyPress(_ c: KeyCase) {
        var state = c.given()
        #expect(KeyBindings.contexts(for: state).contains(c.context), "case is set up in the wrong context")
        let effects = update(&state, .key(c.key), now: F.now)
        #expect(effects == c.effects)
        #expect(c.then(state))
    }

    /// Every key of every binding in the table has a case above.
    @Test func everyBindingKeyIsCovered() {
        let covered = Set(keyCases.map { "\($0.context.rawValue) \($0.key.label)" })
        for b in KeyBindings.all {
            for k in b.keys {
                #expect(covered.contains("\(b.context.rawValue) \(k.label)"), "no case for \(k.label) in \(b.context)")
            }
        }
    }

    @Test func oneBindingPerKeyAndContext() {
        for ctx in KeyContext.allCases {
            let keys = KeyBindings.all.filter { $0.context == ctx }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key in \(ctx)")
        }
    }
}
