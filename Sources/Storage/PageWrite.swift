import BadgeCore
import Foundation

/// One provider page and the import checkpoint that must commit with it (SPEC §2.4 rule 7): the
/// unit `BadgeStore.mergePages` groups into transactions.
public struct PageWrite: Sendable {
    public var attendees: [ProviderAttendee]
    public var checkpoint: ImportCheckpoint?

    /// Each attendee as a new row would be written (`prepareNewRows`): the merged row, its change
    /// and its search text, so the writer — the import's critical path — only binds and steps.
    var newRows: [NewRow]?

    /// What merging one provider attendee as a new row of the event writes.
    struct NewRow: Sendable {
        var row: Attendee
        var change: AttendeeMerge.Change
        var searchText: [UInt8]
    }

    public init(attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?) {
        self.attendees = attendees
        self.checkpoint = checkpoint
    }

    /// Computes, on the caller's thread, what merging each attendee as a new row of `eventId`
    /// writes; the store uses it for the rows it inserts (an existing row is merged at the write,
    /// against what the database holds then).
    public mutating func prepareNewRows(eventId: Int64) {
        newRows = attendees.map {
            let (row, change) = AttendeeMerge.merge(AttendeeRow.quantised($0), into: nil, eventId: eventId)
            return NewRow(row: row, change: change, searchText: AttendeeSearch.haystackUTF8(row))
        }
    }
}
