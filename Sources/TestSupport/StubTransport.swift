import Foundation
import Providers

/// A scripted `HTTPTransport` for tests: routes by method, path and query, replies from a queue
/// (the last reply of a route repeats), records every request, and tracks how many requests were
/// in flight at once (to prove concurrent page fetches). Unmatched requests get `fallback`.
///
/// ```swift
/// let stub = StubTransport()
/// stub.on("/v3/users/me/", reply: .json(200, #"{"name": "Ada"}"#))
/// stub.on("/v3/events/1/orders/", query: ["page": "2"], replies: [.failure(.timedOut), .file(url)])
/// ```
public final class StubTransport: HTTPTransport, @unchecked Sendable {
    /// A query value that matches only when the parameter is absent.
    public static let absent = "\u{0}absent"
    /// A query value that matches any present value.
    public static let anyValue = "\u{0}any"

    /// One scripted reply.
    public enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
        case handler(@Sendable (HTTPRequest) async throws -> HTTPResponse)

        /// A JSON body with a status and optional headers.
        public static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> Reply {
            var all = ["Content-Type": "application/json"]
            all.merge(headers) { _, new in new }
            return .response(HTTPResponse(status: status, headers: all, body: Data(text.utf8)))
        }

        /// A fixture file's bytes as the body (a missing file fails the test loudly via status 599).
        public static func file(_ url: URL, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            guard let data = try? Data(contentsOf: url) else {
                return .response(HTTPResponse(status: 599, body: Data("missing fixture \(url.path)".utf8)))
            }
            var all = ["Content-Type": "application/json"]
            all.merge(headers) { _, new in new }
            return .response(HTTPResponse(status: status, headers: all, body: data))
        }

        /// Raw bytes (truncated or malformed bodies).
        public static func bytes(_ data: Data, status: Int = 200) -> Reply {
            .response(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: data))
        }
    }

    private struct Route {
        var method: String
        var path: String
        var query: [String: String]
        var replies: [Reply]
    }

    private let lock = NSLock()
    private var routes: [Route] = []
    private var recorded: [HTTPRequest] = []
    private var inFlight = 0
    private var peak = 0
    private let fallback: HTTPResponse

    public init(fallback: HTTPResponse = HTTPResponse(status: 404, body: Data(#"{"error": "NOT_FOUND"}"#.utf8))) {
        self.fallback = fallback
    }

    /// Adds a route. Among matching routes the one naming the most query parameters wins; ties
    /// go to the route added first.
    public func on(_ path: String, method: String = "GET", query: [String: String] = [:], replies: [Reply]) {
        lock.withLock { routes.append(Route(method: method, path: path, query: query, replies: replies)) }
    }

    public func on(_ path: String, method: String = "GET", query: [String: String] = [:], reply: Reply) {
        on(path, method: method, query: query, replies: [reply])
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] {
        lock.withLock { recorded }
    }

    /// Requests whose path is `path`.
    public func requests(path: String) -> [HTTPRequest] {
        requests.filter { Self.path(of: $0) == path }
    }

    /// The most requests that were in flight at the same time.
    public var maxInFlight: Int {
        lock.withLock { peak }
    }

    /// The value of query parameter `name` of a request (percent-decoded).
    public static func query(_ name: String, of request: HTTPRequest) -> String? {
        URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == name }?.value
    }

    /// The request's path exactly as sent (a trailing `/` kept, unlike `URL.path`).
    public static func path(of request: HTTPRequest) -> String {
        URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.path ?? request.url.path
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let reply: Reply? = lock.withLock {
            recorded.append(request)
            inFlight += 1
            peak = max(peak, inFlight)
            return nextReply(for: request)
        }
        defer { lock.withLock { inFlight -= 1 } }
        switch reply {
        case nil: return fallback
        case .response(let response)?: return response
        case .failure(let error)?: throw error
        case .handler(let handler)?: return try await handler(request)
        }
    }

    /// Must be called with the lock held.
    private func nextReply(for request: HTTPRequest) -> Reply? {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        var best: Int?
        for (index, route) in routes.enumerated()
        where route.method == request.method && route.path == Self.path(of: request) {
            let matches = route.query.allSatisfy { name, wanted in
                let value = items.first { $0.name == name }?.value
                switch wanted {
                case Self.absent: return value == nil
                case Self.anyValue: return value != nil
                default: return value == wanted
                }
            }
            guard matches else { continue }
            if let current = best, routes[current].query.count >= route.query.count { continue }
            best = index
        }
        guard let index = best, !routes[index].replies.isEmpty else { return nil }
        if routes[index].replies.count > 1 {
            return routes[index].replies.removeFirst()
        }
        return routes[index].replies[0]
    }
}
