import BadgeCore
import Foundation
import Providers
import ScreenKit
import Testing
import TestSupport

/// Random bytes and escape sequences through both providers' page decoders (issue 7): a hostile or
/// broken page is either decoded (and then every text field sanitises to something with no
/// control or bidi character) or rejected as a `ProviderError` — never a crash, never a hang.
@Suite struct DecoderFuzzTests {
    /// A small deterministic generator (tests must repeat).
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let hostile = ["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{1B}P1;2|x\u{1B}\\", "\u{202E}evil", "\u{9B}31m",
                          "\u{0}", "\u{7F}", "\\u001b[31m", "\\ud800", "=HYPERLINK(\\\"x\\\")", String(repeating: "é", count: 300)]

    /// Mutates a valid page: flips, drops or inserts bytes, splices hostile strings into JSON strings,
    /// or truncates it.
    static func mutate(_ data: Data, _ rng: inout SplitMix) -> Data {
        var bytes = [UInt8](data)
        switch rng.next() % 5 {
        case 0:  // flip bytes
            for _ in 0..<(1 + Int(rng.next() % 8)) where !bytes.isEmpty {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
        case 1:  // truncate
            bytes = Array(bytes.prefix(Int(rng.next() % UInt64(max(1, bytes.count)))))
        case 2:  // hostile text inside a string value: right after an opening quote of a value
            let quotes = bytes.indices.filter {
                $0 > 1 && bytes[$0] == UInt8(ascii: "\"") && bytes[$0 - 1] == UInt8(ascii: " ") && bytes[$0 - 2] == UInt8(ascii: ":")
            }
            if let at = quotes.randomElement(using: &rng) {
                let text = hostile.randomElement(using: &rng)!
                let escaped = text.unicodeScalars.map { s -> String in
                    s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) ? String(format: "\\u%04x", s.value) : String(s)
                }.joined()
                bytes.insert(contentsOf: Array(escaped.utf8), at: at + 1)
            }
        case 3:  // random garbage
            bytes = (0..<Int(rng.next() % 400)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        default:  // duplicate a slice
            if bytes.count > 10 {
                let a = Int(rng.next() % UInt64(bytes.count - 5))
                let b = min(bytes.count, a + Int(rng.next() % 200))
                bytes.insert(contentsOf: bytes[a..<b], at: Int(rng.next() % UInt64(bytes.count)))
            }
        }
        return Data(bytes)
    }

    /// Asserts every text field sanitises safely; returns how many raw fields held a control character.
    @discardableResult
    static func assertSafe(_ attendees: [ProviderAttendee]) -> Int {
        var raw = 0
        for a in attendees {
            for text in [a.name, a.email ?? "", a.company ?? "", a.jobTitle ?? "", a.ticketName ?? "", a.barcode ?? ""] {
                if text.unicodeScalars.contains(where: { $0.value == 0x1B || $0.value < 0x20 }) { raw += 1 }
                let clean = Sanitizer.sanitize(text)
                #expect(Sanitizer.isSafe(clean, mode: .singleLine), "unsafe after sanitising: \(clean.debugDescription)")
                #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || $0.value < 0x20 || (0x80...0x9F).contains($0.value) })
            }
        }
        return raw
    }

    @Test func mutatedEventbritePagesDecodeSafelyOrFailAsProviderErrors() async throws {
        let page = try Fixture.data("eventbrite/orders_page3.json")
        var rng = SplitMix(state: 42)
        var decoded = 0, rejected = 0, hostileSeen = 0
        for _ in 0..<300 {
            let stub = StubTransport()
            stub.on("/v3/events/1001/orders/", reply: .bytes(Self.mutate(page, &rng)))
            let client = Clients.eventbrite(stub)
            let log = PageLog()
            do {
                try await client.fullScan(eventExternalId: "1001", resumeCursor: nil) { log.append($0) }
                decoded += 1
                hostileSeen += Self.assertSafe(log.attendees)
            } catch is ProviderError {
                rejected += 1
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
        #expect(decoded > 20 && rejected > 20, "decoded \(decoded), rejected \(rejected)")
        #expect(hostileSeen > 5, "hostile text reached the mapped fields only \(hostileSeen) times")
    }

    @Test func mutatedLumaPagesDecodeSafelyOrFailAsProviderErrors() async throws {
        let pages = [try Fixture.data("luma/guests_page2.json"), try Fixture.data("luma/guests_legacy.json")]
        var rng = SplitMix(state: 7)
        var decoded = 0, rejected = 0, hostileSeen = 0
        for i in 0..<300 {
            let stub = StubTransport()
            stub.on("/v1/events/guests/list", reply: .bytes(Self.mutate(pages[i % 2], &rng)))
            let client = Clients.luma(stub)
            let log = PageLog()
            do {
                try await client.fullScan(eventExternalId: "evt-1", resumeCursor: nil) { log.append($0) }
                decoded += 1
                hostileSeen += Self.assertSafe(log.attendees)
            } catch is ProviderError {
                rejected += 1
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
        #expect(decoded > 20 && rejected > 20, "decoded \(decoded), rejected \(rejected)")
        #expect(hostileSeen > 5, "hostile text reached the mapped fields only \(hostileSeen) times")
    }
}
