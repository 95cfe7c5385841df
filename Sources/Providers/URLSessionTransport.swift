import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real network: `HTTPTransport` over `URLSession`. The only file of the project that
/// mentions URLSession (ARCHITECTURE §2).
///
/// - No URL cache, no cookies, no credential storage — a provider response is always fresh,
///   nothing about a credential is kept on disk, and nothing is created on disk either (see
///   `keepFoundationStorageOffDisk`).
/// - `httpMaximumConnectionsPerHost` (default 8) lets the clients fetch pages concurrently.
/// - A redirect is followed only to the same scheme, host and port (the Authorization header must
///   never travel to another host); any other redirect is returned as the 3xx response itself.
/// - Each request's `timeout` bounds the whole exchange (enforced here: FoundationNetworking does
///   not apply a per-request `timeoutInterval` reliably); failures below HTTP become
///   `TransportError` (`timedOut`, `connectionLost`, `cannotConnect`), cancellation stays
///   `CancellationError`. A body shorter than its `Content-Length` counts as `connectionLost`.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let tasks: TaskTable

    public init(maxConnectionsPerHost: Int = 8) {
        _ = Self.sharedCacheOffDisk
        // Not `.ephemeral`: on Linux it builds its own URLCache, which creates
        // ~/.cache/org.swift.foundation.URLCache/<binary> even with no disk capacity.
        let configuration = URLSessionConfiguration.default
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCredentialStorage = nil
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
        configuration.timeoutIntervalForRequest = 30
        configuration.timeoutIntervalForResource = 600
        let table = TaskTable()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        tasks = table
        session = URLSession(configuration: configuration, delegate: table, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// FoundationNetworking on Linux creates directories the first time its shared stores are
    /// touched — and every `URLSessionConfiguration` touches them, whatever is set afterwards:
    /// the shared cookie storage makes `$XDG_DATA_HOME/<folder the binary sits in>` (e.g.
    /// ~/.local/share/debug or ~/.local/share/bin), the shared URL cache
    /// `~/.cache/org.swift.foundation.URLCache/<binary>` (issue #17). Badge uses neither.
    ///
    /// Call once at process start, while the process has one thread: the cookie storage's
    /// directory is resolved from `XDG_DATA_HOME`, which is pointed at a path that cannot be a
    /// directory for that moment (so nothing is created) and restored. A transport made without
    /// this call still keeps the URL cache off disk.
    public static func keepFoundationStorageOffDisk() {
        _ = sharedCacheOffDisk
        _ = sharedCookiesOffDisk
    }

    private static let sharedCacheOffDisk: Void = {
        #if canImport(FoundationNetworking)
        // "/dev/null" is never a directory: the cache's directory cannot be created, and with
        // no capacity nothing is ever written.
        URLCache.shared = URLCache(memoryCapacity: 0, diskCapacity: 0, diskPath: "/dev/null")
        #endif
    }()

    private static let sharedCookiesOffDisk: Void = {
        #if canImport(FoundationNetworking)
        let saved = getenv("XDG_DATA_HOME").map { String(cString: $0) }
        setenv("XDG_DATA_HOME", "/dev/null", 1)
        _ = HTTPCookieStorage.shared
        if let saved { setenv("XDG_DATA_HOME", saved, 1) } else { unsetenv("XDG_DATA_HOME") }
        #endif
    }()

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData,
                                    timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        let box = TaskBox(task: task)
        let tasks = self.tasks
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                tasks.register(box, timeout: request.timeout, continuation)
                if Task.isCancelled { task.cancel() }
                task.resume()
            }
        } onCancel: {
            box.task.cancel()
        }
    }

    /// Maps a URLSession failure to the transport's error vocabulary.
    static func map(_ error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return TransportError.other("network error")
        }
        if let tls = tlsFailure(urlError) { return TransportError.tls(tls) }
        switch urlError.code {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return TransportError.timedOut
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource,
             .resourceUnavailable, .unknown:
            return TransportError.connectionLost
        case .cannotFindHost, .dnsLookupFailed:
            return TransportError.hostNotFound
        case .cannotConnectToHost, .notConnectedToInternet,
             .internationalRoamingOff, .callIsActive, .dataNotAllowed:
            return TransportError.cannotConnect
        case .secureConnectionFailed:
            return TransportError.tls("the secure connection failed")
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot:
            return TransportError.tls("the server's certificate is not trusted")
        case .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            return TransportError.tls("the server's certificate is expired or not yet valid")
        case .clientCertificateRejected, .clientCertificateRequired:
            return TransportError.tls("the server wants a client certificate")
        default:
            return TransportError.other("network error \(urlError.code.rawValue)")
        }
    }
}

