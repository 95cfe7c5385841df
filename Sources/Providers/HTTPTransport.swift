import Foundation

/// An HTTP request as the provider clients build it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    public var timeout: TimeInterval

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
                timeout: TimeInterval = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP response; header names are matched case-insensitively through `header(_:)`.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.key.lowercased() == lower }?.value
    }
}

/// Failures below HTTP (no response at all).
public enum TransportError: Error, Sendable, Hashable {
    case timedOut
    case connectionLost
    /// Nothing accepted the connection (refused, unreachable, offline).
    case cannotConnect
    /// The host name did not resolve.
    case hostNotFound
    /// The TLS handshake or the server's certificate failed; the detail says which.
    case tls(String)
    case other(String)
}

/// The one seam between the clients and the network (ARCHITECTURE §3): one method.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
