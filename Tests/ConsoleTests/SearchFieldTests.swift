import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The search field (issue #17): it ends with the event, `/` starts a new query, ^U / ^W edit it.
@Suite struct SearchFieldTests {
    let now = F.now

    func searched(_ text: String) -> AppState {
        var s = F.eventView()
        _ = update(&s, .key(.char("/")), now: now)
        _ = update(&s, .typed(text), now: now)
        _ = update(&s, .key(.enter), now: now)
        return s
    }

    @Test func leavingTheEventEndsTheSearch() {
        var s = searched("ada")
        #expect(s.eventView?.search == "ada")
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .dashboard)
        let effects = update(&s, .key(.enter), now: now)
        #expect(s.eventView?.search == "")
        #expect(effects.contains(.loadAttendeePage(AttendeeQuery(eventId: 1, filter: .all, search: "", offset: 0,
                                                                 limit: EventViewState.pageSize))))
        #expect(F.text(s).contains("/ to search"))
    }

    @Test func slashStartsANewQuery() {
        var s = searched("ada")
        let effects = update(&s, .key(.char("/")), now: now)
        #expect(effects == [.loadAttendeePage(AttendeeQuery(eventId: 1, filter: .all, search: "", offset: 0,
                                                            limit: EventViewState.pageSize))])
        _ = update(&s, .key(.char("g")), now: now)
        #expect(s.eventView?.search == "g", "not \"adag\"")
    }

    @Test func fastTypingInTheTableStartsANewQueryToo() {
        var s = searched("ada")
        _ = update(&s, .typed("bob"), now: now)
        #expect(s.eventView?.search == "bob" && s.eventView?.searchMode == true)
    }

    @Test func ctrlWDeletesWordsLikeAShell() {
        #expect(withoutLastWord("ada love") == "ada ")
        #expect(withoutLastWord("ada ") == "")
        #expect(withoutLastWord("ada") == "")
        #expect(withoutLastWord("") == "")
        #expect(withoutLastWord("a b  c  ") == "a b  ")
    }

    @Test func ctrlUAndCtrlWAreInHelp() {
        let help = HelpView.lines(Scene.help(), width: 200).map(\.0)
        #expect(help.contains { $0.contains("^U") && $0.contains("Clear the search field") })
        #expect(help.contains { $0.contains("^W") && $0.contains("Delete the last word") })
    }
}
