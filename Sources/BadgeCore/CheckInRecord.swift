import Foundation

/// One entry of the append-only check-in log (SPEC §2.1, §5).
public struct CheckInRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var attendeeId: Int64
    public var at: Date
    public var action: CheckInAction
    public var operatorName: String
    public var station: String

    public init(id: Int64 = 0, attendeeId: Int64, at: Date, action: CheckInAction,
                operatorName: String, station: String) {
        self.id = id
        self.attendeeId = attendeeId
        self.at = at
        self.action = action
        self.operatorName = operatorName
        self.station = station
    }
}
