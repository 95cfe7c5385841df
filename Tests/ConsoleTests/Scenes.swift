import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Named states for the screen tests.
enum Scene {
    static let now = F.now

    static func importChoose() -> AppState {
        var s = F.dashboard()
        _ = update(&s, .key(.char("i")), now: now)
        _ = update(&s, .integrationsLoaded([F.integration(), F.integration(.luma)]), now: now)
        return s
    }

    static func importList() -> AppState {
        var s = importChoose()
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .providerEventsLoaded(.eventbrite, [
            ProviderEvent(externalId: "51660376577", name: "Tech Summit 2026", startsAt: F.at(9, 0), registrations: 100_000),
            ProviderEvent(externalId: "777", name: "Winter Party", startsAt: F.at(9, 0).addingTimeInterval(86_400 * 20),
                          registrations: 80),
        ]), now: now)
        _ = update(&s, .key(.down), now: now)
        return s
    }

    static func integrations(typing: String? = nil) -> AppState {
        var s = F.dashboard()
        _ = update(&s, .key(.char("I")), now: now)
        _ = update(&s, .integrationsLoaded([F.integration()]), now: now)
        if let typing {
            _ = update(&s, .key(.down), now: now)
            _ = update(&s, .key(.enter), now: now)
            for c in typing { _ = update(&s, .key(.char(c)), now: now) }
        }
        return s
    }

    static func importing(failed: String? = nil) -> AppState {
        var s = F.dashboard()
        let p = ImportProgress(pagesDone: 12, pagesTotal: 40, attendeesSoFar: 6_000, attendeesTotal: 20_000,
                               startedAt: now.addingTimeInterval(-30), updatedAt: now.addingTimeInterval(-1))
        _ = update(&s, .importProgressed(eventId: 2, p), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.enter), now: now)
        if let failed { _ = update(&s, .importFailed(eventId: 2, reason: failed), now: now) }
        return s
    }

    static func eventView(_ size: Size = Size(width: 80, height: 24)) -> AppState { F.eventView(size: size) }

    static func syncFailed(_ size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = F.eventView(size: size)
        _ = update(&s, .syncFailed(eventId: 1, reason: "503 from provider", nextRetryAt: now.addingTimeInterval(30)), now: now)
        return s
    }

    static func disconnected(_ size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = F.eventView(size: size)
        var e = F.summit
        e.syncStatus = .disconnected
        e.lastError = "401 token revoked"
        _ = update(&s, .eventStatusChanged(e), now: now)
        return s
    }

    static func syncingWithSearch() -> AppState {
        var s = F.eventView()
        _ = update(&s, .key(.char("S")), now: now)
        _ = update(&s, .key(.char("/")), now: now)
        for c in "ad" { _ = update(&s, .key(.char(c)), now: now) }
        let q = s.eventView!.pendingQuery!
        _ = update(&s, .attendeePageLoaded(query: q, rows: [F.rows[0]], total: 1), now: now)
        return s
    }

    static func card(_ index: Int, _ size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = F.eventView(size: size)
        s.eventView!.moveCursor(to: index)
        _ = update(&s, .key(.enter), now: now)
        let a = F.rows[index]
        let history = a.checkedInAt.map {
            [CheckInRecord(attendeeId: a.id, at: $0.addingTimeInterval(-600), action: .checkIn, operatorName: "bob", station: "desk-2"),
             CheckInRecord(attendeeId: a.id, at: $0.addingTimeInterval(-300), action: .undo, operatorName: "bob", station: "desk-2"),
             CheckInRecord(attendeeId: a.id, at: $0, action: .checkIn, operatorName: "ada", station: "desk-1")]
        } ?? []
        _ = update(&s, .cardLoaded(a, history: history, prints: []), now: now)
        return s
    }

    static func help(_ size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = F.eventView(size: size)
        _ = update(&s, .key(.char("?")), now: now)
        return s
    }

    static func confirmQuit() -> AppState {
        var s = importing()
        _ = update(&s, .key(.char("q")), now: now)
        return s
    }
}
