import Foundation
import BadgeCore

/// The Eventbrite v3 client (PROVIDERS.md §1): Bearer auth, the orders API with attendees
/// expanded as the import source, `changed_since` polls.
///
/// Cursors are opaque to the sync engine but readable here:
/// - full-scan cursors are `page:N` (fetch page N next; used whenever `page_count` is known, so
///   resumes and concurrent fetches work) or `cont:TOKEN` (an Eventbrite continuation token);
///   a stale token (`BAD_CONTINUATION_TOKEN`) restarts the scan at page 1;
/// - change cursors are a UTC timestamp `YYYY-MM-DDThh:mm:ssZ`, the highest `changed` seen
///   (inclusive: boundary attendees come back on the next poll; merges are idempotent).
public struct EventbriteClient: ProviderClient {
    public let provider: Provider = .eventbrite
    public let baseURL: URL
    let http: ProviderHTTP
    let clock: any PolicyClock
    /// Pages fetched at once when `page_count` is known.
    let pageConcurrency: Int

    /// How far back a fresh change cursor starts (no cursor given): covers clock skew and the
    /// API's indexing delay. The engine normally passes `changeCursor(for:)` of its import.
    public static let freshCursorMargin: TimeInterval = 300

    /// - Parameters:
    ///   - baseURL: including `/v3`, e.g. `https://www.eventbriteapi.com/v3`.
    ///   - transport: the network (`URLSessionTransport`) or a stub; wrapped in a `PolicyTransport`.
    ///   - ledger: the account's rate budget shared by every process on the database (nil: this
    ///     client's own in-memory budget).
    public init(baseURL: URL, token: String, transport: any HTTPTransport,
                limit: RateBudget.Limit = .eventbrite, retry: RetryPolicy = .standard,
                clock: any PolicyClock = SystemPolicyClock(), pageConcurrency: Int = 4,
                timeout: TimeInterval = 30, ledger: (any RateLedger)? = nil) {
        self.baseURL = baseURL
        self.clock = clock
        self.pageConcurrency = max(1, pageConcurrency)
        let policy = PolicyTransport(wrapping: transport, limit: limit, retry: retry, clock: clock,
                                     credential: token, ledger: ledger,
                                     account: RateAccount.key(provider: .eventbrite, credential: token),
                                     classifier: Self.classify)
        http = ProviderHTTP(policy: policy, redactor: SecretRedactor(credential: token),
                            headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"],
                            timeout: timeout)
    }

    // MARK: - ProviderClient

    public func whoAmI() async throws -> String {
        let user = try await get(path: "/users/me/", as: EventbriteWire.User.self)
        return EventbriteMapping.accountLabel(user)
    }

    public func availableEvents() async throws -> [ProviderEvent] {
        var organizations: [EventbriteWire.Organization] = []
        try await forEachPage(path: "/users/me/organizations/", query: []) { (page: EventbriteWire.OrganizationsPage) in
            organizations += page.organizations ?? []
            return page.pagination
        }
        var events: [ProviderEvent] = []
        var seen = Set<String>()
        for organization in organizations {
            guard let orgId = organization.id.text else { continue }
            let query = [("status", "live,started,ended"), ("order_by", "start_desc")]
            try await forEachPage(path: "/organizations/\(ProviderURL.encode(orgId))/events/", query: query) {
                (page: EventbriteWire.EventsPage) in
                for wire in page.events ?? [] {
                    if let event = EventbriteMapping.event(wire), seen.insert(event.externalId).inserted {
                        events.append(event)
                    }
                }
                return page.pagination
            }
        }
        return events
    }

    public func event(externalId: String) async throws -> ProviderEvent {
        let wire = try await get(path: "/events/\(ProviderURL.encode(externalId))/", as: EventbriteWire.Event.self)
        guard let event = EventbriteMapping.event(wire) else {
            throw ProviderError.transient("malformed response from \(http.redactor.describe(url("/events/\(externalId)/"))): event without id")
        }
        return event
    }

    public func fullScan(eventExternalId: String, resumeCursor: String?,
                         onPage: @Sendable (AttendeePage) async throws -> Void) async throws {
        let start = resumeCursor.flatMap(ScanPosition.init(cursor:)) ?? .page(1)
        try await scanOrders(eventId: eventExternalId, extraQuery: [], start: start,
                             concurrent: true) { page, _ in try await onPage(page) }
    }

    public func changes(eventExternalId: String, since cursor: String?) async throws -> ChangeSet {
        guard let cursor, let since = ISO8601.parse(cursor) else {
            let fresh = clock.now().addingTimeInterval(-Self.freshCursorMargin)
            return ChangeSet(attendees: [], cursor: Self.changeCursor(for: fresh))
        }
        var attendees: [ProviderAttendee] = []
        var highest = since
        try await scanOrders(eventId: eventExternalId, extraQuery: [("changed_since", ISO8601.format(since))],
                             start: .page(1), concurrent: false) { page, maxChanged in
            attendees += page.attendees
            if let maxChanged, maxChanged > highest { highest = maxChanged }
        }
        return ChangeSet(attendees: attendees, cursor: Self.changeCursor(for: highest))
    }

