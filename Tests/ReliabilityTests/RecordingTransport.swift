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

    init(inner: any HTTPTransport) { self.inner = inner }

    /// Statuses of every response received so far (transport failures are not responses).
    var responseStatuses: [Int] { lock.withLock { statuses } }
    var requestsSent: Int { lock.withLock { sent } }

    /// `rewrite` sees each request; when it returns a request, that one is sent instead and the
    /// rewrite is removed (one-shot).
    func tamperOnce(_ rewrite: @escaping @Sendable (HTTPRequest) -> HTTPRequest?) {
        lock.withLock { tamper = rewrite }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let outgoing: HTTPRequest = lock.withLock {
            sent += 1
            if let rewrite = tamper, let changed = rewrite(request) {
                tamper = nil
                return changed
            }
            return request
        }
        let response = try await inner.send(outgoing)
        lock.withLock { statuses.append(response.status) }
        return response
    }
}
