import Foundation

/// Removes secrets from text that may end up in an error message, a log line or the screen
/// (SPEC §8: a credential is never printed). URLs lose their user info and every query item whose
/// name looks like a credential; a known credential is replaced wherever it appears.
struct SecretRedactor: Sendable {
    /// The credential of the client, if any; replaced verbatim in any message.
    var credential: String?

    static let secretQueryNames: Set<String> = [
        "token", "access_token", "api_key", "apikey", "key", "secret", "client_secret",
        "password", "auth", "authorization", "x-luma-api-key", "signature", "sig",
    ]

    /// The URL as text without user info and without secret query items (`token=`, `api_key=` …).
    static func redact(url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "<unprintable url>"
        }
        parts.user = nil
        parts.password = nil
        if let items = parts.queryItems {
            let kept = items.map { item -> URLQueryItem in
                secretQueryNames.contains(item.name.lowercased())
                    ? URLQueryItem(name: item.name, value: "REDACTED") : item
            }
            parts.queryItems = kept.isEmpty ? nil : kept
        }
        return parts.string ?? "<unprintable url>"
    }

    /// `text` with the credential (if known and non-trivial) replaced, control characters removed
    /// and the length bounded: provider error descriptions are untrusted text.
    func clean(_ text: String, limit: Int = 300) -> String {
        var out = text
        if let credential, credential.count >= 4 {
            out = out.replacingOccurrences(of: credential, with: "••••")
        }
        out = String(out.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control ? " " : Character(scalar)
        })
        if out.count > limit { out = String(out.prefix(limit)) + "…" }
        return out
    }

    /// `clean(redact(url:))`: what error messages show for a request.
    func describe(_ url: URL) -> String {
        clean(Self.redact(url: url))
    }
}
