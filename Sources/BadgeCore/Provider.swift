/// A ticketing provider whose attendees the console imports.
/// Raw values are the lower-case names used on the CLI and in JSON (SPEC §4).
public enum Provider: String, Sendable, Codable, CaseIterable, Hashable {
    case eventbrite
    case luma

    /// Human name for screens ("Eventbrite", "Luma").
    public var displayName: String {
        switch self {
        case .eventbrite: return "Eventbrite"
        case .luma: return "Luma"
        }
    }

    /// Parses a provider name case-insensitively ("Eventbrite", "LUMA", "luma").
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
