import Foundation
import BadgeCore
import ScreenKit

extension AppState {
    /// The state the console starts in (SPEC §7). With members, the login screen, the name
    /// preselected from `--operator` (focus then on the PIN); without members, the dashboard as
    /// admin under the given name (or "admin"). `stationMode` starts the console locked.
    public static func start(members: [MemberSummary], operatorName: String? = nil, stationMode: Bool = false,
                             size: Size = Size(width: 80, height: 24),
                             timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> AppState {
        let given = operatorName?.trimmingCharacters(in: .whitespaces) ?? ""
        var s = AppState(size: size, operatorName: given.isEmpty ? "admin" : given, operatorRole: .admin,
                         stationMode: stationMode, timeZone: timeZone)
        s.members = members
        guard !members.isEmpty else { return s }
        s.operatorName = ""
        s.operatorRole = .staff
        s.screen = .login
        let known = s.member(named: given)
        s.login = LoginState(name: known?.name ?? given, field: given.isEmpty ? .name : .pin)
        return s
    }

    /// Effects the composition root runs once at start: the dashboard's events, or nothing while
    /// the login screen shows (signing in loads them).
    public var startEffects: [Effect] { screen == .login ? [] : [.loadEvents, .loadIntegrations] }

    /// Opens the console straight on one event (`badge demo`), over the dashboard so Esc goes
    /// back to it: the Import in progress view while the event is PENDING (`importRunning` says
    /// whether a job is at work, else it shows Import failed with Retry), else the event view.
    /// Does nothing on the login screen (signing in comes first). Returns the effects to run.
    public mutating func openDirectly(_ event: Event, importRunning: Bool, now: Date) -> [Effect] {
        guard screen == .dashboard else { return [] }
        if let i = events.firstIndex(where: { $0.event.id == event.id }) {
            events[i].event = event
        } else {
            events.append(EventSummary(event: event))
        }
        if importRunning {
            importsRunning[event.id] = event.importProgress ?? ImportProgress(startedAt: now)
        }
        return openEvent(&self, event.id)
    }

    /// The member with this name (case-insensitive), if any.
    public func member(named name: String) -> MemberSummary? {
        let n = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard !n.isEmpty else { return nil }
        return members.first { $0.name.lowercased() == n }
    }
}
