import Foundation
import BadgeCore
import ScreenKit

/// The desk's form (SPEC §13): walk-in, badge corrections, note. Opening, typing, moving between
/// fields, submitting (→ an effect), and the results.

/// `w` in the event view: the walk-in form, tickets from the event's statistics.
func openWalkInForm(_ state: inout AppState, eventId: Int64) {
    let tickets = state.eventView?.stats?.byTicket.map(\.ticketName).filter { !$0.isEmpty } ?? []
    state.form = DeskForm.walkIn(eventId: eventId, ticketNames: tickets)
}

/// A printable character for the focused field (a choice field takes none).
func formType(_ state: inout AppState, _ c: Character) {
    guard var form = state.form, form.fields.indices.contains(form.focus) else { return }
    var f = form.fields[form.focus]
    guard !f.isChoice, f.value.count < f.maxLength else { return }
    f.value.append(c)
    form.fields[form.focus] = f
    form.problem = nil
    state.form = form
}

func formCommand(_ state: inout AppState, _ command: Command, now: Date) -> [Effect] {
    guard var form = state.form else { return [] }
    let count = form.fields.count
    switch command {
    case .cancelForm:
        state.form = nil
        return []
    case .nextField: form.focus = (form.focus + 1) % count
    case .previousField: form.focus = (form.focus + count - 1) % count
    case .nextChoice, .previousChoice:
        var f = form.fields[form.focus]
        guard f.isChoice else { return [] }
        let i = f.choices.firstIndex(of: f.value) ?? 0
        let step = command == .nextChoice ? 1 : f.choices.count - 1
        f.value = f.choices[(i + step) % f.choices.count]
        form.fields[form.focus] = f
    case .deleteChar:
        if !form.fields[form.focus].isChoice, !form.fields[form.focus].value.isEmpty {
            form.fields[form.focus].value.removeLast()
        }
    case .clearLine:
        if !form.fields[form.focus].isChoice { form.fields[form.focus].value = "" }
    case .submitForm:
        return submitForm(&state, form, now: now)
    default:
        return []
    }
    state.form = form
    return []
}

func submitForm(_ state: inout AppState, _ form: DeskForm, now: Date) -> [Effect] {
    switch form.kind {
    case .walkIn(let eventId):
        let ticketField = form.fields.first { $0.label == "Ticket" }
        let walkIn = WalkIn(name: form.value("Name") ?? "", email: form.value("Email"), company: form.value("Company"),
                            ticketName: form.value("Ticket"))
        if let problem = walkIn.problem(ticketNames: ticketField?.choices ?? []) {
            var refused = form
            refused.problem = problem
            if walkIn.problem(ticketNames: []) != nil && BadgeCorrections.normalized(walkIn.name) == nil { refused.focus = 0 }
            state.form = refused
            return []
        }
        state.form = nil
        state.say("Registering walk-in \(walkIn.name)…", now: now)
        return [.addWalkIn(eventId: eventId, walkIn)]
    case .corrections(let id):
        var c = BadgeCorrections()
        for f in BadgeField.allCases { c[f] = form.value(f.label) }
        state.form = nil
        return [.setCorrections(attendeeId: id, c)]
    case .note(let id):
        state.form = nil
        return [.setNote(attendeeId: id, form.value("Note"))]
    }
}

/// A walk-in is in the store: open their card, check them in, then print (as the card's
/// "Print badge & check in").
func walkInRegistered(_ state: inout AppState, _ a: Attendee, now: Date) -> [Effect] {
    state.printAfterCheckIn.insert(a.id)
    state.say("Walk-in registered: \(a.badgeName) — checking in…", .success, now: now)
    if state.screen == .eventView(eventId: a.eventId) {
        state.card = CardState(attendeeId: a.id, attendee: a)
        state.push(.attendeeCard(attendeeId: a.id))
    }
    return [.checkIn(attendeeId: a.id, .checkIn), .loadCard(attendeeId: a.id)]
}

/// A correction or note was saved: every loaded copy shows it (table and card).
func attendeeEdited(_ state: inout AppState, _ a: Attendee, now: Date) -> [Effect] {
    replaceAttendee(&state, a)
    state.say("Saved: \(a.badgeName)", .success, now: now)
    return state.eventView?.eventId == a.eventId ? reloadWindow(&state) : []
}
