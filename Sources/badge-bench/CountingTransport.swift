import Foundation
import Providers

/// Counts requests by kind so the network floor can be computed: `page=N` (N ≥ 2) requests of a
/// full scan are the ones the Eventbrite client fetches concurrently; everything else is sequential.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var pageRequests = 0
    private var otherRequests = 0

    init(inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        // Page 1 and the change sweep (`changed_since`) wait for what comes before them; pages
        // 2… of a full scan are the ones fetched ahead concurrently.
        let items = (request.url.query ?? "").split(separator: "&")
        let page = items.first { $0.hasPrefix("page=") }.flatMap { Int($0.dropFirst(5)) }
        let isPage = (page ?? 0) >= 2 && !items.contains { $0.hasPrefix("changed_since=") }
        lock.withLock { if isPage { pageRequests += 1 } else { otherRequests += 1 } }
        return try await inner.send(request)
    }

    var counts: (page: Int, other: Int) { lock.withLock { (pageRequests, otherRequests) } }

    func reset() { lock.withLock { pageRequests = 0; otherRequests = 0 } }
}