    public func requestCount() async -> Int { http.policy.requestCount }

    public func budget() async -> RateBudgetSnapshot { http.policy.snapshot() }

    // MARK: - Cursors for the sync engine

    /// The highest `changedAt` of the imported attendees (nil when none carries one).
    public func changeCursor(after attendees: [ProviderAttendee]) -> String? {
        Self.changeCursor(for: attendees)
    }

    /// The change cursor for "everything changed at or after `date`".
    public static func changeCursor(for date: Date) -> String { ISO8601.format(date) }

    /// The change cursor to poll from after importing `attendees` (their highest `changedAt`);
    /// nil when none carries a time.
    public static func changeCursor(for attendees: [ProviderAttendee]) -> String? {
        attendees.lazy.compactMap(\.changedAt).max().map(changeCursor(for:))
    }

    // MARK: - Requests and errors

    func url(_ path: String, _ query: [(String, String)] = []) -> URL {
        ProviderURL.make(baseURL, path, query)
    }

    func get<T: Decodable>(path: String, query: [(String, String)] = [], as type: T.Type) async throws -> T {
        do {
            return try await http.get(url(path, query), as: type)
        } catch let failure as HTTPStatusFailure {
            throw mapFailure(failure)
        }
    }

    /// GETs a page decoded by `decode` (the hot path), with Eventbrite's error mapping.
    func get<T>(path: String, query: [(String, String)], decode: (Data) throws -> T) async throws -> T {
        do {
            return try await http.get(url(path, query), decode: decode)
        } catch let failure as HTTPStatusFailure {
            throw mapFailure(failure)
        }
    }

    /// Follows an Eventbrite list to its end (continuation paging, the same stop rules as scans).
    private func forEachPage<Page: Decodable>(path: String, query: [(String, String)],
                                              _ body: (Page) throws -> EventbriteWire.Pagination?) async throws {
        var continuation: String?
        var used = Set<String>()
        while true {
            var q = query
            if let continuation { q.append(("continuation", continuation)) }
            let page = try await get(path: path, query: q, as: Page.self)
            let pagination = try body(page)
            guard pagination?.has_more_items?.value == true, let next = pagination?.continuation.text,
                  used.insert(next).inserted else { return }
            continuation = next
        }
    }

    /// Provider-specific decisions the policy makes before retrying.
    static let classify: @Sendable (HTTPResponse) -> PolicyTransport.Disposition = { response in
        guard !(200..<300).contains(response.status) else { return .final }
        // Any 429 is rate limiting, whatever constant (or none, or an unknown one) comes with it.
        if response.status == 429 { return .rateLimited }
        switch errorConstant(response) {
        case "HIT_RATE_LIMIT": return .rateLimited
        case "INTERNAL_ERROR", "EXPANSION_FAILED": return .transient
        case .some: return (500...599).contains(response.status) ? .transient : .final
        case nil: return PolicyTransport.statusClassifier(response)
        }
    }

    static func errorConstant(_ response: HTTPResponse) -> String? {
        (try? JSONDecoder().decode(EventbriteWire.ErrorBody.self, from: response.body))?.error.text?.uppercased()
    }

    /// Maps a failed response by Eventbrite's `error` constant (then by status).
    func mapFailure(_ failure: HTTPStatusFailure) -> any Error {
        let body = try? JSONDecoder().decode(EventbriteWire.ErrorBody.self, from: failure.response.body)
        let constant = body?.error.text?.uppercased()
        let place = http.place(failure)
        let detail = [constant, body?.error_description.text].compactMap { $0 }.joined(separator: ": ")
        let message = http.redactor.clean(detail.isEmpty ? place : "\(detail) (\(place))")
        if failure.response.status == 429 {
            return ProviderError.rateLimited(retryAfter: http.retryAfter(failure.response))
        }
        switch constant {
        case "INVALID_AUTH", "NO_AUTH", "INVALID_AUTH_HEADER", "ACCESS_DENIED":
            return ProviderError.unauthorized(message)
        case "NOT_AUTHORIZED":
            return ProviderError.forbidden(message)
        case "NOT_FOUND":
            return ProviderError.notFound(message)
        case "HIT_RATE_LIMIT":
            return ProviderError.rateLimited(retryAfter: http.retryAfter(failure.response))
        case "INTERNAL_ERROR", "EXPANSION_FAILED":
            return ProviderError.transient(message)
        case "BAD_CONTINUATION_TOKEN":
            return ScanSignal.badContinuation
        case "BAD_PAGE":
            return ScanSignal.badPage
        default:
            switch failure.response.status {
            case 401: return ProviderError.unauthorized(message)
            case 403: return ProviderError.forbidden(message)
            case 404: return ProviderError.notFound(message)
            case 429: return ProviderError.rateLimited(retryAfter: http.retryAfter(failure.response))
            case 500...599: return ProviderError.transient(message)
            case 300...399: return ProviderError.transient("unexpected redirect: \(message)")
            default: return ProviderError.badRequest(message)
            }
        }
    }

    /// Paging errors the scan handles itself; never leave the client.
    enum ScanSignal: Error {
        case badContinuation
        case badPage
    }
}
