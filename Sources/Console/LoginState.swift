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
    public init(pin: Secret = .pin(""), verifying: Bool = false) {
        self.pin = pin
        self.verifying = verifying
    }
}

/// Longest PIN the fields accept (`PINHasher` allows 4 to 12 digits).
let maxPINLength = 12
let minPINLength = 4
