import Foundation
import BadgeCore

/// The Luma client (PROVIDERS.md §2): `x-luma-api-key` auth, the event's guest list as the
/// import source, cursor paging (`pagination_cursor`/`next_cursor`, 50 per page).
///
/// Cursors are opaque to the sync engine but readable here:
/// - full-scan cursors are `N|TOKEN`: page N of the scan comes next, fetched with Luma's
///   `next_cursor` TOKEN; a cursor Luma rejects restarts the scan from the first page;
/// - change cursors are `r=TIME;c=TIME`, the watermarks of the two head scans (latest
///   `registered_at` and latest `checked_in_at` seen; either may be empty). See `changes`.
///
/// Luma has no change filter: edits and cancellations of older guests are only seen by the
/// periodic full scans the sync engine runs (SPEC §2.5).
public struct LumaClient: ProviderClient {
    public let provider: Provider = .luma
    public let baseURL: URL
    let http: ProviderHTTP
    let clock: any PolicyClock
    /// `pagination_limit` (Luma enforces an undocumented maximum; 50 is safe).
    let pageSize: Int
    /// Where data problems that do not fail a page are reported (an unparsable check-in time).
    let log: any LogSink

    /// - Parameters:
    ///   - baseURL: the host root, e.g. `https://public-api.luma.com`.
    ///   - transport: the network (`URLSessionTransport`) or a stub; wrapped in a `PolicyTransport`.
    ///   - ledger: the account's rate budget shared by every process on the database (nil: this
    ///     client's own in-memory budget).
    public init(baseURL: URL, apiKey: String, transport: any HTTPTransport,
                limit: RateBudget.Limit = .luma, retry: RetryPolicy = .standard,
                clock: any PolicyClock = SystemPolicyClock(), pageSize: Int = 50, timeout: TimeInterval = 30,
                log: any LogSink = NullLog(), ledger: (any RateLedger)? = nil) {
        self.baseURL = baseURL
        self.log = log
        self.clock = clock
        self.pageSize = min(50, max(1, pageSize))
        let policy = PolicyTransport(wrapping: transport, limit: limit, retry: retry, clock: clock,
                                     credential: apiKey, ledger: ledger,
                                     account: RateAccount.key(provider: .luma, credential: apiKey))
        http = ProviderHTTP(policy: policy, redactor: SecretRedactor(credential: apiKey),
                            headers: ["x-luma-api-key": apiKey, "Accept": "application/json"],
                            timeout: timeout)
    }

    // MARK: - ProviderClient

    public func whoAmI() async throws -> String {
        let response = try await get("/v1/users/get-self", as: LumaWire.SelfResponse.self)
        return LumaMapping.accountLabel(response.user)
    }

    public func availableEvents() async throws -> [ProviderEvent] {
        var events: [ProviderEvent] = []
        var seen = Set<String>()
        var cursor: String?
        var used = Set<String>()
        while true {
            var query = [("pagination_limit", String(pageSize))]
            if let cursor { query.append(("pagination_cursor", cursor)) }
            let page = try await get("/v1/calendars/events/list", query, as: LumaWire.EventsPage.self)
            let entries = page.entries ?? []
            for entry in entries {
                if let event = LumaMapping.event(entry), seen.insert(event.externalId).inserted {
                    events.append(event)
                }
            }
            guard page.has_more?.value == true, !entries.isEmpty, let next = page.next_cursor.text,
                  used.insert(next).inserted else { return events }
            cursor = next
        }
    }

    public func event(externalId: String) async throws -> ProviderEvent {
        let envelope = try await get("/v1/events/get", [("event_id", externalId)], as: LumaWire.EventEnvelope.self)
        guard let event = LumaMapping.event(envelope) else {
            throw ProviderError.notFound("Luma event \(externalId) (response without an id)")
        }
        return event
    }

    /// Cursor paging is sequential, but the next page is requested while the caller merges the
    /// current one (one page ahead), so the network and the database work overlap.
    ///
    /// What is not a page (PROVIDERS.md §2.5) fails the scan with `ProviderError.malformed`, never
    /// ends it: no `entries` list, an empty page with `has_more`, `has_more` without a cursor, or
    /// a cursor already used in this scan (a cycle).
    public func fullScan(eventExternalId: String, resumeCursor: String?,
                         onPage: @Sendable (AttendeePage) async throws -> Void) async throws {
        var (number, token) = Self.parseScanCursor(resumeCursor)
        var restarted = token == nil
        var used = Set<String>()
        var ahead: Task<(GuestPage, [ProviderAttendee]), any Error>?
        defer { ahead?.cancel() }
        while true {
            try Task.checkCancellation()
            let page: GuestPage
            let attendees: [ProviderAttendee]
            do {
                if let prefetched = ahead {
                    ahead = nil
                    (page, attendees) = try await prefetched.value
                } else {
                    (page, attendees) = try await fetchMapped(eventId: eventExternalId, cursor: token, number: number)
                }
            } catch ScanSignal.badCursor where !restarted {
                restarted = true
                (number, token) = (1, nil)
                used.removeAll()
                continue
            } catch ScanSignal.badCursor {
                throw ProviderError.badRequest("Luma rejected the guest list paging of event \(eventExternalId)")
            }
            if let token { used.insert(token) }
            let next = try Self.nextCursor(of: page, number: number, used: &used, eventId: eventExternalId)
            if let next {
                let client = self
                let following = number + 1
                ahead = Task { try await client.fetchMapped(eventId: eventExternalId, cursor: next, number: following) }
            }
            try await onPage(AttendeePage(attendees: attendees, pageNumber: number,
                                          nextCursor: next.map { "\(number + 1)|\($0)" }))
            guard let next else { return }
            token = next
            number += 1
        }
    }

