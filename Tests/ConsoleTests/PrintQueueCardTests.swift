import BadgeCore
import Foundation
import ScreenKit
import Testing
@testable import Console

/// Issue #16 on the card: the desk's print station's health, a failed print job with its retry
/// key, and a job of unknown outcome offered as a counted reprint.
@Suite struct PrintQueueCardTests {
    func cardWithStation(_ stations: [PrintStationStatus], mine: String?) -> AppState {
        var s = Scene.card(1)
        s.printStation = mine
        _ = update(&s, .printStationsChanged(stations), now: F.now)
        return s
    }

    @Test func theDesksStationHealthIsALineOfTheCard() {
        let s = cardWithStation([PrintStationStatus(name: "Hall A", online: true, queued: 2, failed: 0, lastError: nil)],
                                mine: "Hall A")
        let text = F.text(s)
        #expect(text.contains("Printing    station Hall A: online · 2 queued"), "\(text)")
    }

    @Test func anOfflineStationWithAnErrorIsAWarning() {
        let s = cardWithStation([PrintStationStatus(name: "Hall A", online: false, queued: 5, failed: 1,
                                                    lastError: "zpl://10.0.0.5: printer out of labels")], mine: "Hall A")
        let text = F.text(s, Size(width: 120, height: 40))
        #expect(text.contains("station Hall A: OFFLINE · 5 queued · 1 failed · last error: zpl://10.0.0.5: printer out of labels"),
                "\(text)")
        let never = F.text(cardWithStation([], mine: "Hall B"))
        #expect(never.contains("station Hall B: never seen online"), "\(never)")
    }

    @Test func aLaptopWithoutStationsShowsNoPrintingLine() {
        #expect(!F.text(cardWithStation([], mine: nil)).contains("Printing"))
    }

    @Test func aFailedJobIsShownWithItsRetryKeyAndUnknownOutcomesOfferACountedReprint() {
        var s = Scene.card(1)
        let id = s.card!.attendeeId
        _ = update(&s, .printJobNoticeLoaded(attendeeId: id, PrintJobNotice(
            jobId: 12, attendeeId: id, outcomeUnknown: false, reason: "zpl://10.0.0.5: connection refused", station: "")),
                   now: F.now)
        #expect(F.text(s).contains("▲ Print job 12 failed: zpl://10.0.0.5: connection refused — R retry"), "\(F.text(s))")
        #expect(KeyBindings.footer(for: s).contains { $0.title == "Retry print" })
        _ = update(&s, .printJobNoticeLoaded(attendeeId: id, PrintJobNotice(
            jobId: 13, attendeeId: id, outcomeUnknown: true, reason: nil, station: "Hall A")), now: F.now)
        #expect(F.text(s).contains("Print job 13: outcome unknown (sender stopped) — R reprints it, counted"))
        // Another attendee's notice does not land on this card.
        _ = update(&s, .printJobNoticeLoaded(attendeeId: id + 100, nil), now: F.now)
        #expect(s.card?.printJob?.jobId == 13)
        _ = update(&s, .printJobNoticeLoaded(attendeeId: id, nil), now: F.now)
        #expect(!F.text(s).contains("Print job"))
        #expect(!KeyBindings.footer(for: s).contains { $0.title == "Retry print" })
    }

    @Test func aBadgeQueuedForAStationIsNotCountedAsPrintedYet() {
        var s = Scene.card(1)
        let id = s.card!.attendeeId
        let before = s.card?.attendee?.printCount
        _ = update(&s, .printed(attendeeId: id, template: "Default",
                                delivery: PrintDelivery(.queued(station: "Hall A", job: 4))), now: F.now)
        #expect(s.card?.attendee?.printCount == before)
        #expect(F.text(s).contains("Queued for print station Hall A (job 4)"), "\(F.text(s))")
    }

    @Test func theEventHeaderSaysHowTheDesksStationIs() {
        var s = F.eventView()
        #expect(!F.text(s).contains("print Hall"))
        s.printStation = "Hall"
        #expect(F.text(s).split(separator: "\n").first?.contains("print Hall OFFLINE") == true, "\(F.text(s))")
        _ = update(&s, .printStationsChanged([PrintStationStatus(name: "Hall", online: true, queued: 3, failed: 0,
                                                                 lastError: nil)]), now: F.now)
        #expect(F.text(s).split(separator: "\n").first?.contains("print Hall 3 queued") == true, "\(F.text(s))")
        _ = update(&s, .printStationsChanged([PrintStationStatus(name: "Hall", online: true, queued: 0, failed: 1,
                                                                 lastError: "x")]), now: F.now)
        #expect(F.text(s).split(separator: "\n").first?.contains("print Hall 1 failed") == true)
    }
}
