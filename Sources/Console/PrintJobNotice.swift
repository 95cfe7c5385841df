import BadgeCore

/// A print job the card shows because it needs the operator (issue #16).
public struct PrintJobNotice: Sendable, Hashable {
    public var jobId: Int64
    public var attendeeId: Int64
    /// Failed (with `reason`), or sent with an unknown outcome (a reprint counts it).
    public var outcomeUnknown: Bool
    public var reason: String?
    public var station: String

    public init(jobId: Int64, attendeeId: Int64, outcomeUnknown: Bool, reason: String?, station: String) {
        self.jobId = jobId
        self.attendeeId = attendeeId
        self.outcomeUnknown = outcomeUnknown
        self.reason = reason
        self.station = station
    }

    /// "Print job 12 failed: zpl://…: connection refused — R retry".
    public var line: String {
        if outcomeUnknown {
            return "Print job \(jobId): outcome unknown (sender stopped) — R reprints it, counted"
        }
        return "Print job \(jobId) failed: \(reason ?? "no reason given") — R retry"
    }
}
