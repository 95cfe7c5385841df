import BadgeCore
import Foundation
import Providers

/// The outcome of one poll of `SyncEngine.watch` (one line of `badge watch`).
public enum WatchTick: Sendable, Equatable {
    /// The poll merged; counts, requests and the (ACTIVE) status are in the result.
    case synced(SyncResult, at: Date)
    /// The poll failed: the event's status now (FAILED, DISCONNECTED…) and the one-line reason.
    case failed(eventId: Int64, status: SyncStatus, reason: String, at: Date)

    public var syncStatus: SyncStatus {
        switch self {
        case .synced(let r, _): return r.syncStatus
        case .failed(_, let s, _, _): return s
        }
    }
}

extension SyncEngine {
    /// Live sync of one event for a bounded time without the console (`badge watch`): polls at
    /// once and then every `interval` seconds on the engine's clock until `duration` has passed
    /// (nil = until the consumer stops iterating), one `WatchTick` per poll. It prints nothing.
    ///
    /// The sequence is pulled: the next poll happens only when the consumer asks for it, so a
    /// slow consumer never piles up polls. It ends early when polling cannot go on by itself:
    /// the event went DISCONNECTED (a new credential and Reconnect are needed) or is not
    /// imported (PENDING). A FAILED poll does not end it: the next tick is the retry.
    public nonisolated func watch(eventId: Int64, interval: TimeInterval,
                                  duration: TimeInterval? = nil) -> WatchSequence {
        WatchSequence(engine: self, eventId: eventId, interval: max(0, interval), duration: duration)
    }
}

/// The ticks of `SyncEngine.watch`.
public struct WatchSequence: AsyncSequence, Sendable {
    public typealias Element = WatchTick
    let engine: SyncEngine
    let eventId: Int64
    let interval: TimeInterval
    let duration: TimeInterval?

    public func makeAsyncIterator() -> Iterator {
        Iterator(engine: engine, eventId: eventId, interval: interval, duration: duration)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let engine: SyncEngine
        let eventId: Int64
        let interval: TimeInterval
        let duration: TimeInterval?
        private var deadline: Date?
        private var started = false
        private var finished = false

        init(engine: SyncEngine, eventId: Int64, interval: TimeInterval, duration: TimeInterval?) {
            self.engine = engine
            self.eventId = eventId
            self.interval = interval
            self.duration = duration
        }

        public mutating func next() async -> WatchTick? {
            guard !finished, !Task.isCancelled else { return nil }
            let clock = engine.clock
            if !started {
                started = true
                deadline = duration.map { clock.now().addingTimeInterval($0) }
            } else {
                let remaining = deadline.map { $0.timeIntervalSince(clock.now()) } ?? interval
                guard remaining > 0 else { return finish() }
                do { try await clock.sleep(seconds: Swift.min(interval, remaining)) } catch { return finish() }
                if let deadline, clock.now() >= deadline { return finish() }
            }
            let tick: WatchTick
            do {
                tick = .synced(try await engine.poll(eventId: eventId), at: clock.now())
            } catch {
                let stored = try? engine.store.event(id: eventId)
                let reason = SyncEngine.reason(error, provider: stored?.provider)
                tick = .failed(eventId: eventId, status: stored?.syncStatus ?? .failed, reason: reason, at: clock.now())
            }
            if tick.syncStatus == .disconnected || tick.syncStatus == .pending { finished = true }
            return tick
        }

        private mutating func finish() -> WatchTick? {
            finished = true
            return nil
        }
    }
}
