import BadgeCore
import Foundation

/// One provider page and the import checkpoint that must commit with it (SPEC §2.4 rule 7): the
/// unit `BadgeStore.mergePages` groups into transactions.
public struct PageWrite: Sendable {
    public var attendees: [ProviderAttendee]
    public var checkpoint: ImportCheckpoint?

    public init(attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?) {
        self.attendees = attendees
        self.checkpoint = checkpoint
    }
}
