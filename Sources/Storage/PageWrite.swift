import BadgeCore
import Foundation

/// One provider page and the import checkpoint that must commit with it (SPEC §2.4 rule 7): the
/// unit `BadgeStore.mergePages` groups into transactions.
public struct PageWrite: Sendable {
    public var attendees: [ProviderAttendee]
    public var checkpoint: ImportCheckpoint?

    /// The search text of each attendee as a new row would have it (`prepareNewRows`), so the
    /// writer — the import's critical path — does not fold text that another thread can.
    var newRowSearchTexts: [[UInt8]]?

    public init(attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?) {
        self.attendees = attendees
        self.checkpoint = checkpoint
    }

    /// Computes, on the caller's thread, what merging each attendee as a new row of `eventId`
    /// writes as its search text; the store uses it for the rows it inserts (an existing row's
    /// text depends on its corrections and is computed at the merge).
    public mutating func prepareNewRows(eventId: Int64) {
        newRowSearchTexts = attendees.map {
            AttendeeSearch.haystackUTF8(AttendeeMerge.merge(AttendeeRow.quantised($0), into: nil, eventId: eventId).attendee)
        }
    }
}
