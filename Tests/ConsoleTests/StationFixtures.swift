import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Shared states for the login / station-mode tests.
enum St {
    static let now = F.now
    static let members = [MemberSummary(name: "ada", role: .admin), MemberSummary(name: "bob", role: .staff),
                          MemberSummary(name: "carol", role: .admin)]
    /// The PIN typed in these tests: none of its digits' runs may ever reach a cell, an effect's
    /// description or the state's description.
    static let pin = "86429753"
    /// Every 4-digit run of `pin` (what a suffix-revealing redaction would show).
    static var pinFragments: [String] {
        let d = Array(pin)
        return (0...(d.count - 4)).map { String(d[$0..<($0 + 4)]) } + [pin]
    }

    static func login(_ operatorName: String? = nil, size: Size = Size(width: 80, height: 24)) -> AppState {
        AppState.start(members: members, operatorName: operatorName, size: size)
    }

    @discardableResult
    static func type(_ s: inout AppState, _ text: String, at: Date = F.now) -> [Effect] {
        text.flatMap { update(&s, .key(.char($0)), now: at) }
    }

    /// The login screen for `bob` with the PIN typed.
    static func loginTyped(_ size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = login("bob", size: size)
        type(&s, pin)
        return s
    }

    /// Presses Enter with a wrong PIN `times` times at the login (each rejected).
    static func rejectLogin(_ s: inout AppState, times: Int, at: Date = F.now) -> [Effect] {
        var last: [Effect] = []
        for _ in 0..<times {
            type(&s, "1111", at: at)
            _ = update(&s, .key(.enter), now: at)
            last = update(&s, .pinRejected(name: "bob", purpose: .login), now: at)
        }
        return last
    }

    /// The event view in station mode (entered with L), with members unless `members` is empty.
    static func station(members: [MemberSummary] = St.members, operatorName: String = "ada",
                        role: OperatorRole = .admin, size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = F.eventView(size: size)
        s.members = members
        s.operatorName = operatorName
        s.operatorRole = role
        _ = update(&s, .key(.char("L")), now: now)
        s.toast = nil
        return s
    }

    /// The admin-PIN prompt open over the station-mode event view, `typed` entered.
    static func prompt(members: [MemberSummary] = St.members, typed: String = "",
                       size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = station(members: members, size: size)
        _ = update(&s, .key(.char("L")), now: now)
        type(&s, typed)
        return s
    }

    /// Presses Enter with a wrong PIN `times` times in the station prompt (each rejected).
    static func rejectPrompt(_ s: inout AppState, times: Int, at: Date = F.now) -> [Effect] {
        var last: [Effect] = []
        for _ in 0..<times {
            type(&s, "1111", at: at)
            _ = update(&s, .key(.enter), now: at)
            last = update(&s, .pinRejected(name: nil, purpose: .leaveStationMode), now: at)
        }
        return last
    }
}
