#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests read it.
struct Fetched {
    var status: Int
    var headers: [String: String]
    var data: Data
    /// The body parsed once as a JSON object (empty when it is not one).
    let object: [String: Any]

    init(status: Int, headers: [String: String], data: Data, parse: Bool = true) {
        self.status = status
        self.headers = headers
        self.data = data
        object = parse ? (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:] : [:]
    }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: data, as: UTF8.self) }
}

/// Plain URLSession over 127.0.0.1 (no caching, no cookies).
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    static func get(_ url: String, headers: [String: String] = [:], parse: Bool = true) async throws -> Fetched {
        try await send("GET", url, headers: headers, parse: parse)
    }

    static func post(_ url: String, json: String = "{}") async throws -> Fetched {
        try await send("POST", url, headers: ["Content-Type": "application/json"], body: Data(json.utf8))
    }

    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil,
                     parse: Bool = true) async throws
        -> Fetched {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Fetched(status: http.statusCode, headers: fields, data: data, parse: parse)
    }
}

/// A raw TCP client for what URLSession hides: keep-alive on one socket, pipelining, malformed requests.
final class RawClient {
    let fd: Int32

    init(port: Int) throws {
        #if os(Linux)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private var pending: [UInt8] = []

    /// Reads one response (headers + Content-Length body); nil when the server closed first.
    func readResponse() -> (status: Int, headers: [String: String], body: String)? {
        func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return false }
            pending.append(contentsOf: chunk[0..<n])
            return true
        }
        var headerEnd: Int?
        while headerEnd == nil {
            if pending.count >= 4 {
                for i in 0...(pending.count - 4) where pending[i] == 13 && pending[i + 1] == 10
                    && pending[i + 2] == 13 && pending[i + 3] == 10 {
                    headerEnd = i
                    break
                }
            }
            if headerEnd == nil, !fill() { return nil }
        }
        let head = String(decoding: pending[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while pending.count < headerEnd! + 4 + length {
            if !fill() { return nil }
        }
        let body = String(decoding: pending[(headerEnd! + 4)..<(headerEnd! + 4 + length)], as: UTF8.self)
        pending.removeFirst(headerEnd! + 4 + length)
        return (status, headers, body)
    }

    /// True when the server closed the connection (recv returns 0 or an error).
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) <= 0
    }
}
