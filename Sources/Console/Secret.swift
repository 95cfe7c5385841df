import BadgeCore

/// A credential typed by the operator. Its descriptions are redacted (`••••3f9a`), so printing an
/// `Effect`, an `AppState` or a failed test expectation never shows the secret (SPEC §8). A PIN
/// (`Secret.pin`) is redacted completely: even four of its digits would give too much away.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself: only the composition root reads it, to hand it to the store.
    public let value: String
    /// False for PINs: the description shows no character of the value at all.
    public let showsSuffix: Bool

    public init(_ value: String) {
        self.value = value
        self.showsSuffix = true
    }

    private init(pin: String) {
        self.value = pin
        self.showsSuffix = false
    }

    /// A PIN: described as `••••` whatever its length.
    public static func pin(_ digits: String) -> Secret { Secret(pin: digits) }

    public var description: String { showsSuffix ? Integration.redact(value) : "••••" }
    public var debugDescription: String { description }
    /// `dump` and reflection see only the redacted form.
    public var customMirror: Mirror { Mirror(self, children: ["redacted": description]) }
}
