import BadgeCore
import Foundation
import Providers

/// One odd page shape a provider (or a gateway in front of it) can answer with HTTP 200
/// (PROVIDERS.md §2.5, issue #13): none of them may end a scan as if the list were complete.
enum OddPage: Sendable, CustomStringConvertible {
    /// The body has no list at all: `{}`, `{"message":"internal"}`.
    case noList(String)
    /// An empty list that says more follow.
    case emptyWithMore
    /// The page's continuation / cursor points back to a page already read.
    case cycle
    /// `object_count` / `page_count` smaller than an earlier page said (Eventbrite).
    case shrinkingTotal
    /// More promised without a cursor (Luma).
    case moreWithoutCursor
    /// Not odd at all: a well-formed, complete, empty list (page 1 of 1, nothing more). What a
    /// provider answering for the wrong event or calendar looks like; only the mass-cancellation
    /// guard stands between it and cancelling everyone.
    case completeButEmpty

    var description: String {
        switch self {
        case .noList(let body): return "no list \(body)"
        case .emptyWithMore: return "empty page with more"
        case .cycle: return "cursor cycle"
        case .shrinkingTotal: return "shrinking total"
        case .moreWithoutCursor: return "more without a cursor"
        case .completeButEmpty: return "complete but empty"
        }
    }

    /// The page of a scan that comes back odd: the first for a missing list (the issue's `{}`),
    /// the third for a cycle (back to the second), else the second.
    var page: Int {
        switch self {
        case .noList, .completeButEmpty: return 1
        case .cycle: return 3
        case .emptyWithMore, .shrinkingTotal, .moreWithoutCursor: return 2
        }
    }

    static func shapes(for provider: Provider) -> [OddPage] {
        switch provider {
        case .eventbrite: return [.noList("{}"), .noList(#"{"message":"internal"}"#), .emptyWithMore, .cycle, .shrinkingTotal]
        case .luma: return [.noList("{}"), .noList(#"{"message":"internal"}"#), .emptyWithMore, .cycle, .moreWithoutCursor]
        }
    }
}

/// Rewrites the provider's list pages (Eventbrite orders, Luma guest list) on their way to the
/// client: every answer for the `OddPage`'s page becomes odd (so the client's own retries see it
/// too) until `stop()`. Pages are told apart by `page=N`, or by the cursor that requested them
/// (learnt from the untouched pages before). Optionally drops rows from every page instead,
/// keeping the paging intact: a complete-looking list that lacks them (the guard tests).
final class PageTamper: @unchecked Sendable {
    let provider: Provider
    private let lock = NSLock()
    private var shape: OddPage?
    private var dropped: Set<String>
    private var pageOfCursor: [String: Int] = [:]
    private var cursorOfPage: [Int: String] = [:]
    private(set) var oddServed = 0

    init(provider: Provider, shape: OddPage? = nil, dropping: Set<String> = []) {
        self.provider = provider
        self.shape = shape
        self.dropped = dropping
    }

    /// Installs it on the fixture's transport.
    func install(on f: ReliabilityFixture) {
        f.recorder.rewritePages { [self] request, response in self.rewrite(request, response) }
    }

    /// The provider answers normally again.
    func stop(on f: ReliabilityFixture) {
        f.recorder.rewritePages(nil)
        lock.withLock {
            shape = nil
            dropped = []
        }
    }

    var served: Int { lock.withLock { oddServed } }

    private var listPath: String { provider == .eventbrite ? "/orders" : "/guests/list" }
    private var cursorName: String { provider == .eventbrite ? "continuation" : "pagination_cursor" }
    private var listKey: String { provider == .eventbrite ? "orders" : "entries" }

    func rewrite(_ request: HTTPRequest, _ response: HTTPResponse) -> HTTPResponse {
        guard response.status == 200, request.url.path.contains(listPath),
              var page = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else { return response }
        let query = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        return lock.withLock {
            let number: Int
            if let n = value("page").flatMap(Int.init) {
                number = n
            } else if let cursor = value(cursorName), !cursor.isEmpty {
                number = pageOfCursor[cursor] ?? 0  // unknown: never the odd one
            } else {
                number = 1
            }
            if let cursor = value(cursorName) { cursorOfPage[number] = cursor }
            if let next = nextCursor(page) { pageOfCursor[next] = number + 1 }

            if !dropped.isEmpty { page = drop(page) }
            guard let shape else { return body(page, response) }
            if case .cycle = shape, provider == .eventbrite {
                // Continuation paging, so the cycle is followed rather than `page=N`.
                page = edit(pagination: page) { $0["page_count"] = nil }
            }
            guard number == shape.page else { return body(page, response) }
            oddServed += 1
            switch shape {
            case .noList(let text):
                var odd = response
                odd.body = Data(text.utf8)
                return odd
            case .emptyWithMore:
                page[listKey] = [Any]()
                if provider == .eventbrite {
                    page = edit(pagination: page) { $0["has_more_items"] = true }
                } else {
                    page["has_more"] = true
                }
            case .cycle:
                guard let back = cursorOfPage[number - 1] else { return body(page, response) }
                if provider == .eventbrite {
                    page = edit(pagination: page) { $0["continuation"] = back }
                } else {
                    page["next_cursor"] = back
                }
            case .shrinkingTotal:
                page = edit(pagination: page) { p in
                    if let count = p["object_count"] as? Int { p["object_count"] = max(1, count - 60) }
                    if let pages = p["page_count"] as? Int { p["page_count"] = max(1, pages - 1) }
                }
            case .moreWithoutCursor:
                page["next_cursor"] = nil
                page["has_more"] = true
            case .completeButEmpty:
                page[listKey] = [Any]()
                if provider == .eventbrite {
                    page["pagination"] = ["object_count": 0, "page_number": 1, "page_size": 50, "page_count": 1,
                                          "has_more_items": false] as [String: Any]
                } else {
                    page["has_more"] = false
                    page["next_cursor"] = nil
                }
            }
            return body(page, response)
        }
    }

    private func nextCursor(_ page: [String: Any]) -> String? {
        if provider == .eventbrite { return (page["pagination"] as? [String: Any])?["continuation"] as? String }
        return page["next_cursor"] as? String
    }

    private func edit(pagination page: [String: Any], _ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var page = page
        var pagination = page["pagination"] as? [String: Any] ?? [:]
        change(&pagination)
        page["pagination"] = pagination
        return page
    }

    /// Removes the dropped rows (whole Eventbrite orders holding one; Luma guests).
    private func drop(_ page: [String: Any]) -> [String: Any] {
        var page = page
        let items = page[listKey] as? [[String: Any]] ?? []
        page[listKey] = items.filter { item in
            if provider == .luma {
                let id = (item["guest"] as? [String: Any])?["id"] ?? item["id"] ?? item["api_id"]
                return !dropped.contains(id as? String ?? "")
            }
            let attendees = item["attendees"] as? [[String: Any]] ?? []
            return !attendees.contains { dropped.contains($0["id"] as? String ?? "") }
        }
        return page
    }

    private func body(_ page: [String: Any], _ response: HTTPResponse) -> HTTPResponse {
        var out = response
        out.body = (try? JSONSerialization.data(withJSONObject: page)) ?? response.body
        return out
    }
}
