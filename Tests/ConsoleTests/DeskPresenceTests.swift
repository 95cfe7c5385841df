import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Several desks (SPEC §11): every header names this desk, how many desks are online and which
/// desk syncs the event; a server that cannot be reached says so; S at a desk that does not sync
/// is passed on, and the header's button comes back.
@Suite struct DeskPresenceTests {
    let now = F.now

    private func shared(_ presence: DeskPresence, size: Size) -> AppState {
        var s = F.eventView(size: size)
        s.deskName = "door-b"
        _ = update(&s, .desksChanged(presence), now: now)
        return s
    }

    @Test func theHeaderNamesTheDeskTheDesksOnlineAndWhoSyncs() {
        let presence = DeskPresence(online: ["door-a", "door-b", "door-c"], leaders: [1: "door-a"])
        let wide = F.text(shared(presence, size: Size(width: 140, height: 40))).split(separator: "\n")[0]
        #expect(wide.contains("door-b · 3 desks online · door-a syncs"))
        let narrow = F.text(shared(presence, size: Size(width: 80, height: 24))).split(separator: "\n")[0]
        #expect(narrow.contains("door-b (3) · ⇄ door-a"))
        #expect(narrow.contains("[S]ync"), "the sync button keeps its place at 80 columns")
    }

    @Test func theLeaderSeesThatItSyncsAndAnUnreachableServerIsSaid() {
        var s = shared(DeskPresence(online: ["door-b"], leaders: [1: "door-b"]), size: Size(width: 140, height: 40))
        #expect(F.text(s).contains("door-b · 1 desk online · syncs here"))
        _ = update(&s, .desksChanged(DeskPresence(online: ["door-b"], leaders: [:], reachable: false)), now: now)
        #expect(F.text(s).contains("✖ Server unreachable"))
        #expect(!F.text(s).contains("desk online"))
    }

    @Test func aLaptopOfItsOwnShowsNoDesks() {
        let s = F.eventView(size: Size(width: 140, height: 40))
        #expect(!F.text(s).contains("desks online"))
        #expect(!F.text(s).contains("⇄"))
    }

    @Test func aResyncPassedToTheSyncingDeskSaysSoAndFreesTheButton() {
        var s = shared(DeskPresence(online: ["door-a", "door-b"], leaders: [1: "door-a"]), size: Size(width: 140, height: 40))
        _ = update(&s, .key(.char("S")), now: now)
        #expect(s.syncInFlight.contains(1))
        _ = update(&s, .resyncForwarded(eventId: 1, desk: "door-a"), now: now)
        #expect(!s.syncInFlight.contains(1))
        #expect(s.toast?.text == "Desk door-a syncs this event: it was asked to resync; the result shows here too")
        #expect(F.text(s).contains("[S]ync"))
    }

    @Test func anImportThisDeskMayNotRunIsRefusedWithTheReason() {
        var s = F.eventView()
        s.syncInFlight.insert(1)
        _ = update(&s, .syncRefused(eventId: 1, reason: "desk door-a syncs event #1: only it imports or reconnects it"),
                   now: now)
        #expect(!s.syncInFlight.contains(1))
        #expect(s.toast?.kind == .warning)
        #expect(s.toast?.text.contains("door-a") == true)
    }

    @Test func deskNamesOperatorsTypedAreSanitisedBeforeDrawing() {
        let hostile = "door-a\u{1B}[2J\u{7}"
        let s = shared(DeskPresence(online: ["door-b", hostile], leaders: [1: hostile]), size: Size(width: 140, height: 40))
        let header = F.text(s).split(separator: "\n")[0]
        #expect(!header.contains("\u{1B}"))
        #expect(!header.contains("\u{7}"))
        #expect(header.contains("door-a␛[2J␇ syncs"), "shown as visible text, like every untrusted string")
        var t = s
        _ = update(&t, .resyncForwarded(eventId: 1, desk: hostile), now: now)
        #expect(t.toast?.text.hasPrefix("Desk door-a␛[2J␇ syncs this event") == true)
    }
}
