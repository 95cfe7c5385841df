import Foundation

/// Incremental HTTP/1.1 request parser: feed bytes, take complete requests out.
///
/// Pure (no I/O) so framing, limits and keep-alive rules are unit-testable. Bodies are framed by
/// `Content-Length` only; chunked request bodies are refused with 501 (no client here sends them).
struct RequestParser {
    enum Outcome {
        case needMore
        case request(ServerRequest, keepAlive: Bool)
        case failure(status: Int)
        /// The client sent `Expect: 100-continue` and waits for an interim response before the body.
        case sendContinue
    }

    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    private(set) var buffer: [UInt8] = []
    private var scanFrom = 0
    private var continueSent = false

    init(maxHeaderBytes: Int = 32 * 1024, maxBodyBytes: Int = 1 << 20) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    mutating func feed(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    /// Extracts the next complete request, if the buffer holds one.
    mutating func next() -> Outcome {
        guard let headerEnd = findHeaderEnd() else {
            return buffer.count > maxHeaderBytes ? .failure(status: 431) : .needMore
        }
        if headerEnd > maxHeaderBytes { return .failure(status: 431) }
        guard let head = String(bytes: buffer[0..<headerEnd], encoding: .utf8) else {
            return .failure(status: 400)
        }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return .failure(status: 400) }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .failure(status: 400) }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
        }
        if let encoding = headers["transfer-encoding"], encoding.lowercased() != "identity" {
            return .failure(status: 501)
        }
        var length = 0
        if let raw = headers["content-length"] {
            guard let value = Int(raw), value >= 0 else { return .failure(status: 400) }
            length = value
        }
        if length > maxBodyBytes { return .failure(status: 413) }
        let bodyStart = headerEnd + 4
        guard buffer.count >= bodyStart + length else {
            if !continueSent, headers["expect"]?.lowercased() == "100-continue" {
                continueSent = true
                return .sendContinue
            }
            return .needMore
        }
        continueSent = false
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        scanFrom = 0

        let version = requestLine[2]
        let connection = headers["connection"]?.lowercased() ?? ""
        let keepAlive = version == "HTTP/1.0" ? connection.contains("keep-alive") : !connection.contains("close")
        let (path, items) = ServerRequest.splitTarget(String(requestLine[1]))
        let request = ServerRequest(method: String(requestLine[0]).uppercased(), path: path,
                                    queryItems: items, headers: headers, body: body)
        return .request(request, keepAlive: keepAlive)
    }

    /// Index of the "\r\n\r\n" that ends the header section, scanning only new bytes.
    private mutating func findHeaderEnd() -> Int? {
        let count = buffer.count
        guard count >= 4 else { return nil }
        var index = max(0, scanFrom - 3)
        while index + 3 < count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        scanFrom = count
        return nil
    }
}
