import Foundation

/// One parsed HTTP/1.1 request as the simulator's handlers see it.
///
/// Header names are stored lower-cased; the query is split into decoded items in their order.
public struct ServerRequest: Sendable {
    public var method: String
    /// The path without the query, percent-decoding not applied (provider ids are plain).
    public var path: String
    public var queryItems: [(name: String, value: String)]
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, queryItems: [(name: String, value: String)] = [],
                headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// The first value of a query parameter, if present.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// Parses a request target such as `/v3/events/1/?page=2&token=x` into path and query items.
    static func splitTarget(_ target: String) -> (String, [(name: String, value: String)]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, []) }
        let path = String(target[..<mark])
        let query = target[target.index(after: mark)...]
        var items: [(name: String, value: String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(String(pieces[0]))
            let value = pieces.count > 1 ? decodeComponent(String(pieces[1])) : ""
            items.append((name, value))
        }
        return (path, items)
    }

    private static func decodeComponent(_ raw: String) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
