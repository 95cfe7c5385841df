import Foundation
import BadgeCore
import ScreenKit

func eventViewCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    guard var v = state.eventView else { return [] }
    let page = max(1, EventViewLayout(state: state, size: state.size).tableRows)
    switch command {
    case .moveUp: v.selected -= 1
    case .moveDown: v.selected += 1
    case .pageUp:
        v.selected -= page
        v.scrollTop -= page
    case .pageDown:
        v.selected += page
        v.scrollTop += page
    case .home: v.selected = 0
    case .end: v.selected = v.total - 1
    case .scanMode:
        state.eventView = v
        openScanScreen(&state, v.eventId)
        return []
    case .walkIn:
        state.eventView = v
        openWalkInForm(&state, eventId: v.eventId)
        return []
    case .search:
        // `/` starts a new query (issue #17): the kept one is dropped, not appended to.
        v.searchMode = true
        if !v.search.isEmpty {
            v.search = ""
            state.eventView = v
            return restartQuery(&state)
        }
    case .clearLine, .deleteWord:
        guard !v.search.isEmpty else { return [] }
        v.search = command == .clearLine ? "" : withoutLastWord(v.search)
        state.eventView = v
        return restartQuery(&state)
    case .keepSearch:
        v.searchMode = false
    case .clearSearch:
        v.searchMode = false
        let had = !v.search.isEmpty
        v.search = ""
        state.eventView = v
        return had ? restartQuery(&state) : []
    case .deleteChar:
        guard !v.search.isEmpty else { return [] }
        v.search.removeLast()
        state.eventView = v
        return restartQuery(&state)
    case .nextTicketTypes:
        guard let stats = v.stats else { return [] }
        let layout = EventViewLayout(state: state, size: state.size)
        let shown = StatCards.ticketsShown(stats, top: v.ticketTop, layout: layout, width: state.size.width)
        v.ticketTop = v.ticketTop + shown < stats.byTicket.count ? v.ticketTop + shown : 0
    case .cycleFilter:
        v.filter = v.filter.next
        state.eventView = v
        return restartQuery(&state, keepPerson: true)
    case .sync:
        state.syncInFlight.insert(v.eventId)
        return [.runResync(eventId: v.eventId)]
    case .recover:
        return recover(&state, v.eventId, now: now)
    case .confirmCancellations:
        return confirmHeldCancellations(&state, v.eventId, now: now)
    case .back:
        if state.stationMode { return askAdminPIN(&state, then: .leaveEvent, now: now) }
        leaveEventView(&state)
        return [.loadEvents]
    case .open, .checkIn, .undo, .toggleVIP, .print:
        guard let a = v.selectedAttendee else { return [] }
        return attendeeCommand(&state, command, a, now: now)
    default:
        return []
    }
    state.eventView = v
    let effects = ensureVisible(&state)
    // The operator moved the cursor: it now follows whoever is there (once loaded).
    state.eventView?.followRowAtCursor()
    return effects
}

/// Commands on one attendee, shared by the table row and the card.
func attendeeCommand(_ state: inout AppState, _ command: Command, _ a: Attendee, now: Date) -> [Effect] {
    switch command {
    case .open:
        state.card = CardState(attendeeId: a.id, attendee: a)
        state.push(.attendeeCard(attendeeId: a.id))
        return [.loadCard(attendeeId: a.id)]
    case .checkIn:
        let force = state.screen == .attendeeCard(attendeeId: a.id) && a.status == .notAttending && !a.isCheckedIn
        return [.checkIn(attendeeId: a.id, force ? .forceCheckIn : .checkIn)]
    case .undo:
        return [.checkIn(attendeeId: a.id, .undo)]
    case .print:
        return [.printBadge(attendeeId: a.id)]
    case .toggleVIP:
        let on = !a.vip
        if state.eventView?.pendingVIP[a.id] == nil { state.eventView?.pendingVIP[a.id] = a.vip }
        setVIP(&state, a.id, on)
        return [.toggleVIP(attendeeId: a.id, on)]
    default:
        return []
    }
}

/// Sets the VIP flag on every loaded copy of an attendee (table window and card).
func setVIP(_ state: inout AppState, _ id: Int64, _ on: Bool) {
    if let i = state.eventView?.rows.firstIndex(where: { $0.id == id }) { state.eventView?.rows[i].vip = on }
    if state.card?.attendeeId == id { state.card?.attendee?.vip = on }
}

/// Replaces every loaded copy of an attendee.
func replaceAttendee(_ state: inout AppState, _ a: Attendee) {
    state.eventView?.replace(a)
    if state.card?.attendeeId == a.id { state.card?.attendee = a }
}

func cardCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    if command == .back && state.card?.confirmingForce != true {
        state.pop()
        return ensureVisible(&state)
    }
    guard let card = state.card, let a = card.attendee else { return [] }
    if command == .editCorrections {
        state.form = DeskForm.corrections(for: a)
        return []
    }
    if command == .editNote {
        state.form = DeskForm.note(for: a)
        return []
    }
    if command == .retryPrintJob {
        guard let job = card.printJob, state.effectiveRole.allows(.printBadge) else { return [] }
        state.card?.printJob = nil
        return [.retryPrintJob(jobId: job.jobId, attendeeId: a.id)]
    }
    let forceable = a.status == .notAttending && !a.isCheckedIn
    if card.confirmingForce {
        state.card?.confirmingForce = false
        if forceable && (command == .primary || command == .checkIn) {
            return [.checkIn(attendeeId: a.id, .forceCheckIn)]
        }
        if command == .back { return [] }  // Esc cancels the question, the card stays
    }
    if forceable && (command == .primary || command == .checkIn) {
        state.card?.confirmingForce = true
        return []
    }
    if command == .primary {
        switch card.primaryAction {
        case .printAndCheckIn?:
            state.printAfterCheckIn.insert(a.id)
            return [.checkIn(attendeeId: a.id, .checkIn)]
        case .reprint?, .print?: return [.printBadge(attendeeId: a.id)]
        case .forceCheckIn?, nil: return []
        }
    }
    return attendeeCommand(&state, command, a, now: now)
}

/// The one-key recovery an alert offers (SPEC §2.2).
func recover(_ state: inout AppState, _ id: Int64, now: Date) -> [Effect] {
    guard let alert = state.alert(for: id), let event = state.event(id) else { return [] }
    switch alert {
    case .importFailed:
        state.importsRunning[id] = state.importProgress[id] ?? ImportProgress(startedAt: now)
        state.say("Retrying the import…", now: now)
        return [.retry(eventId: id), .recordAudit(action: .retry, detail: event.qualifiedId)]
    case .syncFailed, .cancellationsHeld:
        state.syncInFlight.insert(id)
        state.say(retryingSyncText, now: now)
        return [.retry(eventId: id), .recordAudit(action: .retry, detail: event.qualifiedId)]
    case .integrationDisconnected:
        let integration = state.integration(event.provider)
        if integration == nil || integration?.status == .disconnected {
            state.integrationsScreen = IntegrationsState()
            state.integrationsScreen.selected = Provider.allCases.firstIndex(of: event.provider) ?? 0
            state.integrationsScreen.entry = CredentialEntry(provider: event.provider)
            state.push(.integrations)
            state.say("Enter a new \(event.provider.displayName) token: its disconnected events are then offered for reconnecting", .warning, now: now)
            return [.loadIntegrations]
        }
        state.importsRunning[id] = ImportProgress(startedAt: now)
        state.say("Reconnecting: re-importing \(event.name)…", now: now)
        return [.reconnect(eventId: id), .recordAudit(action: .reconnect, detail: event.qualifiedId)]
    }
}

/// The search or filter changed: a fresh first page. A new filter keeps the cursor on its person
/// when they are still shown (`keepPerson`); a new search starts at the first hit.
func restartQuery(_ state: inout AppState, keepPerson: Bool = false) -> [Effect] {
    guard var v = state.eventView else { return [] }
    v.selected = 0
    v.scrollTop = 0
    if !keepPerson { v.selectedId = nil }
    v.filterChanged = keepPerson
    v.locating = nil
    let q = v.query(offset: 0)
    v.pendingQuery = q
    state.eventView = v
    return [.loadAttendeePage(q)]
}

/// Reloads the loaded window (after a check-in, a poll, a resync) so the table stays consistent.
func reloadWindow(_ state: inout AppState) -> [Effect] {
    guard var v = state.eventView else { return [] }
    let q = v.query(offset: v.windowOffset)
    v.pendingQuery = q
    state.eventView = v
    return [.loadAttendeePage(q)]
}

/// Clamps the selection, scrolls it into view and requests a page when the viewport leaves the
/// loaded window. Only ever requests `pageSize` rows around the viewport, and only while the
/// event view is on screen (returning to it runs this again).
func ensureVisible(_ state: inout AppState) -> [Effect] {
    guard case .eventView = state.screen, var v = state.eventView else { return [] }
    let rows = max(1, EventViewLayout(state: state, size: state.size).tableRows)
    v.selected = min(max(0, v.selected), max(0, v.total - 1))
    if v.selected < v.scrollTop { v.scrollTop = v.selected }
    if v.selected >= v.scrollTop + rows { v.scrollTop = v.selected - rows + 1 }
    v.scrollTop = min(max(0, v.scrollTop), max(0, v.total - rows))
    var effects: [Effect] = []
    if v.loaded && v.total > 0 {
        let first = v.scrollTop, last = min(v.total, v.scrollTop + rows) - 1
        func covers(_ offset: Int, _ count: Int) -> Bool { first >= offset && last < offset + count }
        let pendingCovers = v.pendingQuery.map { covers($0.offset, $0.limit) } ?? false
        if !covers(v.windowOffset, v.rows.count) && !pendingCovers {
            let offset = max(0, v.scrollTop - (EventViewState.pageSize - rows) / 2)
            let q = v.query(offset: offset)
            v.pendingQuery = q
            effects.append(.loadAttendeePage(q))
        }
    }
    state.eventView = v
    return effects
}
