import Foundation

/// Time as the rate-budget policy sees it: injectable so tests never really sleep.
public protocol PolicyClock: Sendable {
    func now() -> Date
    /// Suspends for `seconds` (throws `CancellationError` when the task is cancelled).
    func sleep(seconds: TimeInterval) async throws
}

/// Wall-clock time and `Task.sleep`.
public struct SystemPolicyClock: PolicyClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(seconds: TimeInterval) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(min(seconds, 86_400) * 1_000_000_000))
    }
}

/// A clock for tests (shipped beside the real one, like swift-nio's test doubles): `sleep`
/// returns at once and moves `now` forward, and every sleep is recorded so a test can assert
/// that the policy waited (e.g. at least the `Retry-After`) without waiting itself.
public final class VirtualPolicyClock: PolicyClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var recorded: [TimeInterval] = []

    public init(start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = start
    }

    public func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    public func sleep(seconds: TimeInterval) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(seconds)
            if seconds > 0 { current = current.addingTimeInterval(seconds) }
        }
    }

    /// Moves time forward without a sleep (e.g. to let a rate window pass).
    public func advance(by seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }

    /// Every sleep requested so far, in order.
    public var sleeps: [TimeInterval] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }
}
