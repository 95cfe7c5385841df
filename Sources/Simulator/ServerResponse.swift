import Foundation

/// What a handler answers: status, headers, body, and an optional transport-level misbehaviour.
public struct ServerResponse: Sendable {
    /// Ways the server can misbehave on purpose, to exercise clients' error paths.
    public enum Misbehaviour: Sendable, Equatable {
        /// Close the connection without sending anything (a reset, SO_LINGER 0).
        case reset
        /// Send the headers with the full `Content-Length`, then only part of the body, then close.
        case truncated
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Milliseconds to wait before answering.
    public var delayMs: Int
    public var misbehaviour: Misbehaviour?

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                delayMs: Int = 0, misbehaviour: Misbehaviour? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delayMs = delayMs
        self.misbehaviour = misbehaviour
    }

    /// A JSON response from already-encoded text.
    public static func json(_ status: Int, _ text: String,
                            headers: [(name: String, value: String)] = []) -> ServerResponse {
        ServerResponse(status: status,
                       headers: [("Content-Type", "application/json")] + headers,
                       body: Array(text.utf8))
    }

    /// The reason phrase for the status line.
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 411: return "Length Required"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
