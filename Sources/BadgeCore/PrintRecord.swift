import Foundation

/// One printed badge (SPEC §2.1, §6). Reprints are further records of the same attendee.
public struct PrintRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var attendeeId: Int64
    public var at: Date
    public var templateName: String
    /// File path or `printer:NAME`.
    public var output: String
    public var operatorName: String

    public init(id: Int64 = 0, attendeeId: Int64, at: Date, templateName: String, output: String,
                operatorName: String) {
        self.id = id
        self.attendeeId = attendeeId
        self.at = at
        self.templateName = templateName
        self.output = output
        self.operatorName = operatorName
    }
}
