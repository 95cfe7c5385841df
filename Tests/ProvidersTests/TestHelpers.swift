import Foundation
import BadgeCore
import Providers
import TestSupport

/// Fixture files under `Fixtures/` of the package root, found from this file's path.
enum Fixture {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    static func eventbrite(_ name: String, status: Int = 200, headers: [String: String] = [:]) -> StubTransport.Reply {
        .file(url("eventbrite/\(name)"), status: status, headers: headers)
    }

    static func luma(_ name: String, status: Int = 200, headers: [String: String] = [:]) -> StubTransport.Reply {
        .file(url("luma/\(name)"), status: status, headers: headers)
    }
}

/// Collects pages delivered to `onPage` (which is `@Sendable`).
final class PageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [AttendeePage] = []

    func append(_ page: AttendeePage) {
        lock.withLock { stored.append(page) }
    }

    var pages: [AttendeePage] { lock.withLock { stored } }
    var attendees: [ProviderAttendee] { pages.flatMap(\.attendees) }
    var ids: [String] { attendees.map(\.providerAttendeeId) }
}

enum Clients {
    static let token = "EB-SECRET-TOKEN-3f9a"
    static let lumaKey = "luma-secret-key-77c1"
    static let eventbriteBase = URL(string: "http://127.0.0.1:9/v3")!
    static let lumaBase = URL(string: "http://127.0.0.1:9")!

    /// A retry policy with a fixed jitter so sleeps are predictable.
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxDelay: 30, maxWait: 900, random: { 0.5 })

    static func eventbrite(_ stub: StubTransport, clock: VirtualPolicyClock = VirtualPolicyClock(),
                           limit: RateBudget.Limit = .eventbrite, concurrency: Int = 4) -> EventbriteClient {
        EventbriteClient(baseURL: eventbriteBase, token: token, transport: stub, limit: limit, retry: retry,
                         clock: clock, pageConcurrency: concurrency)
    }

    static func luma(_ stub: StubTransport, clock: VirtualPolicyClock = VirtualPolicyClock(),
                     limit: RateBudget.Limit = .luma, pageSize: Int = 50) -> LumaClient {
        LumaClient(baseURL: lumaBase, apiKey: lumaKey, transport: stub, limit: limit, retry: retry,
                   clock: clock, pageSize: pageSize)
    }
}

func date(_ text: String) -> Date {
    guard let parsed = ISO8601.parse(text) else { fatalError("bad test timestamp \(text)") }
    return parsed
}

/// Runs `body` and returns the `ProviderError` it threw (nil if it did not throw one).
func providerError(_ body: () async throws -> Void) async -> ProviderError? {
    do {
        try await body()
        return nil
    } catch let error as ProviderError {
        return error
    } catch {
        return nil
    }
}

extension ProviderError {
    var kind: String {
        switch self {
        case .unauthorized: return "unauthorized"
        case .forbidden: return "forbidden"
        case .notFound: return "notFound"
        case .rateLimited: return "rateLimited"
        case .transient: return "transient"
        case .badRequest: return "badRequest"
        case .malformed: return "malformed"
        }
    }
}
