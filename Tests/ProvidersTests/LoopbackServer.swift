import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately tiny HTTP/1.1 server on 127.0.0.1 for the URLSessionTransport tests: one thread
/// per connection, one request per connection (`Connection: close`), and scripted misbehaviour
/// (truncated bodies, silence, redirects) that a real server would not produce on demand.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
    }

    enum Action: Sendable {
        case respond(status: Int, headers: [String: String], body: Data)
        /// Declares `declared` bytes, sends `body`, closes.
        case truncated(declared: Int, body: Data)
        /// Reads the request and says nothing for `seconds`, then closes.
        case silence(seconds: Double)
    }

    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (Request) -> Action
    /// Written as soon as a connection is accepted, before reading anything (then it closes):
    /// plain text where a TLS client expects a handshake.
    private let greeting: Data?
    private let lock = NSLock()
    private var received: [Request] = []
    private var open = 0
    private var peakOpen = 0

    init(greeting: Data? = nil, handler: @escaping @Sendable (Request) -> Action) throws {
        self.handler = handler
        self.greeting = greeting
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    var requests: [Request] { lock.withLock { received } }

    /// Most connections open at once.
    var peakConnections: Int { lock.withLock { peakOpen } }

    /// Connections open right now.
    var openConnections: Int { lock.withLock { open } }

    /// Stops accepting. The accept thread closes the socket itself, so its descriptor number
    /// cannot be reused by another server while that thread may still call `accept` on it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// A port on 127.0.0.1 that nothing listens on.
    static func closedPort() -> UInt16 {
        guard let server = try? LoopbackServer(handler: { _ in .silence(seconds: 0) }) else { return 9 }
        let port = server.port
        server.stop()
        return port
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                close(listener)
                return
            }
            lock.withLock {
                open += 1
                peakOpen = max(peakOpen, open)
            }
            let thread = Thread { [self] in
                serve(connection)
                lock.withLock { open -= 1 }
                close(connection)
            }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        if let greeting {
            write(fd, greeting)
            return
        }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = [13, 10, 13, 10]
        while !buffer.suffixContains(terminator) {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
        }
        let head = String(decoding: buffer, as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = Request(method: parts.count > 0 ? String(parts[0]) : "",
                              target: parts.count > 1 ? String(parts[1]) : "", headers: headers)
        lock.withLock { received.append(request) }
        switch handler(request) {
        case .respond(let status, let extra, let body):
            var text = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (name, value) in extra { text += "\(name): \(value)\r\n" }
            write(fd, Data((text + "\r\n").utf8) + body)
        case .truncated(let declared, let body):
            let text = "HTTP/1.1 200 OK\r\nContent-Length: \(declared)\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            write(fd, Data(text.utf8) + body)
        case .silence(let seconds):
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    private func write(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

private extension Array where Element == UInt8 {
    func suffixContains(_ needle: [UInt8]) -> Bool {
        guard count >= needle.count else { return false }
        for start in 0...(count - needle.count) where Array(self[start..<(start + needle.count)]) == needle {
            return true
        }
        return false
    }
}
