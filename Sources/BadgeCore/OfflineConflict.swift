import Foundation

/// A write replayed after an outage that met another desk's (SPEC §11.1): who was first at the
/// door, and who lost. Check-ins go first-at-the-door-wins; VIP, corrections and notes go
/// last-writer-wins. Kept on the server (and in the audit log, with both values) and shown on
/// the desk that lost until an operator dismisses it.
public struct OfflineConflict: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var eventId: Int64
    public var attendeeId: Int64?
    /// The attendee's name as the desk showed it (already in the list when the row is gone).
    public var attendeeName: String
    public var kind: DeskOperation.Kind
    public var winnerDesk: String
    public var winnerAt: Date?
    public var winnerValue: String?
    public var loserDesk: String
    public var loserAt: Date
    public var loserValue: String?
    public var recordedAt: Date
    public var acknowledged: Bool

    public init(id: Int64 = 0, eventId: Int64, attendeeId: Int64?, attendeeName: String, kind: DeskOperation.Kind,
                winnerDesk: String, winnerAt: Date?, winnerValue: String? = nil, loserDesk: String, loserAt: Date,
                loserValue: String? = nil, recordedAt: Date, acknowledged: Bool = false) {
        self.id = id
        self.eventId = eventId
        self.attendeeId = attendeeId
        self.attendeeName = attendeeName
        self.kind = kind
        self.winnerDesk = winnerDesk
        self.winnerAt = winnerAt
        self.winnerValue = winnerValue
        self.loserDesk = loserDesk
        self.loserAt = loserAt
        self.loserValue = loserValue
        self.recordedAt = recordedAt
        self.acknowledged = acknowledged
    }

    /// True for a check-in that another desk had made earlier at the door.
    public var isCheckIn: Bool { kind == .checkIn || kind == .forceCheckIn }

    /// The summary line a desk shows for its lost check-ins:
    /// "2 people were already checked in at desk-2: Ann Lee, Bo Chen".
    public static func summary(_ conflicts: [OfflineConflict]) -> String? {
        let checkIns = conflicts.filter(\.isCheckIn)
        let others = conflicts.count - checkIns.count
        var parts: [String] = []
        if !checkIns.isEmpty {
            let desks = Array(Set(checkIns.map(\.winnerDesk))).sorted()
            let names = checkIns.map(\.attendeeName).joined(separator: ", ")
            let people = checkIns.count == 1 ? "1 person was" : "\(checkIns.count) people were"
            parts.append("\(people) already checked in at \(desks.joined(separator: ", ")): \(names)")
        }
        if others > 0 {
            parts.append("\(others) change\(others == 1 ? "" : "s") made here while offline lost to a later one")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
