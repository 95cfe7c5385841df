import Foundation
import BadgeCore

/// What a scanned code turned out to be (the reply to `Effect.lookupScan`).
public enum ScanLookup: Sendable, Hashable {
    /// The code belongs to this attendee of the event being scanned; `lastCheckIn` is the
    /// check-in that counts when they are already in (who, when, at which desk).
    case found(Attendee, lastCheckIn: CheckInRecord?)
    /// The code belongs to another imported event (named).
    case otherEvent(eventName: String)
    case unknown
}

/// The verdict the scanning line shows for the last code (SPEC §10).
public enum ScanVerdict: Sendable, Hashable {
    /// Looking the code up.
    case lookingUp(code: String)
    /// Standard mode: a valid ticket; Enter prints the badge and checks in.
    case ready(Attendee)
    /// Express mode (or Enter in standard): the check-in is being committed.
    case checkingIn(Attendee)
    /// Committed: the person is in.
    case checkedIn(Attendee)
    /// Already in: when, by whom, at which desk. Enter reprints.
    case alreadyCheckedIn(Attendee, CheckInRecord?)
    /// Cancelled, refunded or declined; Enter forces the check-in.
    case notAttending(Attendee)
    case unknownCode(String)
    case otherEvent(code: String, eventName: String)

    /// The attendee the verdict is about, if any.
    public var attendee: Attendee? {
        switch self {
        case .ready(let a), .checkingIn(let a), .checkedIn(let a), .alreadyCheckedIn(let a, _), .notAttending(let a):
            return a
        case .lookingUp, .unknownCode, .otherEvent:
            return nil
        }
    }

    /// Warnings ring the bell (SPEC §10).
    public var isWarning: Bool {
        switch self {
        case .alreadyCheckedIn, .notAttending, .unknownCode, .otherEvent: return true
        default: return false
        }
    }

    /// What Enter does on this verdict (nil: nothing).
    public var enterAction: ScanEnterAction? {
        switch self {
        case .ready: return .printAndCheckIn
        case .alreadyCheckedIn: return .reprint
        case .notAttending: return .forceCheckIn
        default: return nil
        }
    }
}

/// The verdict's Enter action.
public enum ScanEnterAction: Sendable, Hashable {
    case printAndCheckIn, reprint, forceCheckIn
    public var label: String {
        switch self {
        case .printAndCheckIn: return "Print badge & check in"
        case .reprint: return "Reprint badge"
        case .forceCheckIn: return "Force check in (asks to confirm)"
        }
    }
}

/// The scanning line's screen (SPEC §10 "Scan mode"): the code being typed, the verdict of the
/// last code and the few before it.
public struct ScanState: Sendable, Hashable {
    public var eventId: Int64
    /// What has been typed into the scan line so far.
    public var line: String
    /// When the line last changed: a scan right after keys typed into the line is the same code
    /// cut in two by a hiccup, and is joined to them.
    public var lineEditedAt: Date?
    /// The code whose lookup is awaited (a later code replaces it; an older reply is dropped).
    public var pendingCode: String?
    public var verdict: ScanVerdict?
    /// When the verdict appeared: Enter within `confirmGuardSeconds` of a new verdict is ignored
    /// (a key pressed for the previous person never acts on the next one).
    public var verdictAt: Date?
    /// The print result for the verdict's attendee ("Printed on …", "Saved PDF → …").
    public var printNote: String?
    /// The verdict's attendee's badge as it will print (SPEC §12 Preview), when it has come.
    public var preview: BadgePreview?
    /// Earlier verdicts, newest first (name and word), so the operator sees the line's rhythm.
    public var recent: [String]
    /// Enter was pressed once on a NOT ATTENDING verdict: the next Enter forces the check-in.
    public var confirmingForce: Bool = false

    public init(eventId: Int64) {
        self.eventId = eventId
        self.line = ""
        self.lineEditedAt = nil
        self.pendingCode = nil
        self.verdict = nil
        self.verdictAt = nil
        self.printNote = nil
        self.recent = []
    }
}

/// Enter on a verdict younger than this is ignored (SPEC §10: the 500 ms guard).
public let confirmGuardSeconds: TimeInterval = 0.5
