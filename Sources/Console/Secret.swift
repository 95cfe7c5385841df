import BadgeCore

/// A credential typed by the operator. Its descriptions are redacted (`••••3f9a`), so printing an
/// `Effect`, an `AppState` or a failed test expectation never shows the secret (SPEC §8).
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself: only the composition root reads it, to hand it to the store.
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { Integration.redact(value) }
    public var debugDescription: String { description }
}
