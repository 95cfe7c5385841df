import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Issue #17: the card says what Enter and p do, p never checks in, and forcing the check-in of
/// someone NOT ATTENDING takes a second key.
@Suite struct CardActionsTests {
    @Test func theCardSaysWhatEnterAndPDo() {
        let s = Scene.card(1)
        let text = F.text(s)
        #expect(text.contains("[Enter] Check in & print"))
        #expect(text.contains("[p] Print only (not checked in)"))
        var p = s
        #expect(update(&p, .key(.char("p")), now: F.now) == [.printBadge(attendeeId: 2)])
        #expect(p.printAfterCheckIn.isEmpty)
    }

    @Test func forceCheckInAsksForASecondKey() {
        for first in [Key.enter, .char("c")] {
            var s = Scene.card(3)
            #expect(update(&s, .key(first), now: F.now) == [])
            let text = F.text(s)
            #expect(text.contains("Force check in Edsger Dijkstra, who is NOT ATTENDING? [Enter] Yes"))
            #expect(update(&s, .key(.enter), now: F.now) == [.checkIn(attendeeId: 4, .forceCheckIn)])
            #expect(!F.text(s).contains("who is NOT ATTENDING?"))
        }
    }

    @Test func anyOtherKeyCancelsTheForceQuestion() {
        var s = Scene.card(3)
        _ = update(&s, .key(.enter), now: F.now)
        _ = update(&s, .key(.char("v")), now: F.now)  // VIP toggles, the question goes
        #expect(s.card?.confirmingForce == false)
        #expect(update(&s, .key(.enter), now: F.now) == [])  // asks again
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.screen == .attendeeCard(attendeeId: 4))
        #expect(s.card?.confirmingForce == false)
    }
}

/// Issue #17: `badge demo` draws a first frame at once.
@Suite struct SplashFrameTests {
    @Test func saysWhatIsHappening() {
        let text = SplashFrame.render("Starting the demo: connecting…", size: Size(width: 80, height: 24)).text
        #expect(text.contains("Badge Console"))
        #expect(text.contains("Starting the demo: connecting…"))
        #expect(SplashFrame.render("x", size: Size(width: 40, height: 10)).text.contains("too small"))
    }
}
