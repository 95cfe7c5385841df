import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of a server (a PostgreSQL port), for tests that cut the
/// network rather than stop the server (issue #15): `cut()` drops every connection and refuses
/// new ones (connections are reset, as when a venue's switch goes down), `restore()` accepts
/// again on the same port.
public final class LoopbackProxy: @unchecked Sendable {
    public let port: UInt16
    private let target: UInt16
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: Set<Int32> = []
    private var accepting = false
    private var stopped = false

    public init(to targetPort: UInt16) throws {
        target = targetPort
        let fd = try Self.listen(port: 0)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        accepting = true
        startAccepting(fd)
    }

    deinit { stop() }

    /// Drops every connection and refuses new ones until `restore()`.
    public func cut() {
        lock.lock()
        accepting = false
        let fd = listener
        listener = -1
        let live = open
        open = []
        lock.unlock()
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
        for socket in live {
            var hard = linger(l_onoff: 1, l_linger: 0)  // a reset, not a polite close
            setsockopt(socket, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    /// Accepts connections again, on the same port.
    public func restore() throws {
        let fd = try Self.listen(port: port)
        lock.lock()
        listener = fd
        accepting = true
        lock.unlock()
        startAccepting(fd)
    }

    public func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        lock.unlock()
        if !already { cut() }
    }

    private static func listen(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProxyError("socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else {
            close(fd)
            throw ProxyError("bind/listen on 127.0.0.1:\(port): \(errno)")
        }
        return fd
    }

    private func startAccepting(_ fd: Int32) {
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }  // the listener was closed: cut
                guard let server = connectTarget() else {
                    close(client)
                    continue
                }
                lock.lock()
                let keep = accepting
                if keep { open.insert(client); open.insert(server) }
                lock.unlock()
                guard keep else {
                    close(client)
                    close(server)
                    return
                }
                let pair = Pair()
                pump(from: client, to: server, pair)
                pump(from: server, to: client, pair)
            }
        }
        thread.start()
    }

    private func connectTarget() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = target.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 {
            close(fd)
            return nil
        }
        return fd
    }

    /// The two directions of one connection: the last to end closes both sockets.
    private final class Pair: @unchecked Sendable { var running = 2 }

    /// Copies bytes one way until either side ends (never SIGPIPE: `MSG_NOSIGNAL`).
    private func pump(from source: Int32, to sink: Int32, _ pair: Pair) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                var sent = 0
                while sent < n {
                    let m = buffer.withUnsafeBytes { send(sink, $0.baseAddress! + sent, n - sent, Int32(MSG_NOSIGNAL)) }
                    if m <= 0 { break }
                    sent += m
                }
                if sent < n { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(sink, Int32(SHUT_RDWR))
            lock.lock()
            pair.running -= 1
            let last = pair.running == 0
            if last { open.remove(source); open.remove(sink) }
            lock.unlock()
            if last { close(source); close(sink) }
        }
        thread.start()
    }
}

struct ProxyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
