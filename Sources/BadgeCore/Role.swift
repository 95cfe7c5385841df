/// Role of a member operating the console (SPEC §7).
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case admin = "ADMIN"
    case staff = "STAFF"

    /// Parses "admin"/"staff" case-insensitively.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }
}
