/// A member as the console knows it (SPEC §7): name and role, never the PIN hash. The composition
/// root loads them from the store at start; when there are none the console runs as admin.
public struct MemberSummary: Sendable, Hashable {
    public var name: String
    public var role: OperatorRole
    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }
}

/// Why a PIN is being checked; `verifyPIN` carries it and the reply echoes it, so a late reply
/// can never unlock something it was not asked for.
public enum PINPurpose: String, Sendable, Hashable {
    /// Signing in at start: the PIN of the named member.
    case login
    /// Leaving station mode: the PIN of ANY admin member (no name is asked).
    case leaveStationMode
}

/// Admin and session actions the console records in the audit log (`Effect.recordAudit`). Raw
/// values are the audit log's action names, the same as the CLI writes.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case login = "console.login"
    case pinLockout = "console.pin-lockout"
    case connectIntegration = "integration.connect"
    case importEvent = "event.import"
    case retry = "event.retry"
    case reconnect = "event.reconnect"
    case confirmCancellations = "event.confirm-cancellations"
    case enterStationMode = "station.enter"
    case leaveStationMode = "station.leave"
    /// An admin's PIN let a station-mode console quit or leave its event.
    case stationUnlock = "station.unlock"
}
