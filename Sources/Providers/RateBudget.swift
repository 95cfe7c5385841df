import Foundation
import BadgeCore

/// The request budget of one integration (SPEC §2.5): a sliding window that plans at most
/// `planningFraction` (80 %) of the provider's limit, plus what the provider itself said
/// (`Retry-After`, `X-RateLimit-Remaining`/`-Limit`/`-Reset`). Pure value logic; `PolicyTransport`
/// owns one behind a lock and sleeps when `reserve` says so.
///
/// Reservations are handed out in non-decreasing time order, so the last `planned` reservations
/// are all the window needs to remember (a ring of at most 1 600 dates for Eventbrite).
public struct RateBudget: Sendable {
    /// A provider limit: `limit` requests per `window` seconds.
    public struct Limit: Sendable, Hashable {
        public var limit: Int
        public var window: TimeInterval
        /// Share of the limit the policy plans to use (the rest is headroom for other clients).
        public var planningFraction: Double

        public init(limit: Int, window: TimeInterval, planningFraction: Double = 0.8) {
            self.limit = max(1, limit)
            self.window = max(0.001, window)
            self.planningFraction = min(1, max(0.01, planningFraction))
        }

        /// Requests the policy allows per window (≥ 1).
        public var planned: Int { max(1, Int((Double(limit) * planningFraction).rounded(.down))) }

        /// Eventbrite: 2,000 calls per hour per token.
        public static let eventbrite = Limit(limit: 2000, window: 3600)
        /// Luma: 200 requests per minute per calendar key.
        public static let luma = Limit(limit: 200, window: 60)
        /// Effectively no budget (the demo and benchmarks against the local simulator).
        public static let unlimited = Limit(limit: 1_000_000_000, window: 1, planningFraction: 1)
    }

    /// When a request may be sent, or how long the caller would have to wait when that is longer
    /// than it accepts.
    public enum Reservation: Sendable, Hashable {
        case at(Date)
        case tooFarAway(wait: TimeInterval)
    }

    public let limit: Limit
    private let planned: Int
    private var ring: [Date] = []
    private var nextSlot = 0
    private var last: Date?
    private var blockedUntil: Date?
    private var serverRemaining: Int?
    private var serverObservedAt: Date?

    public init(limit: Limit) {
        self.limit = limit
        self.planned = limit.planned
        ring.reserveCapacity(min(planned, 4096))
    }

    /// Reserves a slot for one request at `now` or later; refuses (without reserving) when the
    /// slot is more than `maxWait` seconds away.
    public mutating func reserve(now: Date, maxWait: TimeInterval) -> Reservation {
        var t = now
        if let last, last > t { t = last }
        if let blockedUntil, blockedUntil > t { t = blockedUntil }
        if ring.count == planned {
            let freed = ring[nextSlot].addingTimeInterval(limit.window)
            if freed > t { t = freed }
        }
        let wait = t.timeIntervalSince(now)
        if wait > maxWait { return .tooFarAway(wait: wait) }
        if ring.count < planned {
            // A budget that never fills (e.g. `.unlimited`) forgets requests older than a window.
            if ring.count >= 4096, ring[0] <= now.addingTimeInterval(-limit.window) {
                let cutoff = now.addingTimeInterval(-limit.window)
                ring.removeAll { $0 <= cutoff }
            }
            ring.append(t)
        } else {
            ring[nextSlot] = t
            nextSlot = (nextSlot + 1) % planned
        }
        last = t
        return .at(t)
    }

    /// Holds every request until `date` (a `Retry-After` or a reset the provider announced).
    public mutating func block(until date: Date) {
        if let blockedUntil, blockedUntil >= date { return }
        blockedUntil = date
    }

    /// Reads `X-RateLimit-Remaining`/`-Limit`/`-Reset` from a response: when the provider's count
    /// left falls into the 20 % headroom, hold until its reset (or one window when none is given).
    public mutating func observe(headers response: HTTPResponse, now: Date) {
        guard let remainingText = response.header("X-RateLimit-Remaining"),
              let remaining = Int(remainingText.trimmingCharacters(in: .whitespaces)) else { return }
        serverRemaining = remaining
        serverObservedAt = now
        if let hold = Self.hold(after: response, limit: limit, now: now) { block(until: hold) }
    }

    /// When the provider's count left (`X-RateLimit-Remaining`) has fallen into the 20 % headroom:
    /// the time to hold every request until (its reset, or one window when none is given).
    public static func hold(after response: HTTPResponse, limit: Limit, now: Date) -> Date? {
        guard let remainingText = response.header("X-RateLimit-Remaining"),
              let remaining = Int(remainingText.trimmingCharacters(in: .whitespaces)) else { return nil }
        let serverLimit = response.header("X-RateLimit-Limit").flatMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        } ?? limit.limit
        let headroom = serverLimit - Int((Double(serverLimit) * limit.planningFraction).rounded(.down))
        guard remaining <= headroom else { return nil }
        let reset = response.header("X-RateLimit-Reset").flatMap { parseReset($0, now: now) }
        return reset ?? now.addingTimeInterval(limit.window)
    }

    /// The budget as the console shows it.
    public func snapshot(now: Date) -> RateBudgetSnapshot {
        let windowStart = now.addingTimeInterval(-limit.window)
        let used = ring.reduce(0) { $0 + ($1 > windowStart ? 1 : 0) }
        var remaining = max(0, planned - used)
        if let serverRemaining, let at = serverObservedAt, at > windowStart {
            let headroom = limit.limit - planned
            remaining = min(remaining, max(0, serverRemaining - headroom))
        }
        let blocked = blockedUntil.flatMap { $0 > now ? $0 : nil }
        if blocked != nil { remaining = 0 }
        return RateBudgetSnapshot(remaining: remaining, limit: planned, window: limit.window,
                                  blockedUntil: blocked)
    }

    /// `Retry-After` in seconds (the form both providers use); an HTTP date is also accepted.
    public static func parseRetryAfter(_ text: String, now: Date) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite { return max(0, seconds) }
        if let date = ISO8601.parse(trimmed) ?? httpDate(trimmed) {
            return max(0, date.timeIntervalSince(now))
        }
        return nil
    }

    /// `X-RateLimit-Reset` as a date: epoch seconds (or milliseconds) when large, else seconds
    /// from now; an ISO 8601 timestamp is also accepted.
    public static func parseReset(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Double(trimmed), value.isFinite, value >= 0 {
            if value > 1e12 { return Date(timeIntervalSince1970: value / 1000) }
            if value > 1e9 { return Date(timeIntervalSince1970: value) }
            return now.addingTimeInterval(value)
        }
        return ISO8601.parse(trimmed)
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
