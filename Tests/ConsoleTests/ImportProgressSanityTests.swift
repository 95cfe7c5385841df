import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// Issue #13 item 7: a provider's bogus paging never shows "1/-1 pages" or an ETA of months.
@Suite struct ImportProgressSanityTests {
    private func importing(_ p: ImportProgress) -> String {
        var s = F.dashboard()
        _ = update(&s, .importProgressed(eventId: 2, p), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.enter), now: now)
        return render(s, size: Size(width: 120, height: 40), now: now).text
    }

    @Test func aNegativeOrShrunkTotalIsUnknown() {
        for total in [-1, 0, 3] {
            let text = importing(ImportProgress(pagesDone: 5, pagesTotal: total, attendeesSoFar: 250, attendeesTotal: -7,
                                                startedAt: now.addingTimeInterval(-30)))
            #expect(text.contains("Total not known yet — counting as pages arrive"), "total \(total)")
            #expect(text.contains("Pages       5\n") || text.contains("Pages       5 "), "total \(total)")
            #expect(!text.contains("/ -1") && !text.contains("/ 3") && !text.contains("/ -7"))
            #expect(text.contains("ETA         —"))
        }
    }

    @Test func anAbsurdTotalShowsNoETA() {
        let text = importing(ImportProgress(pagesDone: 1, pagesTotal: 1_000_000_000, attendeesSoFar: 50,
                                            startedAt: now.addingTimeInterval(-30)))
        #expect(text.contains("ETA         —"))
    }

    @Test func etaIsHiddenUntilItCanBeExtrapolatedAndNeverAboveADay() {
        let start = Date(timeIntervalSince1970: 0)
        let early = ImportProgress(pagesDone: 1, pagesTotal: 40, startedAt: start)
        #expect(early.eta(now: start.addingTimeInterval(1)) == nil, "under 2 s: no ETA yet")
        #expect(early.eta(now: start.addingTimeInterval(4)) == 156)
        let slow = ImportProgress(pagesDone: 1, pagesTotal: 50, startedAt: start)
        #expect(slow.eta(now: start.addingTimeInterval(3600)) == nil, "49 h left is not an estimate worth showing")
        #expect(ImportProgress(pagesDone: 1, pagesTotal: -1, startedAt: start).knownPagesTotal == nil)
        #expect(ImportProgress(pagesDone: 40, pagesTotal: 40, startedAt: start).eta(now: start) == 0)
    }
}