    public func requestCount() async -> Int { http.policy.requestCount }

    public func budget() async -> RateBudgetSnapshot { http.policy.snapshot() }

    // MARK: - Requests and errors

    /// One page of the guest list.
    struct GuestPage: Sendable {
        var entries: [LumaWire.GuestEntry]
        var hasMore: Bool
        var nextCursor: String?
    }

    /// GETs one page of the guest list. A body without its `entries` list, or an empty list that
    /// says more follow, is a `MalformedPage` (retried, then `ProviderError.malformed`); `number`
    /// names the page in that reason.
    func fetchGuests(eventId: String, cursor: String?, sort: (column: String, direction: String)?,
                     number: Int?) async throws -> GuestPage {
        var query = [("event_id", eventId), ("pagination_limit", String(pageSize))]
        if let cursor { query.append(("pagination_cursor", cursor)) }
        if let sort {
            query.append(("sort_column", sort.column))
            query.append(("sort_direction", sort.direction))
        }
        let wire: LumaWire.GuestsPage
        do {
            wire = try await http.get(ProviderURL.make(baseURL, "/v1/events/guests/list", query)) { data in
                let page = try LumaWire.readGuestsPage(data)
                guard let entries = page.entries else {
                    throw MalformedPage.missingList(number, of: "guest list", key: "entries")
                }
                if entries.isEmpty && page.has_more?.value == true {
                    throw MalformedPage.emptyButMore(number, of: "guest list")
                }
                return page
            }
        } catch let failure as HTTPStatusFailure {
            throw mapFailure(failure)
        }
        return GuestPage(entries: wire.entries ?? [], hasMore: wire.has_more?.value ?? false,
                         nextCursor: wire.next_cursor.text)
    }

    /// A page of the full scan with its guests mapped: the look-ahead task does both, so the
    /// decoding and mapping of page N+1 overlap the merge of page N.
    func fetchMapped(eventId: String, cursor: String?, number: Int) async throws -> (GuestPage, [ProviderAttendee]) {
        let page = try await fetchGuests(eventId: eventId, cursor: cursor, sort: nil, number: number)
        return (page, page.entries.compactMap(mapped))
    }

    /// `LumaMapping.attendee`, with a warning in the log when a `checked_in_at` that is not a
    /// date left the guest "not checked in" (issue #13: never silently).
    func mapped(_ entry: LumaWire.GuestEntry) -> ProviderAttendee? {
        guard let attendee = LumaMapping.attendee(entry) else { return nil }
        if attendee.checkedInAt == nil, let bad = LumaMapping.unparsableCheckIns(entry).first {
            log.log(.warning, "Luma guest \(attendee.providerAttendeeId): checked_in_at '\(bad.prefix(40))' "
                    + "is not a date; kept as not checked in")
        }
        return attendee
    }

    /// The cursor of the page after `page` (nil when it is the last), recorded in `used`. More
    /// promised without a cursor, or a cursor this scan already followed, is malformed.
    static func nextCursor(of page: GuestPage, number: Int?, used: inout Set<String>, eventId: String) throws -> String? {
        guard page.hasMore else { return nil }
        let named = MalformedPage.page(number, of: "guest list")
        guard let cursor = page.nextCursor, !cursor.isEmpty else {
            throw ProviderError.malformed("\(named) of event \(eventId) says more follow but gives no cursor")
        }
        guard used.insert(cursor).inserted else {
            throw ProviderError.malformed("the cursor of \(named) of event \(eventId) points back to a page already read")
        }
        return cursor
    }

    static func parseScanCursor(_ cursor: String?) -> (Int, String?) {
        guard let cursor, !cursor.isEmpty else { return (1, nil) }
        if let bar = cursor.firstIndex(of: "|"), let n = Int(cursor[..<bar]), n >= 1 {
            let token = String(cursor[cursor.index(after: bar)...])
            return (n, token.isEmpty ? nil : token)
        }
        return (1, cursor)
    }

    func get<T: Decodable>(_ path: String, _ query: [(String, String)] = [], as type: T.Type) async throws -> T {
        do {
            return try await http.get(ProviderURL.make(baseURL, path, query), as: type)
        } catch let failure as HTTPStatusFailure {
            throw mapFailure(failure)
        }
    }

    /// Luma's error body is undocumented: decide by status (PROVIDERS.md §2).
    func mapFailure(_ failure: HTTPStatusFailure) -> any Error {
        let body = try? JSONDecoder().decode(LumaWire.ErrorBody.self, from: failure.response.body)
        let text = body?.message.text
        let place = http.place(failure)
        let message = http.redactor.clean(text.map { "\($0) (\(place))" } ?? place)
        switch failure.response.status {
        case 400:
            // 400 is "missing key"; a 400 about paging must not disconnect the integration.
            let lower = text?.lowercased() ?? ""
            if lower.contains("cursor") || lower.contains("pagination") { return ScanSignal.badCursor }
            return ProviderError.unauthorized(message)
        case 401: return ProviderError.unauthorized(message)
        case 403: return ProviderError.forbidden(message)
        case 404: return ProviderError.notFound(message)
        case 429: return ProviderError.rateLimited(retryAfter: http.retryAfter(failure.response))
        case 500...599: return ProviderError.transient(message)
        case 300...399: return ProviderError.transient("unexpected redirect: \(message)")
        default: return ProviderError.badRequest(message)
        }
    }

    /// Paging errors the scans handle themselves.
    enum ScanSignal: Error {
        case badCursor
    }
}
