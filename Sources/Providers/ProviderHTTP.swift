import Foundation
import BadgeCore

/// A non-2xx response, before a client maps it to a `ProviderError` by the provider's rules.
struct HTTPStatusFailure: Error, Sendable {
    var response: HTTPResponse
    var url: URL
}

/// The request/decode loop both clients share: auth headers, the policy transport, lenient
/// decoding, and the "malformed or truncated page" rule (retried like a 5xx, then
/// `ProviderError.transient("malformed response from <url> at byte N")`).
struct ProviderHTTP: Sendable {
    let policy: PolicyTransport
    let redactor: SecretRedactor
    let headers: [String: String]
    let timeout: TimeInterval

    /// GETs `url` and decodes `T`. Throws `HTTPStatusFailure` for a non-2xx response (after the
    /// policy's retries), `ProviderError` for anything else.
    func get<T: Decodable>(_ url: URL, as type: T.Type) async throws -> T {
        try await get(url) { try JSONDecoder().decode(T.self, from: $0) }
    }

    /// GETs `url` and decodes the body with `decode` (the hot pages use `JSONReader`).
    func get<T>(_ url: URL, decode: (Data) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let response = try await policy.send(HTTPRequest(url: url, headers: headers, timeout: timeout))
            guard (200..<300).contains(response.status) else {
                throw HTTPStatusFailure(response: response, url: url)
            }
            do {
                return try decode(response.body)
            } catch {
                guard attempt < policy.retryPolicy.maxAttempts else {
                    throw malformed(response.body, url: url, error: error)
                }
                try await policy.backoff(afterAttempt: attempt)
            }
        }
    }

    func malformed(_ body: Data, url: URL, error: any Error) -> ProviderError {
        let place = redactor.describe(url)
        if let page = error as? MalformedPage {
            return .malformed("\(page.reason) (GET \(place))")
        }
        if case JSONReader.Failure.invalid(let at) = error {
            let what = at >= body.count ? "truncated" : "malformed"
            return .transient("\(what) response from \(place) at byte \(at)")
        }
        if let offset = JSONSyntaxCheck.firstErrorOffset(in: body) {
            let what = offset >= body.count ? "truncated" : "malformed"
            return .transient("\(what) response from \(place) at byte \(offset)")
        }
        var path = ""
        if let decodingError = error as? DecodingError {
            switch decodingError {
            case .typeMismatch(_, let context), .valueNotFound(_, let context),
                 .keyNotFound(_, let context), .dataCorrupted(let context):
                path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
                    .joined(separator: ".")
            @unknown default:
                path = ""
            }
        }
        return .transient("malformed response from \(place): unexpected shape at \(path.isEmpty ? "top level" : path)")
    }

    /// `Retry-After` of a response in seconds, when given.
    func retryAfter(_ response: HTTPResponse) -> TimeInterval? {
        response.header("Retry-After").flatMap { RateBudget.parseRetryAfter($0, now: Date()) }
    }

    /// The start of a one-line error message: "HTTP 502 from GET <url>".
    func place(_ failure: HTTPStatusFailure) -> String {
        "HTTP \(failure.response.status) from GET \(redactor.describe(failure.url))"
    }
}

/// Builds request URLs: base URL + path + query with strict percent-encoding (a continuation
/// token's `+`, `/` or `=` must survive; `URLComponents` leaves `+` alone, which servers read as
/// a space).
enum ProviderURL {
    private static let allowed: Set<UInt8> = {
        var set = Set<UInt8>()
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { set.insert(c) }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { set.insert(c) }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(c) }
        for c in "-._~,".utf8 { set.insert(c) }
        return set
    }()

    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.append(Character(UnicodeScalar(byte)))
            } else {
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    static func make(_ base: URL, _ path: String, _ query: [(String, String)] = []) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty {
            text += "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        }
        return URL(string: text) ?? base
    }
}
