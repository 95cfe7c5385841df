/// Several desks on one shared database (SPEC §11): who is online and which desk syncs each
/// event, for the header. Nil in `AppState` on a laptop's own database.
public struct DeskPresence: Sendable, Equatable {
    /// Desks with a console open now (this one included), sorted.
    public var online: [String]
    /// The desk that syncs each event (absent: none right now).
    public var leaders: [Int64: String]
    /// False while the shared server cannot be reached.
    public var reachable: Bool

    public init(online: [String], leaders: [Int64: String], reachable: Bool = true) {
        self.online = online
        self.leaders = leaders
        self.reachable = reachable
    }

    /// The header's words for an event: "door-b · 3 desks online · door-a syncs" (wide) or
    /// "door-b (3) · ⇄ door-a" (narrow: the desk, how many online, who syncs).
    /// Desk names are what operators typed (`--desk`, another desk's config): sanitised here.
    func headerText(desk rawDesk: String, eventId: Int64, wide: Bool) -> String {
        let desk = clean(rawDesk)
        guard reachable else { return wide ? " · \(desk) · ✖ server unreachable" : " · ✖ server unreachable" }
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
