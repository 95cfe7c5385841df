import Foundation

/// A code read by a barcode scanner or typed at the desk (SPEC §3), normalised to the value the
/// store holds in `Attendee.barcode`.
///
/// - Eventbrite: the printed barcode digits (`1234567890123456789001`).
/// - Luma: the check-in QR is a URL `https://luma.com/check-in/evt-…?pk=g-…`; its `pk` value is
///   the guest key we store as the barcode. A bare `g-…` key is accepted as well.
public struct ScannedCode: Sendable, Hashable {
    /// The value to look up in `Attendee.barcode`.
    public let lookupValue: String
    /// The Luma event id in the QR URL, when present (`evt-…`), to warn about the wrong event.
    public let lumaEventId: String?

    public init?(_ raw: String) {
        // Scanners add CR/LF/tab suffixes and sometimes surrounding spaces or control bytes.
        let trimmed = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }

        if let url = ScannedCode.lumaURL(trimmed) {
            guard let pk = url.pk, !pk.isEmpty else { return nil }
            lookupValue = pk
            lumaEventId = url.eventId
            return
        }
        lookupValue = trimmed
        lumaEventId = nil
    }

    /// Parses `http(s)://host/check-in/evt-…?pk=…` (any host: luma.com, lu.ma, custom domains).
    static func lumaURL(_ text: String) -> (pk: String?, eventId: String?)? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              let components = URLComponents(string: text) else { return nil }
        let pk = components.queryItems?.first { $0.name == "pk" }?.value
        let eventId = components.path.split(separator: "/").first { $0.hasPrefix("evt-") }.map(String.init)
        return (pk, eventId)
    }
}
