#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A fake raw-TCP (port 9100 style) label printer on 127.0.0.1, ephemeral port: accepts one
/// connection, reads until the sender closes, and hands over the bytes. Optionally answers a
/// `~HS` query with a canned host status.
final class LoopbackPrinter: @unchecked Sendable {
    enum Failure: Error { case socket(String, Int32), timeout }

    let port: UInt16
    private let listenFD: Int32
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var received: [UInt8] = []

    init(statusReply: [UInt8]? = nil) throws {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else { let e = errno; close(fd); throw Failure.socket("bind/listen", e) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listenFD = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in serve(statusReply: statusReply) }
        thread.start()
    }

    deinit { close(listenFD) }

    private func serve(statusReply: [UInt8]?) {
        defer { done.signal() }
        let client = accept(listenFD, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { return }
            lock.lock()
            received += buffer[0..<n]
            let asked = statusReply != nil && received.suffix(3) == Array("~HS".utf8)
            lock.unlock()
            if asked, let reply = statusReply { _ = reply.withUnsafeBytes { write(client, $0.baseAddress, reply.count) } }
        }
    }

    /// Everything received once the sender has closed (waits up to `seconds`).
    func bytes(within seconds: Double = 10) throws -> [UInt8] {
        guard done.wait(timeout: .now() + seconds) == .success else { throw Failure.timeout }
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Connects to 127.0.0.1:`port`, writes `bytes`, optionally reads a reply of `replyBytes`,
    /// and closes: what a desk does with a raw TCP printer.
    static func send(_ bytes: [UInt8], to port: UInt16, replyBytes: Int = 0) throws -> [UInt8] {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.socket("connect", errno) }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.socket("write", errno) }
            sent += n
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while reply.count < replyBytes {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            reply += buffer[0..<n]
        }
        return reply
    }
}
