import Foundation

/// Where the store lives (SPEC §4, §11): a SQLite file (the one-laptop default) or a PostgreSQL
/// server given by URL (`postgresql://USER@HOST:PORT/DB?sslmode=…`, several desks).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://` and `postgresql://` URLs (any case) name a server; anything else is a file path.
    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    public var isShared: Bool { if case .postgres = self { return true } else { return false } }

    /// What may be shown on screen or written to a log: a password in the URL (user:secret@ or
    /// `password=` in the query) is replaced by `••••`. File paths are shown as they are.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.redact(url)
        }
    }

    /// The URL with any password replaced by `••••`.
    public static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var result = String(url[..<scheme.upperBound])
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                result += userInfo[..<colon] + ":••••"
            } else {
                result += userInfo
            }
            result += authority[at...]
        } else {
            result += authority
        }
        var tail = String(rest[authorityEnd...])
        if let question = tail.firstIndex(of: "?") {
            let path = tail[..<question]
            let query = tail[tail.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { pair -> String in
                    let key = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                    return key.lowercased() == "password" ? "\(key)=••••" : String(pair)
                }
            tail = path + "?" + query.joined(separator: "&")
        }
        return result + tail
    }

    /// The host of a PostgreSQL URL (nil for a Unix socket or a file): a server off this machine
    /// without TLS gets a warning (SPEC §11).
    public var serverHost: String? {
        guard case .postgres(let url) = self, let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var hostPort = rest[..<authorityEnd]
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
        if hostPort.hasPrefix("[") , let close = hostPort.firstIndex(of: "]") {
            return String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
        }
        let host = hostPort.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return host.isEmpty ? nil : host.removingPercentEncoding ?? host
    }

    /// True when the URL asks for TLS (`sslmode=require`, `verify-ca` or `verify-full`).
    public var requiresTLS: Bool {
        guard case .postgres(let url) = self, let q = url.firstIndex(of: "?") else { return false }
        return url[url.index(after: q)...].split(separator: "&").contains { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.lowercased() }
            return kv.count == 2 && kv[0] == "sslmode" && ["require", "verify-ca", "verify-full"].contains(kv[1])
        }
    }

    /// A server that is not this machine, reached without TLS: the password and every attendee's
    /// data cross the network in clear (SPEC §11 "Non-loopback servers without TLS get a warning").
    public var isInsecureRemote: Bool {
        guard let host = serverHost else { return false }
        let local = host == "localhost" || host == "::1" || host.hasPrefix("127.") || host.hasPrefix("/")
        return !local && !requiresTLS
    }
}
