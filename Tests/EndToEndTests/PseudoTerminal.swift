import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real pseudo-terminal running the `badge` console, for tests that must type the way a
/// person or a USB scanner does: bytes written to the master with real gaps between them, the
/// console's output drained continuously (kept for inspection).
final class PseudoTerminal: @unchecked Sendable {
    let process = Process()
    private let master: Int32
    private let lock = NSLock()
    private var output = Data()
    private var reader: Thread?

    /// Starts `badge args…` on a new terminal of `cols`×`rows`.
    init(badge: URL, args: [String], environment: [String: String], cols: Int = 120, rows: Int = 40) throws {
        master = PTY.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, PTY.grantpt(master) == 0, PTY.unlockpt(master) == 0, let name = PTY.ptsname(master) else {
            throw PTYError("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PTYError("cannot open the pty slave") }
        defer { close(slave) }
        // stty sets the size on the terminal itself (no ioctl from Swift); exec keeps the pid.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "stty rows \(rows) cols \(cols) && exec \"$0\" \"$@\"", badge.path] + args
        var env = environment
        env["TERM"] = "xterm-256color"
        process.environment = env
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let thread = Thread { [self] in self.drain() }
        thread.start()
        reader = thread
    }

    deinit { close(master) }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            lock.withLock { output.append(contentsOf: buffer[0..<n]) }
        }
    }

    /// Everything the console wrote so far, as text.
    var text: String { lock.withLock { String(decoding: output, as: UTF8.self) } }
    var byteCount: Int { lock.withLock { output.count } }

    /// Writes bytes as they are (one write).
    func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = write(master, p.baseAddress! + off, p.count - off)
                if n <= 0 { return }
                off += n
            }
        }
    }

    /// Types `text` one key at a time, `gapMs` between keys (a scanner, or a person).
    func type(_ text: String, gapMs: Double) {
        for (i, c) in text.utf8.enumerated() {
            if i > 0 { usleep(useconds_t(gapMs * 1000)) }
            send([c])
        }
    }

    /// A scan: the code at `gapMs` a key, then Enter.
    func scan(_ code: String, gapMs: Double) {
        type(code, gapMs: gapMs)
        usleep(useconds_t(gapMs * 1000))
        send([0x0D])
    }

    /// Waits until the output written after `offset` contains `marker`.
    @discardableResult
    func waitFor(_ marker: String, after offset: Int = 0, timeout: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = lock.withLock { () -> Bool in
                guard output.count > offset else { return false }
                return String(decoding: output[offset...], as: UTF8.self).contains(marker)
            }
            if found { return true }
            usleep(20_000)
        }
        return false
    }

    /// Waits for the console to exit; kills it after `timeout`.
    func waitForExit(timeout: Double = 10) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct PTYError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// glibc's pseudo-terminal calls, looked up at run time (Swift's Glibc module leaves them out:
/// they sit behind _XOPEN_SOURCE).
private enum PTY {
    typealias IntFn = @convention(c) (Int32) -> Int32
    typealias NameFn = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    static func symbol<T>(_ name: String, as: T.Type) -> T {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, name) else { fatalError("no \(name) in libc") }
        return unsafeBitCast(sym, to: T.self)
    }
    static let openpt = symbol("posix_openpt", as: IntFn.self)
    static let grantpt = symbol("grantpt", as: IntFn.self)
    static let unlockpt = symbol("unlockpt", as: IntFn.self)
    static let ptsname = symbol("ptsname", as: NameFn.self)
}
