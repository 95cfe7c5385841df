/// The login screen (SPEC §7): the operator's name (typed or picked from the members) and the
/// masked PIN.
public struct LoginState: Sendable, Hashable {
    public enum Field: Sendable, Hashable { case name, pin }

    public var name: String
    public var pin: Secret
    public var field: Field
    /// True while `verifyPIN` runs: Enter is ignored until the reply.
    public var verifying: Bool

    public init(name: String = "", pin: Secret = .pin(""), field: Field = .name, verifying: Bool = false) {
        self.name = name
        self.pin = pin
        self.field = field
        self.verifying = verifying
    }
}

/// The admin-PIN prompt shown over the screen when leaving station mode.
public struct PINPromptState: Sendable, Hashable {
    public var pin: Secret
    public var verifying: Bool
    /// What an admin's PIN unlocks (station mode is a lock, SPEC §10).
    public var then: StationUnlock
    public init(pin: Secret = .pin(""), verifying: Bool = false, then: StationUnlock = .leaveStation) {
        self.pin = pin
        self.verifying = verifying
        self.then = then
    }
}

/// What the station-mode admin PIN is asked for.
public enum StationUnlock: Sendable, Hashable {
    /// Leave station mode (L).
    case leaveStation
    /// Quit the console (q, Ctrl-C).
    case quit
    /// Leave the event for the dashboard (Esc), staying in station mode.
    case leaveEvent
    /// Close the self check-in kiosk (q, Esc, Ctrl-C on its welcome screen).
    case leaveKiosk

    public var title: String {
        switch self {
        case .leaveStation: return "Leave station mode"
        case .quit: return "Quit (station mode)"
        case .leaveEvent: return "Leave the event (station mode)"
        case .leaveKiosk: return "Close the kiosk"
        }
    }

    public var explanation: String {
        switch self {
        case .leaveStation: return "Any admin's PIN leaves station mode."
        case .quit: return "Station mode: any admin's PIN quits the console."
        case .leaveEvent: return "Station mode: any admin's PIN leaves this event."
        case .leaveKiosk: return "Staff only: any admin's PIN closes the kiosk."
        }
    }
}

/// Longest PIN the fields accept (`PINHasher` allows 4 to 12 digits).
let maxPINLength = 12
let minPINLength = 4
