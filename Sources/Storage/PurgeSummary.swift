import Foundation

/// What `purgePersonalData` erased (issue #17, SPEC §13 "Privacy"). Counts only: the erased
/// values themselves are never part of a summary, an error or a log line.
public struct PurgeSummary: Sendable, Hashable {
    /// Attendee rows anonymised (kept for the statistics: ticket, status, VIP, check-in times).
    public var attendees: Int
    /// Audit-log details that quoted a personal value of the event (the value replaced by `[purged]`).
    public var auditEntries: Int
    /// Print records whose output (a PDF path may carry a name) was replaced by `[purged]`.
    public var prints: Int
    /// When the event was marked purged.
    public var purgedAt: Date
    /// False when another connection kept the write-ahead log from being emptied (its readers
    /// still see old pages): the data is gone from the database, but the `-wal` file may hold an
    /// old copy until every other badge process has closed the database.
    public var walTruncated: Bool

    public init(attendees: Int, auditEntries: Int, prints: Int, purgedAt: Date, walTruncated: Bool) {
        self.attendees = attendees
        self.auditEntries = auditEntries
        self.prints = prints
        self.purgedAt = purgedAt
        self.walTruncated = walTruncated
    }
}