extension URLSessionTransport {
    /// swift-corelibs-foundation reports most TLS failures as `.unknown` with libcurl's OpenSSL
    /// text ("OpenSSL/3.0: error:0A00010B:SSL routines::wrong version number"): recognised by
    /// that text, and shortened to its reason ("wrong version number").
    static func tlsFailure(_ error: URLError) -> String? {
        switch error.code {
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasUnknownRoot,
             .serverCertificateHasBadDate, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return nil  // mapped by code
        default:
            let text = error.localizedDescription
            guard ["SSL", "TLS", "certificate"].contains(where: { text.contains($0) }) else { return nil }
            let reason = text.components(separatedBy: "::").last ?? text
            return String(reason.trimmingCharacters(in: .whitespaces).prefix(120))
        }
    }
}

/// Lets a cancellation handler reach the task (URLSessionTask is thread-safe to cancel).
private struct TaskBox: @unchecked Sendable {
    let task: URLSessionTask
}

/// The session delegate: collects each task's body and completes its continuation; guards
/// redirects. All callbacks arrive on the session's serial delegate queue; `register` comes from
/// other threads, hence the lock.
private final class TaskTable: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<HTTPResponse, any Error>
        var box: TaskBox
        var data = Data()
        var expired = false
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    func register(_ box: TaskBox, timeout: TimeInterval, _ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        let id = box.task.taskIdentifier
        lock.withLock { pending[id] = Pending(continuation: continuation, box: box) }
        let delay = max(0.001, timeout.isFinite ? timeout : 86_400)
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in
            self?.expire(id)
        }
    }

    /// The request's time is up: cancel it and report `timedOut` when it completes.
    private func expire(_ id: Int) {
        let box: TaskBox? = lock.withLock {
            guard pending[id] != nil else { return nil }
            pending[id]?.expired = true
            return pending[id]?.box
        }
        box?.task.cancel()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { pending[dataTask.taskIdentifier]?.data.append(data) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if entry.expired {
            entry.continuation.resume(throwing: TransportError.timedOut)
            return
        }
        if let error {
            entry.continuation.resume(throwing: URLSessionTransport.map(error))
            return
        }
        guard let http = task.response as? HTTPURLResponse else {
            entry.continuation.resume(throwing: TransportError.connectionLost)
            return
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key)] = String(describing: value)
        }
        let response = HTTPResponse(status: http.statusCode, headers: headers, body: entry.data)
        if let declared = response.header("Content-Length").flatMap({ Int($0) }), declared > entry.data.count,
           task.originalRequest?.httpMethod != "HEAD",
           (response.header("Content-Encoding") ?? "identity").lowercased() == "identity" {
            entry.continuation.resume(throwing: TransportError.connectionLost)
            return
        }
        entry.continuation.resume(returning: response)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
                    completionHandler: @escaping (URLRequest?) -> Void) {
        let from = task.originalRequest?.url
        let to = request.url
        let sameOrigin = from?.scheme?.lowercased() == to?.scheme?.lowercased()
            && from?.host?.lowercased() == to?.host?.lowercased()
            && from?.port == to?.port
        completionHandler(sameOrigin ? request : nil)
    }
}
