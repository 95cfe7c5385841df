import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Named login / station states for the screen tests, with the time to render them at.
enum StationScenes {
    static let names = ["login", "loginWrong", "loginLocked", "station", "prompt", "promptLocked", "promptNoMembers"]

    static func scene(_ name: String, _ size: Size) -> (AppState, Date) {
        let now = F.now
        switch name {
        case "login":
            var s = St.login("bob", size: size)
            St.type(&s, "123")
            return (s, now)
        case "loginWrong":
            var s = St.login("bob", size: size)
            _ = St.rejectLogin(&s, times: 2)
            return (s, now)
        case "loginLocked":
            var s = St.login("bob", size: size)
            _ = St.rejectLogin(&s, times: 5)
            return (s, now.addingTimeInterval(18))
        case "station":
            // With a sync-failed alert: staff see "ask an admin to recover", not the R key.
            var s = St.station(size: size)
            _ = update(&s, .syncFailed(eventId: 1, reason: "503 from provider", nextRetryAt: now.addingTimeInterval(30)),
                       now: now)
            return (s, now)
        case "prompt":
            return (St.prompt(typed: "1234", size: size), now)
        case "promptLocked":
            var s = St.prompt(size: size)
            _ = St.rejectPrompt(&s, times: 5)
            return (s, now.addingTimeInterval(1))
        default:
            return (St.prompt(members: [], size: size), now)
        }
    }

    static func snapshot(_ name: String, _ w: Int, _ h: Int) -> String {
        let (s, t) = scene(name, Size(width: w, height: h))
        return ConsoleTests.snapshot(render(s, size: Size(width: w, height: h), now: t))
    }
}
