import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real pseudo-terminal running the `badge` console, for tests that must type the way a
/// person or a USB scanner does: bytes written to the master with real gaps between them, the
/// console's output drained continuously (kept for inspection).
public final class PseudoTerminal: @unchecked Sendable {
    public let process = Process()
    private let master: Int32
    private let lock = NSLock()
    private var output = Data()
    private var reader: Thread?

    /// Starts `badge args…` on a new terminal of `cols`×`rows`.
    public init(badge: URL, args: [String], environment: [String: String], cols: Int = 120, rows: Int = 40) throws {
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
    public var text: String { lock.withLock { String(decoding: output, as: UTF8.self) } }
    public var byteCount: Int { lock.withLock { output.count } }

    /// Writes bytes as they are (one write).
    public func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = write(master, p.baseAddress! + off, p.count - off)
                if n <= 0 { return }
                off += n
            }
        }
    }

    /// Types `text` one key at a time, `gapMs` between keys (a scanner, or a person); returns the
    /// longest gap that really passed between two writes (this process may be late on a loaded
    /// machine, as a real scanner never is).
    @discardableResult
    public func type(_ text: String, gapMs: Double) -> Double {
        var longest = 0.0
        var last = PseudoTerminal.now()
        for (i, c) in text.utf8.enumerated() {
            if i > 0 { longest = max(longest, PseudoTerminal.pause(until: last + gapMs / 1000) - last) }
            last = PseudoTerminal.now()
            send([c])
        }
        return longest * 1000
    }

    /// A scan: the code at `gapMs` a key, then Enter. Returns the longest real gap (ms) and the
    /// moment Enter was written (monotonic seconds).
    @discardableResult
    public func scan(_ code: String, gapMs: Double) -> (longestGapMs: Double, enterAt: Double) {
        let typed = type(code, gapMs: gapMs)
        let before = PseudoTerminal.now()
        let sent = PseudoTerminal.pause(until: before + gapMs / 1000)
        send([0x0D])
        return (max(typed, (sent - before) * 1000), PseudoTerminal.now())
    }

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1_000_000_000
    }

    /// Sleeps until `deadline` (the last half millisecond spinning, for a scanner-like cadence);
    /// returns the time it woke.
    static func pause(until deadline: Double) -> Double {
        let coarse = deadline - 0.0005 - now()
        if coarse > 0 { usleep(useconds_t(coarse * 1_000_000)) }
        while now() < deadline {}
        return now()
    }

    /// The output written since `offset` (bytes), as text.
    public func text(after offset: Int) -> String {
        lock.withLock { output.count > offset ? String(decoding: output[offset...], as: UTF8.self) : "" }
    }

    /// Waits until the output written after `offset` contains `marker`.
    @discardableResult
    public func waitFor(_ marker: String, after offset: Int = 0, timeout: Double = 15, pollMs: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = lock.withLock { () -> Bool in
                guard output.count > offset else { return false }
                return String(decoding: output[offset...], as: UTF8.self).contains(marker)
            }
            if found { return true }
            usleep(useconds_t(pollMs * 1000))
        }
        return false
    }

    /// Waits for the console to exit; kills it after `timeout`.
    public func waitForExit(timeout: Double = 10) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

public struct PTYError: Error, CustomStringConvertible {
    public let description: String
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
