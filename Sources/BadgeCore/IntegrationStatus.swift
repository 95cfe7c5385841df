/// Connection state of a provider integration (SPEC §2.1).
public enum IntegrationStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case connected = "CONNECTED"
    case disconnected = "DISCONNECTED"
}
