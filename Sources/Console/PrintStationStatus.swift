import BadgeCore
import Foundation

/// A print station as the console shows it (issue #16): only what the screen says, so a
/// heartbeat that changes nothing else does not redraw anything.
public struct PrintStationStatus: Sendable, Hashable {
    public var name: String
    public var online: Bool
    public var queued: Int
    public var failed: Int
    public var lastError: String?

    public init(name: String, online: Bool, queued: Int, failed: Int, lastError: String?) {
        self.name = name
        self.online = online
        self.queued = queued
        self.failed = failed
        self.lastError = lastError
    }

    public init(_ health: PrintStationHealth) {
        self.init(name: health.name, online: health.online, queued: health.queued, failed: health.failed,
                  lastError: health.lastError)
    }

    /// "Hall A: online · 2 queued" / "Hall A: OFFLINE · 5 queued · 1 failed · last error: …".
    public var summary: String {
        var parts = ["\(name): \(online ? "online" : "OFFLINE")", queued == 0 ? "queue empty" : "\(queued) queued"]
        if failed > 0 { parts.append("\(failed) failed") }
        if let lastError { parts.append("last error: \(lastError)") }
        return parts.joined(separator: " · ")
    }

    /// Needs the operator's eye: offline, or failed jobs waiting for a retry.
    public var isWarning: Bool { !online || failed > 0 }
}
