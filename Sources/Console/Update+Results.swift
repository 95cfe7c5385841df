import Foundation
import BadgeCore

/// Results of background work.
func handleResult(_ state: inout AppState, _ action: Action, now: Date) -> [Effect] {
    switch action {
    case .eventsLoaded(let events):
        state.events = events
        state.dashboard.loaded = true
        state.dashboard.selected = min(state.dashboard.selected, max(0, events.count - 1))
        return []
    case .eventStatsLoaded(let id, let stats):
        if let i = state.events.firstIndex(where: { $0.event.id == id }) { state.events[i].stats = stats }
        if state.eventView?.eventId == id { state.eventView?.stats = stats }
        return []
    case .eventStatusChanged(let event):
        let wasDisconnected = state.event(event.id)?.syncStatus == .disconnected
        upsert(&state, event)
        if event.syncStatus != .failed { state.nextRetryAt[event.id] = nil }
        // A rejected credential also disconnected the integration: reload it, so R knows to ask
        // for a new token first.
        if event.syncStatus == .disconnected && !wasDisconnected { return [.loadIntegrations] }
        return []
    case .attendeePageLoaded(let query, var rows, let total):
        guard var v = state.eventView, v.pendingQuery == query else { return [] }
        for i in rows.indices { if let old = v.pendingVIP[rows[i].id] { rows[i].vip = !old } }
        v.rows = rows
        v.windowOffset = query.offset
        v.total = total
        v.loaded = true
        v.pendingQuery = nil
        // The cursor follows its person (SPEC §10): find them in the new rows, or ask the store.
        var locate: [Effect] = []
        if let id = v.selectedId {
            if let i = rows.firstIndex(where: { $0.id == id }) {
                v.selected = query.offset + i
                v.filterChanged = false
            } else if v.locating == nil {
                v.locating = id
                locate = [.locateAttendee(v.query(offset: 0), attendeeId: id)]
            }
        } else {
            v.selected = min(max(0, v.selected), max(0, total - 1))
            v.selectedId = v.row(at: v.selected)?.id
        }
        state.eventView = v
        return locate + ensureVisible(&state)
    case .attendeeLocated(let query, let id, let position):
        guard var v = state.eventView, v.locating == id, query.filter == v.filter, query.search == v.search,
              query.eventId == v.eventId else { return [] }
        v.locating = nil
        if let position {
            v.selected = position
            if v.row(at: position)?.id != id {
                // Not in the window yet: load around it; until then no row is actionable.
                let rows = max(1, EventViewLayout(state: state, size: state.size).tableRows)
                let q = v.query(offset: max(0, position - (EventViewState.pageSize - rows) / 2))
                v.pendingQuery = q
                v.scrollTop = max(0, position - rows / 2)
                state.eventView = v
                return [.loadAttendeePage(q)]
            }
        } else {
            // The person left this view (checked in under "not checked in", cancelled, filtered
            // out): the cursor stays at the same place — the next person — and the next key
            // within 500 ms is ignored, so a double press never acts on them.
            v.selected = v.filterChanged ? 0 : min(max(0, v.selected), max(0, v.total - 1))
            v.selectedId = v.row(at: v.selected)?.id
            if !v.filterChanged { state.keyGuardUntil = now.addingTimeInterval(confirmGuardSeconds) }
        }
        v.filterChanged = false
        state.eventView = v
        return ensureVisible(&state)
    case .cardLoaded(let a, let history, let prints):
        guard state.card?.attendeeId == a.id else { return [] }
        var a = a
        if let old = state.eventView?.pendingVIP[a.id] { a.vip = !old }
        let preview = state.card?.preview
        state.card = CardState(attendeeId: a.id, attendee: a, history: history, prints: prints, loaded: true)
        // Keep the picture until the new one (the attendee may have changed) arrives.
        state.card?.preview = preview?.attendeeId == a.id ? preview : nil
        return previewRequest(state)
    case .badgePreviewLoaded(let preview):
        // Kept only where it is for the person shown and the box that screen has now.
        if state.card?.attendeeId == preview.attendeeId, preview.fits(BadgePreview.cardBox(for: state.size)) {
            state.card?.preview = preview
        }
        if state.scan?.verdict?.attendee?.id == preview.attendeeId, preview.fits(BadgePreview.scanBox(for: state.size)) {
            state.scan?.preview = preview
        }
        if state.kiosk?.attendee?.id == preview.attendeeId, preview.fits(BadgePreview.kioskBox(for: state.size)) {
            state.kiosk?.preview = preview
        }
        return []
    case .integrationsLoaded(let list):
        state.integrations = list
        return []
    case .providerEventsLoaded(let provider, let list):
        guard state.importDialog.provider == provider else { return [] }
        state.importDialog.providerEvents = list
        state.importDialog.loading = false
        state.importDialog.selected = 0
        return []
    case .integrationConnected(let summary):
        if let i = state.integrations.firstIndex(where: { $0.provider == summary.provider }) {
            state.integrations[i] = summary
        } else {
            state.integrations.append(summary)
        }
        state.integrationsScreen.connecting = nil
        state.say("\(summary.provider.displayName) connected as \(summary.accountLabel)", .success, now: now)
        let stranded = state.events.map(\.event)
            .filter { $0.provider == summary.provider && $0.syncStatus == .disconnected && $0.purgedAt == nil }
            .map(\.id)
        if summary.status == .connected, !stranded.isEmpty, state.screen == .integrations {
            state.integrationsScreen.reconnectOffer = ReconnectOffer(provider: summary.provider, eventIds: stranded)
        }
        return [.recordAudit(action: .connectIntegration, detail: "\(summary.provider.rawValue) \(summary.accountLabel)"),
                .loadIntegrations]

    case .importStarted(let event):
        upsert(&state, event)
        state.importsRunning[event.id] = state.importsRunning[event.id] ?? ImportProgress(startedAt: now)
        switch state.screen {
        case .importDialog: state.replace(with: .importProgress(eventId: event.id))
        case .eventView(let id) where id == event.id: state.replace(with: .importProgress(eventId: event.id))
        default: break
        }
        return []
    case .importProgressed(let id, let progress):
        state.importsRunning[id] = progress
        state.importProgress[id] = progress
        return []
    case .importFinished(let id, let result):
        state.importsRunning[id] = nil
        if var p = state.importProgress[id] { p.finished = true; state.importProgress[id] = p }
        if let i = state.events.firstIndex(where: { $0.event.id == id }) {
            state.events[i].event.syncStatus = result.syncStatus
            state.events[i].event.lastSyncedAt = now
            state.events[i].event.lastError = nil
        }
        if state.screen == .importProgress(eventId: id) {
            let c = result.counts
            // The job's own count of attendees paged through (the closing sweep re-reads rows
            // that moved meanwhile, so the merge counts may see some twice) — unless more were
            // new than paged: registrations that arrived while it ran, which the sweep added.
            let paged = state.importProgress[id]?.attendeesSoFar ?? 0
            let seen = paged > 0 ? max(paged, c.added) : c.added + c.updated + c.cancelled + c.unchanged
            let detail = c.added == seen ? "" : " (\(grouped(c.added)) new, \(grouped(c.updated + c.cancelled)) changed)"
            state.say("Import finished: \(grouped(seen)) attendees\(detail)", .success, now: now)
            return openEvent(&state, id, replacing: true)
        }
        return [.loadEvents]
    case .importFailed(let id, let reason):
        state.importsRunning[id] = nil
        if var p = state.importProgress[id] { p.error = reason; state.importProgress[id] = p }
        if let i = state.events.firstIndex(where: { $0.event.id == id }) {
            state.events[i].event.lastError = reason
            if state.events[i].event.syncStatus == .active { state.events[i].event.syncStatus = .pending }
        }
        state.say("Import failed: \(reason)", .error, now: now)
        return []
    case .syncStarted(let id):
        state.syncInFlight.insert(id)
        return []
    case .syncFinished(let result):
        let id = result.eventId
        let manual = state.syncInFlight.remove(id) != nil
        state.nextRetryAt[id] = nil
        if let i = state.events.firstIndex(where: { $0.event.id == id }) {
            state.events[i].event.syncStatus = result.syncStatus
            state.events[i].event.lastSyncedAt = now
            if result.syncStatus == .active { state.events[i].event.lastError = nil }
        }
        let c = result.counts
        // Background polls update the counts and rows silently; only the operator's own sync
        // (S, R) says so, so a poll never hides a message about a check-in or a print.
        if manual && state.eventView?.eventId == id {
            state.say("Synced: \(c.added) added, \(c.updated) updated, \(c.cancelled) cancelled", .success, now: now)
        }
        if !manual && c.added == 0 && c.updated == 0 && c.cancelled == 0 { return [] }
        return refresh(&state, id)
    case .syncFailed(let id, let reason, let next):
        let manual = state.syncInFlight.remove(id) != nil
        state.nextRetryAt[id] = next
        if let i = state.events.firstIndex(where: { $0.event.id == id }) {
            state.events[i].event.lastError = reason
            if state.events[i].event.syncStatus == .active { state.events[i].event.syncStatus = .failed }
        }
        // The operator's own sync (S, R) says how it ended, replacing "Retrying the sync…".
        if manual && (state.eventView?.eventId == id || state.toast?.text == retryingSyncText) {
            let retry = next.flatMap { $0 > now ? " — retrying in \(inTime($0, now: now))" : nil } ?? ""
            state.say("Sync failed: \(clean(reason))\(retry)", .error, now: now)
        }
        return []
    case .rateBudgetChanged(let provider, let budget):
        state.rateBudgets[provider] = budget
        return []
    case .desksChanged(let presence):
        state.desks = presence
        return []
    case .printStationsChanged(let stations):
        state.printStations = stations
        return []
    case .printJobNoticeLoaded(let id, let notice):
        if state.card?.attendeeId == id { state.card?.printJob = notice }
        return []
    case .resyncForwarded(let id, let desk):
        state.syncInFlight.remove(id)
        let who = desk.map { "Desk \(clean($0))" } ?? "Another desk"
        state.say("\(who) syncs this event: it was asked to resync; the result shows here too", .info, now: now)
        return []
    case .syncRefused(let id, let reason):
        state.syncInFlight.remove(id)
        state.say(clean(reason), .warning, now: now)
        return []
    case .dataChanged(let id):
        return refresh(&state, id)

    case .checkInRecorded(let id, let outcome):
        let print = state.printAfterCheckIn.remove(id) != nil
        scanCheckInOutcome(&state, attendeeId: id, outcome, now: now)
        kioskCheckInOutcome(&state, attendeeId: id, outcome, now: now)
        switch outcome {
        case .recorded(let a, let record):
            replaceAttendee(&state, a)
            if state.card?.attendeeId == id { state.card?.history.append(record) }
            let verb = record.action == .undo ? "Undone" : "Checked in"
            state.say("\(verb): \(a.badgeName)", record.action == .undo ? .info : .success, now: now)
            var effects = refresh(&state, a.eventId)
            if print && record.action != .undo { effects.append(.printBadge(attendeeId: id)) }
            return effects
        case .alreadyCheckedIn(let at, let by):
            state.say("Already checked in \(when(at, state.timeZone, now: now)) by \(clean(by)) — [p] Reprint", .warning, now: now)
        case .notAttending:
            state.say("Not attending — open the card (Enter) to force check in", .warning, now: now)
        case .nothingToUndo:
            state.say("Nothing to undo", .warning, now: now)
        }
        return []
    case .walkInRegistered(let a):
        return walkInRegistered(&state, a, now: now)
    case .attendeeEdited(let a):
        return attendeeEdited(&state, a, now: now)
    case .vipToggled(let a):
        state.eventView?.pendingVIP[a.id] = nil
        replaceAttendee(&state, a)
        state.say(a.vip ? "★ VIP: \(a.badgeName)" : "VIP removed: \(a.badgeName)", .info, now: now)
        return [.loadStats(eventId: a.eventId)]
    case .vipToggleFailed(let id, let message):
        if let old = state.eventView?.pendingVIP[id] {
            state.eventView?.pendingVIP[id] = nil
            setVIP(&state, id, old)
        }
        state.say("VIP not changed: \(message)", .error, now: now)
        return []
    case .printed(let id, let template, let delivery):
        let output: String
        switch delivery.kind {
        case .printer(let queue): output = queue
        case .pdf(let path): output = path
        case .queued:
            // Not printed yet: the station counts it when the printer took it (the store's change
            // feed then reloads the row and the card).
            if state.scan?.verdict?.attendee?.id == id { state.scan?.printNote = delivery.summary }
            kioskPrinted(&state, attendeeId: id, note: delivery.summary, now: now)
            state.say("\(delivery.summary) (\(template))", .success, now: now)
            return []
        }
        if let i = state.eventView?.rows.firstIndex(where: { $0.id == id }) { state.eventView?.rows[i].printCount += 1 }
        if state.card?.attendeeId == id {
            state.card?.attendee?.printCount += 1
            state.card?.prints.append(PrintRecord(attendeeId: id, at: now, templateName: template, output: output,
                                                  operatorName: state.operatorName))
        }
        if state.scan?.verdict?.attendee?.id == id { state.scan?.printNote = delivery.summary }
        kioskPrinted(&state, attendeeId: id, note: delivery.summary, now: now)
        // "Printed" only when a printer took the job; a PDF file says where it is.
        let symbol = delivery.missingGlyphs.isEmpty ? "" : "▲ "
        state.say("\(symbol)\(delivery.summary) (\(template))", delivery.missingGlyphs.isEmpty ? .success : .warning, now: now)
        return []
    case .printFailed(let id, let reason):
        let person = state.scan?.verdict?.attendee.flatMap { $0.id == id ? $0 : nil }
            ?? state.card?.attendee.flatMap { $0.id == id ? $0 : nil }
            ?? state.eventView?.rows.first { $0.id == id }
        let checkedIn = person?.isCheckedIn == true
            || { if case .checkedIn(let a)? = state.scan?.verdict { return a.id == id } else { return false } }()
        let text = checkedIn
            ? "Badge NOT printed: \(reason) — the check-in IS recorded; p (F4 in scan mode) prints again"
            : "Badge NOT printed: \(reason)"
        if state.scan?.verdict?.attendee?.id == id { state.scan?.printNote = "✖ " + text }
        kioskPrinted(&state, attendeeId: id, note: "✖ Your badge could not be printed — you ARE checked in; "
                     + "please ask at the desk", now: now)
        state.bells += 1
        state.say(text, .error, now: now)
        return []
    case .operationFailed(let message):
        state.integrationsScreen.connecting = nil
        state.importDialog.loading = false
        kioskFailed(&state, now: now)
        state.say(message, .error, scoped: state.failuresAreScoped, now: now)
        return []
    case .key, .scanned, .typed, .tick, .resized, .pinVerified, .pinRejected, .pinLocked, .scanLookedUp, .kioskLookedUp:
        return []
    }
}

