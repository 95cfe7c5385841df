import BadgeCore
import Console
import Foundation
import ScreenKit
import Storage

/// Console figures on the largest imported event: render time, key-to-frame for scrolling,
/// search as you type and the filter, and check-in key to durable record.
enum ConsoleBench {
    static let size = Size(width: 120, height: 40)

    static func run(store: any BadgeStore, eventId: Int64, attendees: Int, options: BenchOptions,
                    report: inout Report) throws {
        var d = ConsoleDriver(store: store, size: size)
        try d.openEvent(eventId)
        let label = "\(attendees.formatted()) attendees, \(size.width)×\(size.height)"

        var renders = Samples()
        for _ in 0..<(options.quick ? 20 : 300) {
            let (_, ms) = ProcessClock.timeMs { d.frame() }
            renders.add(ms)
        }
        report.add(Figure("render one event-view frame", unit: "ms", renders, goal: .info, note: label))

        let keyGoal = Goal.atMost(16)
        report.add(keyFigure("key→frame ↓ (scroll)", try keys(&d, .down, count: options.quick ? 60 : 400), keyGoal, label))
        _ = try keys(&d, .home, count: 1)
        report.add(keyFigure("key→frame PgDn", try keys(&d, .pageDown, count: options.quick ? 20 : 150), keyGoal, label))
        _ = try keys(&d, .home, count: 1)

        // Search as you type: real names from the event, one keystroke at a time, then Esc.
        var typing = Samples(), clearing = Samples()
        for word in try searchWords(store, eventId: eventId, attendees: attendees, count: options.quick ? 2 : 6) {
            typing.values += try keys(&d, .char("/"), count: 1).values
            for c in word { typing.values += try keys(&d, .char(c), count: 1).values }
            guard d.state.eventView?.search == String(word) else {
                throw BenchError.failed("search field shows '\(d.state.eventView?.search ?? "")', typed '\(word)'")
            }
            clearing.values += try keys(&d, .escape, count: 1).values
        }
        report.add(keyFigure("key→frame search as you type", typing, keyGoal, label + ", page + count per key"))
        report.add(keyFigure("key→frame Esc (clear search)", clearing, keyGoal, label))

        report.add(keyFigure("key→frame f (cycle filter)", try keys(&d, .char("f"), count: options.quick ? 5 : 25),
                             keyGoal, label + ", all/VIP/checked in/not checked in/not attending"))
        while d.state.eventView?.filter != .all { try d.send(.key(.char("f"))) }

        try checkIns(&d, options: options, label: label, report: &report)
    }

    /// Presses `key` `count` times; each sample is update → effects (store queries) → render.
    static func keys(_ d: inout ConsoleDriver, _ key: Key, count: Int) throws -> Samples {
        var s = Samples()
        for _ in 0..<count {
            let t0 = ProcessClock.now()
            try d.send(.key(key))
            _ = d.frame()
            s.add((ProcessClock.now() - t0) * 1000)
        }
        return s
    }

    static func keyFigure(_ name: String, _ s: Samples, _ goal: Goal, _ label: String) -> Figure {
        Figure(name, unit: "ms", s, goal: goal, note: "\(label); p95 \(Figure.format(s.p95)) ms")
    }

    /// Prefixes of real first and last names spread over the event (3–5 letters).
    static func searchWords(_ store: any BadgeStore, eventId: Int64, attendees: Int, count: Int) throws -> [String] {
        var words: [String] = []
        for i in 0..<count {
            let offset = (attendees / max(1, count)) * i + 17
            guard let a = try store.attendees(AttendeeQuery(eventId: eventId, offset: offset, limit: 1)).first else { continue }
            let source = (i % 2 == 0 ? a.firstName : a.lastName) ?? a.name
            let letters = source.lowercased().filter { $0.isLetter }
            if letters.count >= 2 { words.append(String(letters.prefix(3 + i % 3))) }
        }
        return words
    }

    /// `c` on rows not yet checked in: key → update → store.checkIn (committed) → result → frame;
    /// then the refresh it asks for (statistics + the visible page) as a second figure.
    static func checkIns(_ d: inout ConsoleDriver, options: BenchOptions, label: String, report: inout Report) throws {
        try d.send(.key(.char("f")))
        try d.send(.key(.char("f")))
        try d.send(.key(.char("f")))  // not checked in
        guard d.state.eventView?.filter == .notCheckedIn else { throw BenchError.failed("filter did not reach not-checked-in") }
        var durable = Samples(), refreshed = Samples()
        for i in 0..<(options.quick ? 5 : 40) {
            _ = try keys(&d, .down, count: i % 3)
            guard let before = d.state.eventView?.selectedAttendee, !before.isCheckedIn else { continue }
            let t0 = ProcessClock.now()
            let effects = d.dispatch(.key(.char("c")))
            guard effects.count == 1, case .checkIn = effects[0] else {
                throw BenchError.failed("c did not ask for a check-in: \(effects)")
            }
            var followUps: [Effect] = []
            for action in try d.perform(effects[0]) { followUps += d.dispatch(action) }
            _ = d.frame()
            let t1 = ProcessClock.now()
            try d.settle(followUps)
            _ = d.frame()
            let t2 = ProcessClock.now()
            guard try d.store.checkInHistory(attendeeId: before.id).last?.action == .checkIn else {
                throw BenchError.failed("no durable check-in record for attendee \(before.id)")
            }
            durable.add((t1 - t0) * 1000)
            refreshed.add((t2 - t0) * 1000)
        }
        report.add(Figure("check-in key → durable record + frame", unit: "ms", durable, goal: .atMost(10),
                          note: label + "; store.checkIn commits (fsync) before the frame"))
        report.add(Figure("check-in key → refreshed stats + page + frame", unit: "ms", refreshed,
                          note: "the follow-up loadStats + loadAttendeePage"))
    }
}
