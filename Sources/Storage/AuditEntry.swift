import Foundation

/// One row of the audit log: who did what, when (check-ins, VIP changes, prints, admin actions).
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Date
    public var operatorName: String
    public var action: String
    public var detail: String

    public init(id: Int64, at: Date, operatorName: String, action: String, detail: String) {
        self.id = id
        self.at = at
        self.operatorName = operatorName
        self.action = action
        self.detail = detail
    }
}
