#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A small, bounded HTTP/1.1 server on POSIX sockets, bound to 127.0.0.1 only.
///
/// One thread accepts (polling so `stop()` is prompt); each connection gets its own thread with
/// blocking I/O, up to `maxConnections` at once (further clients wait in the listen backlog).
/// Keep-alive, `Content-Length` framing, bounded request size. Handlers run on the connection's
/// thread and may ask for a delay, a reset or a truncated body (see `ServerResponse`).
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (ServerRequest) -> ServerResponse

    private let handler: Handler
    private let requestedPort: UInt16
    private let maxConnections: Int
    private let idleTimeoutSeconds: Int
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var openConnections: Set<Int32> = []
    private var stopping = false
    private var running = false
    private let acceptDone = DispatchSemaphore(value: 0)
    private(set) public var port: UInt16 = 0

    public init(port: UInt16 = 0, maxConnections: Int = 128, idleTimeoutSeconds: Int = 30,
                handler: @escaping Handler) {
        self.requestedPort = port
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.handler = handler
    }

    deinit { stop() }

    /// Binds 127.0.0.1:`port` (0 = ephemeral), starts accepting, and returns the bound port.
    @discardableResult
    public func start() throws -> UInt16 {
        signal(SIGPIPE, SIG_IGN)
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SimulatorError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requestedPort.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw SimulatorError.socket("bind 127.0.0.1:\(requestedPort)", code)
        }
        guard listen(fd, 256) == 0 else {
            let code = errno
            close(fd)
            throw SimulatorError.socket("listen", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        lock.lock()
        listenFD = fd
        port = UInt16(bigEndian: actual.sin_port)
        running = true
        stopping = false
        lock.unlock()
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "sim-accept"
        thread.start()
        return port
    }

    /// Stops accepting, wakes every open connection and waits (briefly) for them to finish.
    public func stop() {
        lock.lock()
        guard running, !stopping else { lock.unlock(); return }
        stopping = true
        for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
        lock.unlock()
        acceptDone.wait()
        for _ in 0..<200 {
            lock.lock()
            let remaining = openConnections.count
            lock.unlock()
            if remaining == 0 { break }
            usleep(10_000)
        }
        lock.lock()
        running = false
        lock.unlock()
    }

    var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func acceptLoop(_ fd: Int32) {
        defer {
            close(fd)
            acceptDone.signal()
        }
        while !isStopping {
            var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollFD, 1, 100)
            if ready <= 0 { continue }
            lock.lock()
            let full = openConnections.count >= maxConnections
            lock.unlock()
            if full { usleep(5_000); continue }
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            lock.lock()
            if stopping {
                lock.unlock()
                close(client)
                break
            }
            openConnections.insert(client)
            lock.unlock()
            configure(client)
            let thread = Thread { [self] in serve(client) }
            thread.name = "sim-conn"
            thread.start()
        }
    }

    private func configure(_ fd: Int32) {
        var timeout = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private func finish(_ fd: Int32, reset: Bool = false) {
        lock.lock()
        openConnections.remove(fd)
        if reset {
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
        close(fd)
        lock.unlock()
    }

    private func serve(_ fd: Int32) {
        var parser = RequestParser()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            switch parser.next() {
            case .failure(let status):
                _ = write(fd, response: ServerResponse.json(status, #"{"error":"BAD_REQUEST"}"#), keepAlive: false)
                finish(fd)
                return
            case .request(let request, let keepAlive):
                let response = handler(request)
                if response.delayMs > 0 { sleepInterruptibly(ms: response.delayMs) }
                switch response.misbehaviour {
                case .reset?:
                    finish(fd, reset: true)
                    return
                case .truncated?:
                    _ = write(fd, response: response, keepAlive: false, truncate: true)
                    finish(fd)
                    return
                case nil:
                    let alive = keepAlive && !isStopping
                    if !write(fd, response: response, keepAlive: alive) || !alive {
                        finish(fd)
                        return
                    }
                }
            case .sendContinue:
                if !sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) {
                    finish(fd)
                    return
                }
            case .needMore:
                let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if received <= 0 || isStopping {
                    finish(fd)
                    return
                }
                chunk.withUnsafeBufferPointer { parser.feed(UnsafeBufferPointer(rebasing: $0[0..<received])) }
            }
        }
    }

    private func sleepInterruptibly(ms: Int) {
        var left = ms
        while left > 0, !isStopping {
            let step = min(left, 20)
            usleep(UInt32(step * 1000))
            left -= step
        }
    }

    /// Writes status line, headers and body in one buffer; `truncate` sends half the body only.
    private func write(_ fd: Int32, response: ServerResponse, keepAlive: Bool, truncate: Bool = false) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(ServerResponse.reason(response.status))\r\n"
        head += "Server: badge-simulator\r\n"
        var hasType = false
        for (name, value) in response.headers {
            if name.lowercased() == "content-type" { hasType = true }
            head += "\(name): \(value)\r\n"
        }
        if !hasType { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if truncate {
            bytes.append(contentsOf: response.body.prefix(response.body.count / 2))
        } else {
            bytes.append(contentsOf: response.body)
        }
        return sendAll(fd, bytes)
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }
}
