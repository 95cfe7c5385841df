import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A label printer for the tests: a loopback TCP listener on an ephemeral port (127.0.0.1 only)
/// that records each job it receives whole (a connection read to its end), and can misbehave on
/// demand: refuse connections (the printer is off), stall (accept and never read: timeouts),
/// close mid-job (read a few bytes, then reset), and answer ZPL `~HS` with a status of your
/// choosing. A connection that sends only `~HS` is a status query, not a job.
public final class FakePrinter: @unchecked Sendable {
    public enum Mode: Sendable, Equatable {
        case accept
        case refuse
        case stall
        case closeMidJob(afterBytes: Int)
    }

    private let lock = NSLock()
    private var listener: Int32 = -1
    private var mode: Mode
    private var jobs: [Data] = []
    private var statusQueries = 0
    private var stalled: [Int32] = []
    private var accepted = 0
    private var stopped = false
    private var statusAnswer: Data? = FakePrinter.hostStatus()
    public private(set) var port: UInt16 = 0

    public init(mode: Mode = .accept) throws {
        self.mode = mode
        try bindSocket(port: 0)
        if mode != .refuse { try listenNow() }
        // The loop holds the printer only for one turn, so a printer the test dropped stops.
        let thread = Thread { [weak self] in
            while let printer = self, printer.acceptOnce() {}
        }
        thread.name = "fake-printer"
        thread.start()
    }

    deinit { stop() }

    /// `zpl://127.0.0.1:PORT`.
    public var zplAddress: String { "zpl://127.0.0.1:\(port)" }

    /// Jobs received whole, in order.
    public var receivedJobs: [Data] { lock.withLock { jobs } }
    /// `~HS` queries answered (or ignored).
    public var statusQueryCount: Int { lock.withLock { statusQueries } }
    /// Connections accepted so far (status queries included).
    public var acceptedConnections: Int { lock.withLock { accepted } }
    /// Connections being held without reading (stall mode).
    public var stalledConnections: Int { lock.withLock { stalled.count } }

    /// What `~HS` answers (default: ready; nil: no answer, as a printer that does not speak ZPL status).
    public func answerStatus(_ bytes: Data?) { lock.withLock { statusAnswer = bytes } }

    /// Changes how the next connections are treated. `.refuse` closes the listening socket (a
    /// connect is refused); leaving it listens again on the same port.
    public func setMode(_ newMode: Mode) throws {
        let old = lock.withLock { () -> Mode in
            let o = mode
            mode = newMode
            return o
        }
        if newMode == .refuse, old != .refuse {
            let fd = lock.withLock { () -> Int32 in
                let f = listener
                listener = -1
                return f
            }
            if fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
            try bindSocket(port: port)
        } else if old == .refuse, newMode != .refuse {
            try listenNow()
        }
    }

    public func stop() {
        let fds = lock.withLock { () -> [Int32] in
            stopped = true
            let all = stalled + [listener]
            stalled = []
            listener = -1
            return all
        }
        for fd in fds where fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    /// Three `~HS` lines as a Zebra printer sends them, with the flags the tests care about.
    public static func hostStatus(paperOut: Bool = false, paused: Bool = false, headOpen: Bool = false,
                                  ribbonOut: Bool = false) -> Data {
        let stx = "\u{02}", etx = "\u{03}\r\n"
        let one = "\(stx)030,\(paperOut ? 1 : 0),\(paused ? 1 : 0),1245,000,0,0,0,000,0,0,0\(etx)"
        let two = "\(stx)000,0,\(headOpen ? 1 : 0),\(ribbonOut ? 1 : 0),0,2,4,0,00000000,1,000\(etx)"
        let three = "\(stx)1234,0\(etx)"
        return Data((one + two + three).utf8)
    }

    // MARK: Sockets

    private func bindSocket(port wanted: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FakePrinterError("socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        // A small receive buffer, so a printer that stops reading makes the sender wait.
        var small: Int32 = 4096
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = wanted.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw FakePrinterError("bind 127.0.0.1:\(wanted): errno \(errno)")
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        lock.withLock {
            listener = fd
            port = UInt16(bigEndian: bound.sin_port)
        }
    }

    private func listenNow() throws {
        let fd = lock.withLock { listener }
        guard Glibc.listen(fd, 16) == 0 else { throw FakePrinterError("listen: errno \(errno)") }
    }

    /// One turn of the accept loop; false once stopped.
    private func acceptOnce() -> Bool {
        let (fd, isStopped, current) = lock.withLock { (listener, stopped, mode) }
        if isStopped { return false }
        if fd < 0 || current == .refuse {
            usleep(10_000)
            return true
        }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 50) > 0 else { return true }
        let client = accept(fd, nil, nil)
        if client < 0 { return true }
        lock.withLock { accepted += 1 }
        let thread = Thread { [weak self] in self?.serve(client) }
        thread.start()
        return true
    }

    private func serve(_ fd: Int32) {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 8192)
        var answered = false
        while true {
            let current = lock.withLock { mode }
            if current == .stall {
                // Hold it without reading, as a printer whose buffer is full; `stop` closes it.
                lock.withLock { stalled.append(fd) }
                return
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 100)
            if ready == 0 {
                if lock.withLock({ stopped }) { close(fd); return }
                continue
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if case .closeMidJob(let after) = current, data.count >= after {
                var linger = linger(l_onoff: 1, l_linger: 0)  // reset, as a printer that gives up
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                close(fd)
                return
            }
            if !answered, data.starts(with: Data("~HS".utf8)) {
                answered = true
                let answer = lock.withLock { () -> Data? in
                    statusQueries += 1
                    return statusAnswer
                }
                if let answer { answer.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
            }
        }
        // Recorded before the close, which is what tells the sender the job was taken.
        let job = data.starts(with: Data("~HS".utf8)) ? data.dropFirst(3) : data[...]
        let trimmed = Data(job.drop { $0 == 0x0D || $0 == 0x0A })
        if !trimmed.isEmpty { lock.withLock { jobs.append(trimmed) } }
        close(fd)
    }
}

public struct FakePrinterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