/// Inserts or replaces an event in the list.
func upsert(_ state: inout AppState, _ event: Event) {
    if let i = state.events.firstIndex(where: { $0.event.id == event.id }) {
        state.events[i].event = event
    } else {
        state.events.append(EventSummary(event: event))
    }
}

/// Something changed in an event: reload what the current screen shows of it.
func refresh(_ state: inout AppState, _ id: Int64) -> [Effect] {
    switch state.screen {
    case .dashboard: return [.loadEvents]
    case .eventView(let e) where e == id:
        return [.loadStats(eventId: id)] + reloadWindow(&state)
    case .attendeeCard(let a) where state.card?.attendee?.eventId == id:
        return [.loadStats(eventId: id), .loadCard(attendeeId: a)] + reloadWindow(&state)
    default:
        return state.eventView?.eventId == id ? [.loadStats(eventId: id)] + reloadWindow(&state) : []
    }
}

/// The card's badge preview for the current terminal size, when the card has room for one.
func previewRequest(_ state: AppState) -> [Effect] {
    guard case .attendeeCard(let id) = state.screen, let box = BadgePreview.cardBox(for: state.size) else { return [] }
    return [.loadBadgePreview(attendeeId: id, columns: box.columns, rows: box.rows)]
}

/// After a resize: a new picture for the screen showing one whose box changed (card, scan
/// verdict, kiosk), nothing when it still fits or there is no room.
func previewRequestsAfterResize(_ state: AppState) -> [Effect] {
    switch state.screen {
    case .attendeeCard:
        guard state.card?.loaded == true, !(state.card?.preview?.fits(BadgePreview.cardBox(for: state.size)) ?? false)
        else { return [] }
        return previewRequest(state)
    case .scan:
        guard let id = state.scan?.verdict?.attendee?.id,
              !(state.scan?.preview?.fits(BadgePreview.scanBox(for: state.size)) ?? false) else { return [] }
        return scanPreviewRequest(state, attendeeId: id)
    default:
        guard isKiosk(state.screen), !(state.kiosk?.preview?.fits(BadgePreview.kioskBox(for: state.size)) ?? false)
        else { return [] }
        return kioskPreviewRequest(state)
    }
}
