/// A fixed-window request budget for one credential (Eventbrite: 2,000 per hour; Luma: 200 per
/// minute, then blocked until the minute is over).
struct RateWindow {
    var limit: Int
    var windowSeconds: Int
    var windowStart: Double = 0
    var used = 0

    enum Decision { case allowed(remaining: Int, resetIn: Int), limited(resetIn: Int) }

    /// Counts one request at `now` (seconds) if the budget allows it.
    mutating func take(now: Double) -> Decision {
        if now - windowStart >= Double(windowSeconds) {
            windowStart = now
            used = 0
        }
        let resetIn = max(1, Int((windowStart + Double(windowSeconds) - now).rounded(.up)))
        guard used < limit else { return .limited(resetIn: resetIn) }
        used += 1
        return .allowed(remaining: limit - used, resetIn: resetIn)
    }

    mutating func reset() {
        used = 0
        windowStart = 0
    }
}
