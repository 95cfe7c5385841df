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
    /// "door-b · 3 desks" (narrow).
    func headerText(desk: String, eventId: Int64, wide: Bool) -> String {
        guard reachable else { return " · \(desk) · ✖ server unreachable" }
        let count = online.count
        let desks = wide ? "\(count) desk\(count == 1 ? "" : "s") online" : "\(count) desk\(count == 1 ? "" : "s")"
        var text = " · \(desk) · \(desks)"
        if wide {
            switch leaders[eventId] {
            case desk?: text += " · syncs here"
            case let other?: text += " · \(other) syncs"
            case nil: text += " · no desk syncs"
            }
        }
        return text
    }
}
