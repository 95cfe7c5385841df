import Foundation

/// One print of one badge (SPEC §12), persisted in the store so nothing is lost or printed twice
/// silently. A desk printing on its own printer writes the job already `sent` (it is the worker);
/// a desk sending to a print station writes it `queued` for that station, which claims it.
///
/// The print log (`PrintRecord`, `Attendee.printCount`) gains a row when, and only when, a job
/// is `done`: the store writes both in one transaction.
public struct PrintJob: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var eventId: Int64
    public var attendeeId: Int64
    public var status: PrintJobStatus
    /// The print station whose queue holds it; "" for a desk's own printer.
    public var station: String
    /// The printer address it was (or is being) sent to; "" while queued for a station.
    public var printer: String
    /// The desk that asked for the print.
    public var desk: String
    public var operatorName: String
    /// The template used, once printed.
    public var templateName: String?
    /// Where the badge went once done: the print log's `output` (a file path or `printer:…`).
    public var output: String?
    /// How many times a worker took it.
    public var attempts: Int
    /// Why it failed, or what is known about it (e.g. an unknown outcome counted as printed).
    public var reason: String?
    /// The job this one reprints after its outcome was unknown (counted as a reprint).
    public var reprintOf: Int64?
    /// The worker session that holds it while `sent` (`PrintWorkerID`).
    public var claimedBy: String?
    /// The operation id of the request: enqueuing twice with one id makes one job.
    public var opId: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64 = 0, eventId: Int64, attendeeId: Int64, status: PrintJobStatus = .queued, station: String = "",
                printer: String = "", desk: String, operatorName: String, templateName: String? = nil,
                output: String? = nil, attempts: Int = 0, reason: String? = nil, reprintOf: Int64? = nil,
                claimedBy: String? = nil, opId: String = UUID().uuidString.lowercased(), createdAt: Date,
                updatedAt: Date? = nil) {
        self.id = id
        self.eventId = eventId
        self.attendeeId = attendeeId
        self.status = status
        self.station = station
        self.printer = printer
        self.desk = desk
        self.operatorName = operatorName
        self.templateName = templateName
        self.output = output
        self.attempts = attempts
        self.reason = reason
        self.reprintOf = reprintOf
        self.claimedBy = claimedBy
        self.opId = opId
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// How long a desk's own `sent` job may take before its outcome counts as unknown: longer than
    /// any transport's connect + write + status timeouts together.
    public static let deskSendWindow: TimeInterval = 60

    /// A `sent` job nobody is sending any more: its station session stopped beating (or the
    /// station restarted), or a desk's own job stayed `sent` past `deskSendWindow` (the desk
    /// process died mid-print). Such a job is never re-sent by itself; the operator may reprint.
    public func outcomeUnknown(liveSessions: Set<String>, now: Date) -> Bool {
        guard status == .sent else { return false }
        if station.isEmpty { return now.timeIntervalSince(updatedAt) > Self.deskSendWindow }
        guard let claimedBy else { return true }
        return !liveSessions.contains(claimedBy)
    }
}

/// What a worker reports when it is done with a job it holds.
public enum PrintJobResult: Sendable, Hashable {
    /// The printer (or the file) took the badge: recorded in the print log in the same transaction.
    case done(templateName: String, output: String)
    /// It did not print; the reason in words ("refused", "timed out", "out of labels" …).
    case failed(reason: String)
}
