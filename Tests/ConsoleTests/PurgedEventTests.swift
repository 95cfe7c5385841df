import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Issue #17: an event purged by `badge events purge` shows as purged — on the dashboard and in
/// the event view (no Sync button, a clear line instead of rows with empty names).
enum PurgedScene {
    static var purged: Event {
        var e = F.summit
        e.purgedAt = F.at(9, 20)
        return e
    }
    static var emptied: [Attendee] {
        F.rows.map { a in
            var b = a
            b.name = ""; b.email = nil; b.company = nil; b.barcode = nil
            return b
        }
    }

    static func dashboard(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = AppState(size: size, operatorName: "ada")
        _ = update(&s, .eventsLoaded([EventSummary(event: purged, stats: F.stats), EventSummary(event: F.meetup)]), now: F.now)
        return s
    }

    static func eventView(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = dashboard(size: size)
        _ = update(&s, .key(.enter), now: F.now)
        let q = s.eventView!.pendingQuery!
        _ = update(&s, .attendeePageLoaded(query: q, rows: emptied, total: emptied.count), now: F.now)
        _ = update(&s, .eventStatsLoaded(eventId: 1, F.stats), now: F.now)
        return s
    }
}

@Suite struct PurgedEventTests {
    @Test func theDashboardSaysPurged() {
        let text = F.text(PurgedScene.dashboard())
        #expect(text.contains("⊘ Purged"))
        #expect(!text.contains("Syncing"))
    }

    @Test func theEventViewSaysPurgedWithoutSyncOrRows() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var s = PurgedScene.eventView(size: size)
            let text = F.text(s)
            #expect(text.contains("⊘ Purged"))
            #expect(text.contains("⊘ PURGED 2026-12-03 09:20 — personal data erased"))
            #expect(text.contains("Names, emails, companies, barcodes, notes are gone; the statistics stay."))
            #expect(text.contains("No more syncing, nothing to check in."))
            #expect(!text.contains("[S]ync") && !text.contains("[no sync]"))
            #expect(text.contains("41 230"))  // the statistics stay
            #expect(!text.contains("Name "))  // no table of empty names
            #expect(update(&s, .key(.char("S")), now: F.now) == [])
            #expect(update(&s, .key(.char("c")), now: F.now) == [])
            #expect(update(&s, .key(.enter), now: F.now) == [])
            #expect(s.screen == .eventView(eventId: 1))
        }
    }

    @Test func anUnpurgedEventStillHasItsSyncButton() {
        #expect(F.text(F.eventView()).contains("[S]ync"))
    }
}
