import Foundation

/// A print station's state as every desk shows it (SPEC §12): online when one of its processes
/// beat within `onlineWindow`, how many jobs wait, the last error.
public struct PrintStationHealth: Sendable, Hashable {
    public var name: String
    /// The printer address of the most recent beat.
    public var printer: String
    public var lastSeen: Date
    /// Processes of this name that beat within the window (several may run: they share the queue).
    public var processes: Int
    public var queued: Int
    /// Jobs being sent now (or of unknown outcome when the station is gone).
    public var sending: Int
    public var failed: Int
    public var lastError: String?
    public var lastErrorAt: Date?
    /// The live worker sessions (`PrintJob.outcomeUnknown`).
    public var liveSessions: Set<String>

    /// A station that has not beaten for this long is offline (it beats every 2 s).
    public static let onlineWindow: TimeInterval = 10

    public init(name: String, printer: String, lastSeen: Date, processes: Int, queued: Int, sending: Int, failed: Int,
                lastError: String?, lastErrorAt: Date?, liveSessions: Set<String>) {
        self.name = name
        self.printer = printer
        self.lastSeen = lastSeen
        self.processes = processes
        self.queued = queued
        self.sending = sending
        self.failed = failed
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.liveSessions = liveSessions
    }

    public var online: Bool { processes > 0 }
    /// False for a station desks queued jobs for that has never run.
    public var everSeen: Bool { lastSeen.timeIntervalSince1970 > 0 }

    /// "online · 2 queued" / "OFFLINE since 10:42 · 5 queued · last error: out of labels".
    public func summary(now: Date) -> String {
        var parts = [online ? "online" : everSeen ? "OFFLINE" : "never seen online"]
        parts.append(queued == 0 ? "queue empty" : "\(queued) queued")
        if failed > 0 { parts.append("\(failed) failed") }
        if let lastError { parts.append("last error: \(lastError)") }
        return parts.joined(separator: " · ")
    }
}

/// One beat of a print station process (upserted every 2 s by `badge print-station`).
public struct PrintStationBeat: Sendable, Hashable {
    public var name: String
    /// This process's worker id (`PrintJob.claimedBy` of the jobs it takes).
    public var session: String
    public var printer: String
    public var startedAt: Date
    public var at: Date
    /// Set when a job just failed; nil keeps the last error as it is.
    public var error: String?

    public init(name: String, session: String, printer: String, startedAt: Date, at: Date, error: String? = nil) {
        self.name = name
        self.session = session
        self.printer = printer
        self.startedAt = startedAt
        self.at = at
        self.error = error
    }
}
