import Foundation
import Providers

/// Wraps the real transport: records every response status (so tests can assert that no 429
/// ever came back) and can rewrite the next requests (e.g. make a continuation token stale).
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var statuses: [Int] = []
    private var sent = 0
    private var tamper: (@Sendable (HTTPRequest) -> HTTPRequest?)?
    private var rewriteResponse: (@Sendable (HTTPResponse) -> HTTPResponse)?
    private var rewritePage: (@Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse)?
    private var log: [(sent: Date, status: Int?)] = []
    private var failures = 0
    private var badBodies = 0
    /// Parse each 2xx body as JSON to count malformed ones (costly: fault tests only).
    let checkBodies: Bool

    init(inner: any HTTPTransport, checkBodies: Bool = false) {
        self.inner = inner
        self.checkBodies = checkBodies
    }

    /// Responses that were not a clean success: non-2xx statuses, transport failures (timeouts,
    /// resets, truncated bodies) and, with `checkBodies`, 2xx bodies that are not JSON. Proves a
    /// fault was actually served.
    var anomalies: Int { lock.withLock { statuses.filter { !(200..<300).contains($0) }.count + failures + badBodies } }

    /// Statuses of every response received so far (transport failures are not responses).
    var responseStatuses: [Int] { lock.withLock { statuses } }
    var requestsSent: Int { lock.withLock { sent } }

    func resetStatuses() {
        lock.withLock {
            statuses.removeAll()
            log.removeAll()
            sent = 0
            failures = 0
            badBodies = 0
        }
    }

    /// `rewrite` sees each request; when it returns a request, that one is sent instead and the
    /// rewrite is removed (one-shot).
    func tamperOnce(_ rewrite: @escaping @Sendable (HTTPRequest) -> HTTPRequest?) {
        lock.withLock { tamper = rewrite }
    }

    /// Every later response passes through `rewrite` (e.g. a provider's shorter Retry-After).
    func rewriteResponses(_ rewrite: @escaping @Sendable (HTTPResponse) -> HTTPResponse) {
        lock.withLock { rewriteResponse = rewrite }
    }

    /// Every later response passes through `rewrite` with the request it answers (an odd page of
    /// the provider's list: see `PageTamper`); nil stops it.
    func rewritePages(_ rewrite: (@Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse)?) {
        lock.withLock { rewritePage = rewrite }
    }

    /// When each request was sent and the status it got (nil: no response).
    var exchanges: [(sent: Date, status: Int?)] { lock.withLock { log } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let sentAt = Date()
        let outgoing: HTTPRequest = lock.withLock {
            sent += 1
            if let rewrite = tamper, let changed = rewrite(request) {
                tamper = nil
                return changed
            }
            return request
        }
        var response: HTTPResponse
        do {
            response = try await inner.send(outgoing)
        } catch {
            lock.withLock {
                failures += 1
                log.append((sentAt, nil))
            }
            throw error
        }
        if let rewrite = lock.withLock({ rewriteResponse }) { response = rewrite(response) }
        if let rewrite = lock.withLock({ rewritePage }) { response = rewrite(outgoing, response) }
        let bad = checkBodies && (200..<300).contains(response.status)
            && (try? JSONSerialization.jsonObject(with: response.body)) == nil
        lock.withLock {
            statuses.append(response.status)
            log.append((sentAt, response.status))
            if bad { badBodies += 1 }
        }
        return response
    }
}
