import BadgeCore

/// One provider event and everything registered for it.
struct SimEvent {
    var provider: Provider
    /// Ordinal among all events of the simulator (ids and hashes derive from it).
    var ordinal: Int
    var externalId: String
    var name: String
    var start: Int64
    var end: Int64
    var timezone: String
    var capacity: Int
    var deleted = false
    var attendees: [SimAttendee] = []
    var orders: [SimOrder] = []
    var overrides: [AttendeeOverride] = []
    /// Bumped by every mutation; invalidates cached filtered/sorted index lists.
    var version = 0
    /// Numeric bases for Eventbrite ids; hash salt for Luma ids.
    var idBase: Int64
    var salt: UInt64

    var ticketClassBase: Int64 { idBase + 90_000_000 }
    var attendeeBase: Int64 { idBase + 50_000_000 }
}
