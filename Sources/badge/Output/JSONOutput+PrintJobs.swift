import BadgeCore
import Foundation

/// JSON shapes of the print queue (issue #16): a job, a station's health, a queued print.
extension JSONOutput {
    /// `{"id", "event", "attendee", "status", "station", "printer", "desk", "operator", "template",
    /// "output", "attempts", "reason", "reprintOf", "outcomeUnknown", "createdAt", "updatedAt"}`.
    static func printJob(_ job: PrintJob, outcomeUnknown: Bool) -> JSONValue {
        .object([
            ("id", .int(job.id)), ("event", .int(job.eventId)), ("attendee", .int(job.attendeeId)),
            ("status", .string(job.status.word)), ("station", .string(job.station)), ("printer", .string(job.printer)),
            ("desk", .string(job.desk)), ("operator", .string(job.operatorName)), ("template", .string(job.templateName)),
            ("output", .string(job.output)), ("attempts", .int(job.attempts)), ("reason", .string(job.reason)),
            ("reprintOf", job.reprintOf.map { .int($0) } ?? .null), ("outcomeUnknown", .bool(outcomeUnknown)),
            ("createdAt", .string(ISO8601.format(job.createdAt))), ("updatedAt", .string(ISO8601.format(job.updatedAt))),
        ])
    }

    /// `{"name", "online", "processes", "printer", "lastSeen", "queued", "sending", "failed",
    /// "lastError", "lastErrorAt"}`.
    static func printStation(_ s: PrintStationHealth) -> JSONValue {
        .object([
            ("name", .string(s.name)), ("online", .bool(s.online)), ("processes", .int(s.processes)),
            ("printer", .string(s.printer)),
            ("lastSeen", s.lastSeen.timeIntervalSince1970 > 0 ? .string(ISO8601.format(s.lastSeen)) : .null),
            ("queued", .int(s.queued)), ("sending", .int(s.sending)), ("failed", .int(s.failed)),
            ("lastError", .string(s.lastError)), ("lastErrorAt", s.lastErrorAt.map { .string(ISO8601.format($0)) } ?? .null),
        ])
    }

    /// `badge print --print-station S --json`: the print shape (`template`, `output`) with
    /// `outcome: "queued"`, the station and the job.
    static func queuedPrint(_ job: PrintJob, templateName: String) -> JSONValue {
        .object([
            ("template", .string(templateName)), ("output", .string("station:\(job.station)")),
            ("outcome", .string("queued")), ("station", .string(job.station)), ("job", .int(job.id)),
        ])
    }
}
