/// A person allowed to operate the console (SPEC §7). Only a salted hash of the PIN is kept.
public struct Member: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// crypt(3) hash string (`$y$…` yescrypt or `$6$…` SHA-512-crypt).
    public var pinHash: String

    public init(name: String, role: Role, pinHash: String) {
        self.name = name
        self.role = role
        self.pinHash = pinHash
    }
}
