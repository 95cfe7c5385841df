import Foundation

/// A full scan's cancellations that were NOT applied because they were too many at once (the
/// mass-cancellation guard, issue #13): a provider that answers a complete-looking but wrong
/// list must not turn a whole event NOT_ATTENDING at the door. The event keeps this until an
/// admin confirms (the next full scan applies the drop) or a retry's full scan no longer
/// exceeds the threshold.
public struct HeldCancellation: Sendable, Hashable {
    /// Attending rows the scan no longer returned (they would have become NOT_ATTENDING).
    public var count: Int
    /// Attending rows of the event when the scan ended (the base of the percentage).
    public var attending: Int
    public var detectedAt: Date

    public init(count: Int, attending: Int, detectedAt: Date) {
        self.count = count
        self.attending = attending
        self.detectedAt = detectedAt
    }

    /// Whole percent of the attending rows, rounded to nearest (100 when nobody attends).
    public var percent: Int {
        guard attending > 0 else { return 100 }
        return Int((Double(count) * 100 / Double(attending)).rounded())
    }

    /// "Resync would cancel 150 of 150 attendees (100 %) — not applied".
    public var summary: String {
        "Resync would cancel \(count) of \(attending) attendees (\(percent) %) — not applied"
    }

    /// Decides whether a full scan's vanished rows may be applied: nil when `count` is within
    /// `thresholdPercent` of `attending` (or is zero), else the hold to record. More than the
    /// threshold is held: 10 % lets 15 of 150 through and holds 16.
    public static func check(count: Int, attending: Int, thresholdPercent: Double, at now: Date) -> HeldCancellation? {
        guard count > 0 else { return nil }
        let allowed = Double(max(0, attending)) * max(0, thresholdPercent) / 100
        guard Double(count) > allowed else { return nil }
        return HeldCancellation(count: count, attending: attending, detectedAt: now)
    }
}
