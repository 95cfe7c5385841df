import BadgeCore
import Foundation
import Storage
import Testing

/// Issue #13 item 7: `--json` escapes bidi controls and other format characters (U+202E would
/// otherwise reverse what a reader of the output sees).
@Suite struct JSONFormatCharacterTests {
    @Test func bidiOverridesAndFormatCharactersAreEscaped() throws {
        let badge = try BadgeProcess()
        defer { badge.cleanUp() }
        let db = badge.path("b.sqlite")
        let eventId = try SeededDatabase.create(at: db)
        let hostile = "Eve \u{202E}gpj.exe\u{202C} \u{2066}x\u{2069}\u{200B}\u{FEFF}\u{E0041}"
        do {
            let store = try SQLiteStore.open(path: db)
            _ = try store.applyPage(eventId: eventId, attendees: [
                ProviderAttendee(providerAttendeeId: "A9", name: hostile, email: "eve@example.com", ticketName: "VIP",
                                 barcode: "9999", status: .attending, providerStatus: "Attending"),
            ], checkpoint: nil, now: Date())
        }
        let result = try badge.run(["attendees", SeededDatabase.qualifiedId, "--search", "eve", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"Eve \u202egpj.exe\u202c \u2066x\u2069\u200b\ufeff\udb40\udc41"#), "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains { $0.properties.generalCategory == .format })
        // The decoded value is the original text.
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["name"] as? String == hostile })
    }
}
