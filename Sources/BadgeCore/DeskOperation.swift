import Foundation

/// One write a desk made while it could not reach the shared server (SPEC §11.1): kept in the
/// desk's durable outbox and replayed, in door-time order, when the server is back.
///
/// The attendee is named by its provider id (`attendeeKey`), which is the same on the server and
/// in the desk's replica (a walk-in registered offline has its own fresh id), and the operation id
/// makes a replay apply once however many times it is sent.
public struct DeskOperation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Hashable {
        case checkIn = "CHECK_IN"
        case forceCheckIn = "FORCE_CHECK_IN"
        case undo = "UNDO"
        case vip = "VIP"
        case print = "PRINT"
        case note = "NOTE"
        case correction = "CORRECTION"
        case walkIn = "WALK_IN"
        case audit = "AUDIT"
    }

    /// Order of arrival in the outbox (ties of door time keep it).
    public var seq: Int64
    public var opId: String
    public var kind: Kind
    public var eventId: Int64
    /// The attendee's provider id (`Attendee.providerAttendeeId`); empty for an audit line.
    public var attendeeKey: String
    /// When it happened at the door: replay order and the first-at-the-door rule use it.
    public var doorTime: Date
    public var operatorName: String
    public var desk: String
    /// What the kind needs: `vip` "1"/"0"; `note` text; `field`/`value` for a correction;
    /// `template`/`output` for a print; `name`/`email`/`company`/`ticket` for a walk-in;
    /// `undoes` (the op id of the check-in an undo takes back, when made offline);
    /// `action`/`detail` for an audit line. An absent value clears (note, correction).
    public var payload: [String: String]

    public init(seq: Int64 = 0, opId: String = UUID().uuidString.lowercased(), kind: Kind, eventId: Int64,
                attendeeKey: String, doorTime: Date, operatorName: String, desk: String,
                payload: [String: String] = [:]) {
        self.seq = seq
        self.opId = opId
        self.kind = kind
        self.eventId = eventId
        self.attendeeKey = attendeeKey
        self.doorTime = doorTime
        self.operatorName = operatorName
        self.desk = desk
        self.payload = payload
    }

}
