import Foundation

/// A connected provider account (SPEC §2.1). The credential is held here so the sync engine can
/// use it, but it is never printed: `redactedCredential` is the only form that may be shown.
public struct Integration: Sendable, Hashable {
    public var id: Int64
    public var provider: Provider
    public var status: IntegrationStatus
    /// Account label recorded from who-am-I (e.g. "Ada Lovelace <ada@example.com>").
    public var accountLabel: String
    public var credential: String
    /// Base URL of the API; Eventbrite includes `/v3`, Luma is the host root.
    public var baseURL: String
    public var connectedAt: Date

    public init(id: Int64 = 0, provider: Provider, status: IntegrationStatus = .connected,
                accountLabel: String, credential: String, baseURL: String, connectedAt: Date = Date()) {
        self.id = id
        self.provider = provider
        self.status = status
        self.accountLabel = accountLabel
        self.credential = credential
        self.baseURL = baseURL
        self.connectedAt = connectedAt
    }

    /// `••••3f9a`: the last four characters, never more (nothing at all for very short secrets).
    public var redactedCredential: String { Integration.redact(credential) }

    public static func redact(_ secret: String) -> String {
        guard secret.count >= 8 else { return "••••" }
        return "••••" + String(secret.suffix(4))
    }

    /// The base URL as it may be shown: user info (`user:password@`) replaced by `••••@`.
    public var redactedBaseURL: String { Integration.redactURL(baseURL) }

    /// `https://••••@host/v3` for `https://user:secret@host/v3`; other text unchanged.
    public static func redactURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityEnd = url[scheme.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? url.endIndex
        guard let at = url[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "••••" + String(url[at...])
    }

    /// Default base URLs of the real providers.
    public static func defaultBaseURL(for provider: Provider) -> String {
        switch provider {
        case .eventbrite: return "https://www.eventbriteapi.com/v3"
        case .luma: return "https://public-api.luma.com"
        }
    }
}
