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
    /// (nil = until the consumer stops iterating), yielding each poll's outcome. It prints
    /// nothing. The stream ends early when polling cannot go on by itself: the event went
    /// DISCONNECTED (a new credential and Reconnect are needed) or is not imported (PENDING).
    /// A FAILED poll does not end it: the next tick is the retry.
    public nonisolated func watch(eventId: Int64, interval: TimeInterval,
                                  duration: TimeInterval? = nil) -> AsyncStream<WatchTick> {
        let (stream, continuation) = AsyncStream<WatchTick>.makeStream(bufferingPolicy: .unbounded)
        let task = Task { [self] in
            let deadline = duration.map { clock.now().addingTimeInterval($0) }
            while !Task.isCancelled {
                let tick: WatchTick
                do {
                    tick = .synced(try await poll(eventId: eventId), at: clock.now())
                } catch {
                    let stored = try? store.event(id: eventId)
                    let reason = Self.reason(error, provider: stored?.provider)
                    tick = .failed(eventId: eventId, status: stored?.syncStatus ?? .failed, reason: reason, at: clock.now())
                }
                continuation.yield(tick)
                if tick.syncStatus == .disconnected || tick.syncStatus == .pending { break }
                let remaining = deadline.map { $0.timeIntervalSince(clock.now()) } ?? interval
                if remaining <= 0 { break }
                do { try await clock.sleep(seconds: min(interval, remaining)) } catch { break }
                if let deadline, clock.now() >= deadline { break }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
