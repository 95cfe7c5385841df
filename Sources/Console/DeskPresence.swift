import BadgeCore
import Foundation

/// Several desks on one shared database (SPEC §11): who is online and which desk syncs each
/// event, for the header. Nil in `AppState` on a laptop's own database.
public struct DeskPresence: Sendable, Equatable {
    /// Desks with a console open now (this one included), sorted.
    public var online: [String]
    /// The desk that syncs each event (absent: none right now).
    public var leaders: [Int64: String]
    /// False while the shared server cannot be reached.
    public var reachable: Bool
    /// This desk's own copy and outbox (SPEC §11.1; nil: a desk without one).
    public var offline: DeskOffline?

    public init(online: [String], leaders: [Int64: String], reachable: Bool = true, offline: DeskOffline? = nil) {
        self.online = online
        self.leaders = leaders
        self.reachable = reachable
        self.offline = offline
    }

    /// The alert box's line while this desk works on its own copy, or has conflicts to read.
    func bannerText(timeZone: TimeZone, compact: Bool = false) -> String? {
        guard let offline else { return nil }
        if !reachable && compact {
            let copy = offline.copiedAt.map { " (\(clock($0, timeZone)))" } ?? ""
            return "No server — this desk's copy\(copy): \(offline.queued) queued, sent when back"
        }
        if !reachable {
            let since = offline.unreachableSince.map { " since \(clock($0, timeZone))" } ?? ""
            let copy = offline.copiedAt.map { " (\(clock($0, timeZone)))" } ?? ""
            let start = offline.startedOffline ? "Started without the server" : "Server unreachable\(since)"
            return "\(start) — working on this desk's copy\(copy): \(offline.queuedText), sent when it is back"
        }
        return OfflineConflict.summary(offline.conflicts).map { clean($0) }
    }

    /// The header's words for an event: "door-b · 3 desks online · door-a syncs" (wide) or
    /// "door-b (3) · ⇄ door-a" (narrow: the desk, how many online, who syncs).
    /// Desk names are what operators typed (`--desk`, another desk's config): sanitised here.
    func headerText(desk rawDesk: String, eventId: Int64, wide: Bool) -> String {
        let desk = clean(rawDesk)
        guard reachable else {
            let queued = offline.map { " · \($0.queued) queued" } ?? ""
            return wide ? " · \(desk) · ✖ Server unreachable\(queued)" : " · ✖ unreachable\(queued)"
        }
        if let offline, offline.replaying { return " · \(desk) · ⟳ sending \(offline.queued) queued" }
        let count = online.count
        let leader: String
        switch leaders[eventId] {
        case desk?: leader = wide ? "syncs here" : "⇄ here"
        case let other?: leader = wide ? "\(clean(other)) syncs" : "⇄ \(clean(other))"
        case nil: leader = wide ? "no desk syncs" : "⇄ none"
        }
        if wide { return " · \(desk) · \(count) desk\(count == 1 ? "" : "s") online · \(leader)" }
        return " · \(desk) (\(count)) · \(leader)"
    }
}

/// A desk's replica and outbox as the console shows them (SPEC §11.1).
public struct DeskOffline: Sendable, Equatable {
    /// Changes made here while offline and not yet on the server.
    public var queued: Int
    /// The server answered again; the queue is being sent.
    public var replaying: Bool
    public var unreachableSince: Date?
    /// When this desk's copy was last brought up to date.
    public var copiedAt: Date?
    /// This console started while the server was down.
    public var startedOffline: Bool
    /// The conflicts this desk lost, not dismissed yet.
    public var conflicts: [OfflineConflict]

    public init(queued: Int, replaying: Bool = false, unreachableSince: Date? = nil, copiedAt: Date? = nil,
                startedOffline: Bool = false, conflicts: [OfflineConflict] = []) {
        self.queued = queued
        self.replaying = replaying
        self.unreachableSince = unreachableSince
        self.copiedAt = copiedAt
        self.startedOffline = startedOffline
        self.conflicts = conflicts
    }

    var queuedText: String { queued == 0 ? "nothing queued yet" : "\(queued) change\(queued == 1 ? "" : "s") queued" }
}
