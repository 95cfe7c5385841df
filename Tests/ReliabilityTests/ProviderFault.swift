import BadgeCore
import Simulator
import Testing

/// One row of the fault matrix: what the simulator does wrong, and the end state a user must
/// see (SPEC §9: a completed import or a clear FAILED / Import failed / DISCONNECTED, never a
/// crash or silent partial data).
struct ProviderFault: Sendable, CustomTestStringConvertible {
    enum EndState: Sendable, Equatable {
        /// The engine absorbs the fault (retries) and finishes: ACTIVE, exact rows.
        case completed
        /// Import: PENDING + "Import failed" alert; poll: FAILED + "Sync failed". The reason
        /// contains this text.
        case failed(reasonContains: String)
        /// The credential was rejected: DISCONNECTED + "Integration disconnected".
        case disconnected
    }

    var name: String
    var provider: Provider = .eventbrite
    var rule: FaultRule?
    /// Client timeout for the case (short for the timeout rows).
    var timeout: Double = 30
    var expected: EndState
    var testDescription: String { name }

    static func storm(_ name: String, _ kind: FaultRule.Kind, _ reason: String, timeout: Double = 30,
                      provider: Provider = .eventbrite) -> ProviderFault {
        ProviderFault(name: name, provider: provider, rule: FaultRule(kind: kind, probability: 1, provider: provider),
                      timeout: timeout, expected: .failed(reasonContains: reason))
    }

    static func burst(_ name: String, _ kind: FaultRule.Kind, count: Int, timeout: Double = 30,
                      provider: Provider = .eventbrite) -> ProviderFault {
        ProviderFault(name: name, provider: provider, rule: FaultRule(kind: kind, next: count, provider: provider),
                      timeout: timeout, expected: .completed)
    }

    /// Client timeout of the timeout rows, and a server delay well past it.
    static let shortTimeout = 0.4
    static let longDelay = FaultRule.Kind.delay(ms: 1_500)

    /// Faults during an import and during a poll that are either absorbed or fail clearly.
    static let transport: [ProviderFault] = [
        burst("5xx burst", .status(503, body: nil), count: 2),
        storm("5xx storm", .status(500, body: nil), "500"),
        burst("timeout once", longDelay, count: 1, timeout: shortTimeout),
        storm("timeouts", longDelay, "timed out", timeout: shortTimeout),
        burst("connection resets", .reset, count: 2),
        storm("connection reset storm", .reset, "connection"),
        burst("truncated bodies", .truncated, count: 2),
        storm("truncated body storm", .truncated, "connection"),
        burst("malformed JSON once", .malformed, count: 1),
        storm("malformed JSON storm", .malformed, "at byte"),
        burst("429 without Retry-After", .status(429, body: nil), count: 2),
        // Luma's 429 says Retry-After: 60, longer than the clients may wait here (5 s).
        storm("429 with a long Retry-After", .status(429, body: nil), "rate limited by Luma: try again in", provider: .luma),
    ]
}
