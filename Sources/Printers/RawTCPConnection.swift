import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP connection to a printer's port 9100 (the "JetDirect" port every network label
/// printer opens): connect, write, read, each bounded by a timeout, errors in words
/// (`PrinterError`). Blocking calls on the caller's thread; the socket is non-blocking underneath
/// so no call can hang past its timeout.
public final class RawTCPConnection {
    private var fd: Int32
    public let target: String

    /// Timeouts of one job (seconds).
    public struct Timeouts: Sendable, Hashable {
        public var connect: Double
        public var write: Double
        public var status: Double
        public init(connect: Double = 5, write: Double = 10, status: Double = 2) {
            self.connect = connect
            self.write = write
            self.status = status
        }
    }

    private init(fd: Int32, target: String) {
        self.fd = fd
        self.target = target
    }

    deinit { close() }

    public func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    /// Connects to `host:port` within `timeout` seconds, trying each address the name resolves to.
    public static func open(host: String, port: Int, timeout: Double, target: String) throws -> RawTCPConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            let why = rc == 0 ? "no address" : String(cString: gai_strerror(rc)).lowercased()
            throw PrinterError.unreachable(target: target, detail: "cannot resolve \(host): \(why)")
        }
        defer { freeaddrinfo(list) }
        var lastError = PrinterError.unreachable(target: target, detail: "no address")
        var node: UnsafeMutablePointer<addrinfo>? = first
        let deadline = Date().addingTimeInterval(timeout)
        while let info = node {
            node = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd < 0 { continue }
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                return RawTCPConnection(fd: fd, target: target)
            }
            let started = errno
            if started != EINPROGRESS {
                lastError = error(started, target: target, phase: "connect", timeout: timeout)
                _ = Glibc.close(fd)
                continue
            }
            switch wait(fd: fd, events: Int16(POLLOUT), until: deadline) {
            case .ready:
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError == 0 { return RawTCPConnection(fd: fd, target: target) }
                lastError = error(soError, target: target, phase: "connect", timeout: timeout)
            case .timedOut:
                lastError = .timedOut(target: target, phase: "connect", seconds: timeout)
            case .failed(let code):
                lastError = error(code, target: target, phase: "connect", timeout: timeout)
            }
            _ = Glibc.close(fd)
        }
        throw lastError
    }

    /// Writes every byte within `timeout` seconds (for the whole buffer).
    public func write(_ data: Data, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var sent = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            while sent < raw.count {
                let n = send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n > 0 {
                    sent += n
                    continue
                }
                let code = errno
                if n < 0 && (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) {
                    switch Self.wait(fd: fd, events: Int16(POLLOUT), until: deadline) {
                    case .ready: continue
                    case .timedOut: throw PrinterError.timedOut(target: target, phase: "sending \(sent) of \(raw.count) bytes",
                                                                seconds: timeout)
                    case .failed: throw PrinterError.closedMidJob(target: target, sent: sent, total: raw.count)
                    }
                }
                if code == EPIPE || code == ECONNRESET || n == 0 {
                    throw PrinterError.closedMidJob(target: target, sent: sent, total: raw.count)
                }
                throw Self.error(code, target: target, phase: "send", timeout: timeout)
            }
        }
    }

    /// Reads until `enough` says the bytes so far are complete, the peer closes, or `timeout`
    /// passes; returns what arrived (possibly nothing).
    public func read(timeout: Double, enough: (Data) -> Bool) throws -> Data {
        let deadline = Date().addingTimeInterval(timeout)
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !enough(received) {
            switch Self.wait(fd: fd, events: Int16(POLLIN), until: deadline) {
            case .timedOut: return received
            case .failed: return received
            case .ready: break
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                received.append(contentsOf: buffer[0..<n])
            } else if n == 0 {
                return received
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                return received
            }
        }
        return received
    }

    /// Ends our side and waits for the printer to close: it has read the whole job when it
    /// does. A reset means it dropped unread bytes (a printer giving up mid-job); no close within
    /// `timeout` means it stopped reading (stalled, or its buffer is full).
    public func finish(timeout: Double, total: Int) throws {
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            switch Self.wait(fd: fd, events: Int16(POLLIN), until: deadline) {
            case .timedOut:
                throw PrinterError.timedOut(target: target, phase: "waiting for the printer to take the job", seconds: timeout)
            case .failed:
                throw PrinterError.closedMidJob(target: target, sent: total, total: total)
            case .ready:
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { return }
                if n < 0, errno != EAGAIN, errno != EINTR {
                    throw PrinterError.closedMidJob(target: target, sent: total, total: total)
                }
            }
        }
    }

    private enum Wait { case ready, timedOut, failed(Int32) }

    private static func wait(fd: Int32, events: Int16, until deadline: Date) -> Wait {
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timedOut }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&p, 1, Int32(min(left * 1000, Double(Int32.max)).rounded(.up)))
            if rc > 0 {
                if p.revents & Int16(POLLNVAL) != 0 { return .failed(EBADF) }
                if p.revents & events != 0 { return .ready }
                if p.revents & Int16(POLLERR | POLLHUP) != 0 { return events == Int16(POLLIN) ? .ready : .failed(EPIPE) }
                return .ready
            }
            if rc == 0 { return .timedOut }
            if errno != EINTR { return .failed(errno) }
        }
    }

    private static func error(_ code: Int32, target: String, phase: String, timeout: Double) -> PrinterError {
        switch code {
        case ECONNREFUSED: return .refused(target: target)
        case ETIMEDOUT: return .timedOut(target: target, phase: phase, seconds: timeout)
        case EHOSTUNREACH: return .unreachable(target: target, detail: "no route to host")
        case ENETUNREACH: return .unreachable(target: target, detail: "network unreachable")
        case EHOSTDOWN: return .unreachable(target: target, detail: "host is down")
        default: return .unreachable(target: target, detail: String(cString: strerror(code)).lowercased())
        }
    }
}
