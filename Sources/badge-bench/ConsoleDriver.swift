import BadgeCore
import Console
import Foundation
import ScreenKit
import Storage

/// The console's model/update/view loop without a terminal: `update`, the effects that touch the
/// store run synchronously (as the composition root would run them off the UI thread, minus the
/// hop), their results fed back as actions, and `render` for the frame.
struct ConsoleDriver {
    var state: AppState
    let store: any BadgeStore
    let size: Size
    var now: Date

    init(store: any BadgeStore, size: Size, now: Date = Date()) {
        self.store = store
        self.size = size
        self.now = now
        state = AppState(size: size)
    }

    /// `update` only.
    mutating func dispatch(_ action: Action) -> [Effect] { update(&state, action, now: now) }

    /// Runs effects and every effect their results cause, until nothing is left.
    mutating func settle(_ effects: [Effect]) throws {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            for action in try perform(effect) { queue += dispatch(action) }
        }
    }

    /// A key (or any action) through update and every effect it causes.
    mutating func send(_ action: Action) throws { try settle(dispatch(action)) }

    func frame() -> ScreenBuffer { render(state, size: size, now: now) }

    /// The store work of one effect and the actions it answers with (store effects only).
    func perform(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .loadEvents:
            let events = try store.events().map { EventSummary(event: $0, stats: try store.stats(eventId: $0.id)) }
            return [.eventsLoaded(events)]
        case .loadEventView(let id):
            return try store.event(id: id).map { [.eventStatusChanged($0)] } ?? []
        case .loadAttendeePage(let q):
            return [.attendeePageLoaded(query: q, rows: try store.attendees(q), total: try store.attendeeCount(q))]
        case .loadStats(let id):
            return [.eventStatsLoaded(eventId: id, try store.stats(eventId: id))]
        case .checkIn(let id, let action):
            let outcome = try store.checkIn(attendeeId: id, action: action, operatorName: state.operatorName,
                                            station: "bench", at: now)
            return [.checkInRecorded(attendeeId: id, outcome)]
        case .loadCard(let id):
            guard let a = try store.attendee(id: id) else { return [] }
            return [.cardLoaded(a, history: try store.checkInHistory(attendeeId: id), prints: try store.prints(attendeeId: id))]
        default:
            return []
        }
    }

    /// Loads the event list (without statistics: the dashboard is not the measured frame) and
    /// opens `eventId` with Enter, settling its page and statistics.
    mutating func openEvent(_ eventId: Int64) throws {
        try settle(openEventRowsFirst(eventId))
    }

    /// Opens `eventId` with Enter and settles everything but the statistics, which are returned:
    /// the console renders the table as soon as its rows arrive and the statistics after.
    mutating func openEventRowsFirst(_ eventId: Int64) throws -> [Effect] {
        let events = try store.events().map { EventSummary(event: $0) }
        _ = dispatch(.eventsLoaded(events))
        state.dashboard.selected = events.firstIndex { $0.event.id == eventId } ?? 0
        var deferred: [Effect] = []
        var queue = dispatch(.key(.enter))
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if case .loadStats = effect { deferred.append(effect); continue }
            for action in try perform(effect) { queue += dispatch(action) }
        }
        guard case .eventView = state.screen, state.eventView?.loaded == true else {
            throw BenchError.failed("the event view did not open (screen \(state.screen))")
        }
        return deferred
    }
}
