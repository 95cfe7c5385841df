import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Issue #15 (SPEC §11.1) on screen: a desk that lost the server says so in its header with the
/// queued count and in a banner, at 120×40 and 80×24; after the replay the people it lost to
/// another desk are listed until D dismisses them.
@Suite struct OfflineDeskScreenTests {
    let now = F.now

    private func desk(_ presence: DeskPresence, size: Size) -> AppState {
        var s = F.eventView(size: size)
        s.deskName = "door-b"
        _ = update(&s, .desksChanged(presence), now: now)
        return s
    }

    private var offline: DeskPresence {
        DeskPresence(online: [], leaders: [:], reachable: false,
                     offline: DeskOffline(queued: 12, unreachableSince: now.addingTimeInterval(-90),
                                          copiedAt: now.addingTimeInterval(-95)))
    }

    private func conflict(_ name: String, winner: String = "desk-2") -> OfflineConflict {
        OfflineConflict(eventId: 1, attendeeId: 7, attendeeName: name, kind: .checkIn, winnerDesk: winner,
                        winnerAt: now.addingTimeInterval(-300), loserDesk: "door-b", loserAt: now.addingTimeInterval(-200),
                        recordedAt: now)
    }

    @Test func anUnreachableServerShowsTheQueuedCountAndTheBannerAtEverySize() {
        let wide = F.text(desk(offline, size: Size(width: 120, height: 40))).split(separator: "\n").map(String.init)
        #expect(wide[0].contains("door-b · ✖ Server unreachable · 12 queued"))
        #expect(wide[2].contains("✖ Server unreachable since"))
        #expect(wide[2].contains("working on this desk's copy"))
        #expect(wide[2].contains("12 changes queued, sent when it is back"))
        let narrow = F.text(desk(offline, size: Size(width: 80, height: 24))).split(separator: "\n").map(String.init)
        #expect(narrow[0].contains("✖ unreachable · 12 queued"))
        #expect(narrow[2].contains("No server — this desk's copy"), "the short banner at 80 columns: \(narrow[2])")
        #expect(narrow[2].contains("12 queued, sent when back"))
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func startingWithoutTheServerSaysSo() {
        var presence = offline
        presence.offline?.startedOffline = true
        let text = F.text(desk(presence, size: Size(width: 120, height: 40)))
        #expect(text.contains("✖ Started without the server — working on this desk's copy"))
    }

    @Test func whileReplayingTheHeaderSaysTheQueueIsBeingSent() {
        let presence = DeskPresence(online: ["door-b"], leaders: [:], offline: DeskOffline(queued: 3, replaying: true))
        #expect(F.text(desk(presence, size: Size(width: 120, height: 40))).contains("door-b · ⟳ sending 3 queued"))
    }

    @Test func theConflictsThisDeskLostAreListedUntilDismissed() {
        let presence = DeskPresence(online: ["door-b", "desk-2"], leaders: [1: "desk-2"],
                                    offline: DeskOffline(queued: 0, conflicts: [conflict("Ann Lee"), conflict("Bo Chen")]))
        var s = desk(presence, size: Size(width: 120, height: 40))
        let lines = F.text(s).split(separator: "\n").map(String.init)
        #expect(lines[2].contains("⚠ 2 people were already checked in at desk-2: Ann Lee, Bo Chen"))
        #expect(lines[2].contains("D dismiss"))
        let effects = update(&s, .key(.char("D")), now: now)
        #expect(effects == [.acknowledgeConflicts])
        #expect(!F.text(s).contains("already checked in at desk-2"))
        // The next report from the desk store (conflicts acknowledged) keeps it gone.
        _ = update(&s, .desksChanged(DeskPresence(online: ["door-b", "desk-2"], leaders: [1: "desk-2"],
                                                  offline: DeskOffline(queued: 0))), now: now)
        #expect(!F.text(s).contains("already checked in"))
    }

    @Test func dWithoutConflictsDoesNothingAndNamesAreSanitised() {
        var s = desk(DeskPresence(online: ["door-b"], leaders: [:], offline: DeskOffline(queued: 0)),
                     size: Size(width: 120, height: 40))
        #expect(update(&s, .key(.char("D")), now: now).isEmpty)
        let hostile = DeskPresence(online: ["door-b"], leaders: [:],
                                   offline: DeskOffline(queued: 0, conflicts: [conflict("Eve\u{1B}[2J", winner: "d\u{7}")]))
        let text = F.text(desk(hostile, size: Size(width: 120, height: 40)))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
        #expect(text.contains("Eve␛[2J"))
    }
}
