import Foundation
import ScreenKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key and the moment it arrived (seconds on the monotonic clock of `InputReader.now()`).
public struct TimedKey: Sendable, Equatable {
    public let key: Key
    public let at: Double
    public init(key: Key, at: Double) {
        self.key = key
        self.at = at
    }
}

/// Reads the terminal's input on a thread of its own and stamps every key with the moment its
/// bytes were read (SPEC §10): a slow frame, a busy effect or a loaded machine delays when the UI
/// loop *looks* at the keys, never the times they carry, so a scanner burst is never split by the
/// console's own work. Decoding is `KeyDecoder` (pure); curses' `get_wch` is not used while a
/// reader runs (curses still draws, on the UI thread).
///
/// The reader also publishes a *horizon*: a time up to which every byte that arrived has been
/// read and queued. A burst detector may only decide "no further key followed" up to that time.
public final class InputReader: @unchecked Sendable {
    private let fd: Int32
    private let escapeDelay: Double
    private let condition = NSCondition()
    private var queue: [TimedKey] = []
    private var horizon: Double
    private var running = false
    private var finished = false
    private var woken = false
    private let done = DispatchSemaphore(value: 0)

    /// `fd` is the terminal (standard input); `escapeDelayMs` is how long a lone Esc waits for
    /// the rest of a key sequence.
    public init(fd: Int32 = 0, escapeDelayMs: Int = 25) {
        self.fd = fd
        self.escapeDelay = Double(escapeDelayMs) / 1000
        self.horizon = InputReader.now()
    }

    /// Seconds on the monotonic clock the key times use.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1_000_000_000
    }

    /// Starts the reading thread (once).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "badge.input"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Stops the thread and waits (briefly) for it to end.
    public func stop() {
        condition.lock()
        let wasRunning = running
        running = false
        condition.unlock()
        if wasRunning { _ = done.wait(timeout: .now() + .milliseconds(200)) }
    }

    /// True once standard input reached end of file or failed (the terminal went away).
    public var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Wakes a `next(timeout:)` waiter early (results of background work are waiting).
    public func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    /// Waits up to `timeout` seconds for keys (returns at once when keys are queued or `wake()`
    /// was called) and takes every queued key, with the current horizon.
    public func next(timeout: Double) -> (keys: [TimedKey], horizon: Double) {
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty && !woken && !finished && timeout > 0 {
            _ = condition.wait(until: Date(timeIntervalSinceNow: timeout))
        }
        woken = false
        let keys = queue
        queue.removeAll(keepingCapacity: true)
        return (keys, horizon)
    }

    private func publish(_ keys: [Key], at: Double, horizon newHorizon: Double) {
        condition.lock()
        for key in keys { queue.append(TimedKey(key: key, at: at)) }
        horizon = max(horizon, newHorizon)
        if !keys.isEmpty { condition.signal() }
        condition.unlock()
    }

    private var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// The reading loop: poll (10 ms rounds), read, decode, stamp by `ArrivalClock` (a read that
    /// came late — this thread was not scheduled — stamps the earliest the keys can have arrived,
    /// so a late reader can only join keys into one burst, never split a scanner's burst), and
    /// publish with the clock's proven-quiet time as the horizon.
    private func readLoop() {
        defer { done.signal() }
        var decoder = KeyDecoder()
        var pendingSince: Double?
        var buffer = [UInt8](repeating: 0, count: 4096)
        var clock = ArrivalClock(start: InputReader.now())
        while isRunning {
            let before = InputReader.now()
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitMs: Int32 = decoder.hasPending ? Int32(escapeDelay * 1000) : 10
            let rc = poll(&p, 1, waitMs)
            if rc < 0 {
                if errno == EINTR { continue }
                break
            }
            if rc == 0 {
                // Nothing arrived during the whole wait.
                clock.pollTimedOut(started: before, waited: Double(waitMs) / 1000)
                var keys: [Key] = []
                var at = clock.quiet
                if let since = pendingSince, InputReader.now() - since >= escapeDelay {
                    keys = decoder.flushPending()
                    at = since
                    pendingSince = nil
                }
                publish(keys, at: at, horizon: pendingSince ?? clock.quiet)
                continue
            }
            if p.revents & Int16(POLLIN) == 0 {
                break  // POLLHUP / POLLERR without data: the terminal is gone
            }
            let started = InputReader.now()
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            let readAt = InputReader.now()
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if n == 0 { break }
            let at = clock.read(started: started, readAt: readAt)
            let keys = decoder.feed(buffer[0..<n])
            if decoder.hasPending {
                if pendingSince == nil { pendingSince = at }
            } else {
                pendingSince = nil
            }
            publish(keys, at: at, horizon: pendingSince ?? clock.quiet)
        }
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }
}
