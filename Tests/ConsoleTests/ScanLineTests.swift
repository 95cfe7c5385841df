import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// SPEC §10: every scan ends on the verdict for exactly the scanned person; nothing acts on
/// anyone else.
@Suite struct ScanLineTests {
    /// The table with the cursor on Grace (row 3), as a door desk would leave it.
    func table(express: Bool = false) -> AppState {
        var s = F.eventView()
        s.expressScan = express
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.down), now: now)
        #expect(s.eventView?.selectedAttendee?.name == "Grace Hopper")
        return s
    }

    @Test func aScanFromTheTableLooksUpTheCodeNotTheRowUnderTheCursor() {
        var s = table()
        #expect(update(&s, .scanned("https://luma.com/check-in/evt-1?pk=BC2"), now: now)
                == [.lookupScan(eventId: 1, code: "BC2")])
        #expect(s.screen == .scan(eventId: 1) && s.backStack.last == .eventView(eventId: 1))
        #expect(s.scan?.verdict == .lookingUp(code: "https://luma.com/check-in/evt-1?pk=BC2"))
        #expect(update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
                == [.loadBadgePreview(attendeeId: 2, columns: 14, rows: 7)])  // only the badge preview
        #expect(s.scan?.verdict == .ready(F.rows[1]))
        // Standard mode: Enter confirms — but not within 500 ms of the verdict appearing.
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(0.3)) == [])
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(0.6)) == [.checkIn(attendeeId: 2, .checkIn)])
        #expect(s.printAfterCheckIn == [2])
        let record = CheckInRecord(attendeeId: 2, at: now, action: .checkIn, operatorName: "ada", station: "console")
        var alan = F.rows[1]
        alan.checkedInAt = now
        let effects = update(&s, .checkInRecorded(attendeeId: 2, .recorded(alan, record)), now: now)
        #expect(effects.contains(.printBadge(attendeeId: 2)))
        #expect(!effects.contains { if case .checkIn = $0 { return true } else { return false } })
        #expect(s.scan?.verdict == .checkedIn(alan))
        #expect(F.text(s).contains("✔ CHECKED IN") && F.text(s).contains("Alan Turing"))
    }

    @Test func expressChecksInAndPrintsTheScannedPersonAtOnce() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC2"), now: now)
        #expect(update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
                == [.checkIn(attendeeId: 2, .checkIn), .loadBadgePreview(attendeeId: 2, columns: 14, rows: 7)])
        #expect(s.scan?.verdict == .checkingIn(F.rows[1]))
        #expect(s.printAfterCheckIn == [2])
    }

    @Test func alreadyCheckedInWarnsWithWhenWhoAndWhereAndRings() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC1"), now: now)
        let yesterday = now.addingTimeInterval(-86_400)
        var ada = F.rows[0]
        ada.checkedInAt = yesterday
        let record = CheckInRecord(attendeeId: 1, at: yesterday, action: .checkIn, operatorName: "bob", station: "Door B")
        #expect(update(&s, .scanLookedUp(code: "BC1", .found(ada, lastCheckIn: record)), now: now)
                == [.loadBadgePreview(attendeeId: 1, columns: 14, rows: 7)],
                "express never checks in twice")
        #expect(s.bells == 1)
        let text = F.text(s)
        #expect(text.contains("⚠ ALREADY CHECKED IN"))
        #expect(text.contains("First checked in 2 Dec 09:30 by bob at Door B"), "another day shows its date")
        #expect(text.contains("[Enter] Reprint badge"))
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(1)) == [.printBadge(attendeeId: 1)])
    }

    @Test func aCheckInHereReadsAtThisDeskAndAProviderOneNamesTheProvider() {
        var s = table()
        s.deskName = "Door A"
        var ada = F.rows[0]
        _ = update(&s, .scanned("BC1"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC1", .found(ada, lastCheckIn: CheckInRecord(
            attendeeId: 1, at: F.at(9, 12), action: .checkIn, operatorName: "ada", station: "Door A"))), now: now)
        #expect(F.text(s).contains("First checked in 09:12 by ada at this desk"))
        ada.checkInSource = .provider
        _ = update(&s, .scanned("BC1 "), now: now.addingTimeInterval(4))
        _ = update(&s, .scanLookedUp(code: "BC1", .found(ada, lastCheckIn: CheckInRecord(
            attendeeId: 1, at: F.at(9, 12), action: .checkIn, operatorName: "PROVIDER", station: "PROVIDER"))),
                   now: now.addingTimeInterval(4))
        #expect(F.text(s).contains("First checked in 09:12 on Eventbrite"))
    }

    @Test func notAttendingOffersForceOnEnterAndASecondEnterConfirms() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC4"), now: now)
        #expect(update(&s, .scanLookedUp(code: "BC4", .found(F.rows[3], lastCheckIn: nil)), now: now)
                == [.loadBadgePreview(attendeeId: 4, columns: 14, rows: 7)])
        #expect(s.bells == 1)
        #expect(F.text(s).contains("✖ NOT ATTENDING") && F.text(s).contains("waitlist"))
        // Issue #17: forcing asks first; any other key cancels the question.
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(1)) == [])
        #expect(F.text(s).contains("[Enter] again: force check in although NOT ATTENDING"))
        _ = update(&s, .key(.function(2)), now: now.addingTimeInterval(1))
        _ = update(&s, .key(.function(2)), now: now.addingTimeInterval(1))
        #expect(!F.text(s).contains("[Enter] again"))
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(1)) == [])
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(1)) == [.checkIn(attendeeId: 4, .forceCheckIn)])
    }

    @Test func anUnknownCodeClosesTheEarlierCardAndLeavesNothingOnEnter() {
        var s = F.eventView()
        _ = update(&s, .key(.enter), now: now)  // Ada's card is open
        #expect(s.screen == .attendeeCard(attendeeId: 1))
        _ = update(&s, .scanned("NOPE-1"), now: now)
        #expect(s.card == nil, "an earlier card never stays on screen")
        _ = update(&s, .scanLookedUp(code: "NOPE-1", .unknown), now: now)
        #expect(s.scan?.verdict == .unknownCode("NOPE-1"))
        #expect(s.bells == 1)
        #expect(F.text(s).contains("✖ UNKNOWN CODE"))
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(2)) == [])
        _ = update(&s, .key(.escape), now: now)
        #expect(s.screen == .eventView(eventId: 1), "Esc returns to the table, not the old card")
    }

    @Test func otherEventNamesTheEvent() {
        var s = table()
        _ = update(&s, .scanned("BC77"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC77", .otherEvent(eventName: "Swift Meetup")), now: now)
        #expect(F.text(s).contains("✖ OTHER EVENT") && F.text(s).contains("belongs to: Swift Meetup"))
        #expect(s.bells == 1)
    }

    @Test func aStaleLookupNeverReplacesTheNewerScan() {
        var s = table()
        _ = update(&s, .scanned("BC2"), now: now)
        _ = update(&s, .scanned("BC3"), now: now.addingTimeInterval(0.2))
        #expect(update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now) == [])
        #expect(s.scan?.verdict == .lookingUp(code: "BC3"))
        _ = update(&s, .scanLookedUp(code: "BC3", .found(F.rows[2], lastCheckIn: nil)), now: now)
        #expect(s.scan?.verdict == .ready(F.rows[2]))
    }

    @Test func aNewScanWhileAVerdictWaitsForEnterReplacesIt() {
        var s = table()
        _ = update(&s, .scanned("BC2"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
        // The next person's badge, no key between: the Enter then confirms the new one only.
        _ = update(&s, .scanned("BC3"), now: now.addingTimeInterval(2))
        _ = update(&s, .scanLookedUp(code: "BC3", .found(F.rows[2], lastCheckIn: nil)), now: now.addingTimeInterval(2))
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(2.2)) == [], "too soon after the new verdict")
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(2.6)) == [.checkIn(attendeeId: 3, .checkIn)])
        #expect(F.text(s).contains("Before") && F.text(s).contains("Alan Turing — not checked in"))
    }

    @Test func scanModeTakesEveryPrintableKeyAsCodeAndEnterSubmits() {
        var s = table()
        _ = update(&s, .key(.char("s")), now: now)
        #expect(s.screen == .scan(eventId: 1))
        for c in "qpc/vS?" { #expect(update(&s, .key(.char(c)), now: now) == []) }
        #expect(s.scan?.line == "qpc/vS?" && !s.confirmingQuit && s.screen == .scan(eventId: 1))
        _ = update(&s, .key(.backspace), now: now)
        #expect(update(&s, .key(.enter), now: now) == [.lookupScan(eventId: 1, code: "qpc/vS")])
        _ = update(&s, .typed("BC3"), now: now)
        #expect(s.scan?.line == "BC3")
        _ = update(&s, .key(.ctrl("u")), now: now)
        #expect(s.scan?.line == "")
        _ = update(&s, .key(.function(2)), now: now)
        #expect(s.expressScan)
        #expect(F.text(s).contains("EXPRESS"))
    }

    @Test func aScanFromTheSearchFieldIsAScanNotSearchText() {
        var s = table()
        _ = update(&s, .key(.char("/")), now: now)
        _ = update(&s, .key(.char("g")), now: now)
        #expect(update(&s, .scanned("BC2"), now: now) == [.lookupScan(eventId: 1, code: "BC2")])
        #expect(s.screen == .scan(eventId: 1))
        #expect(s.eventView?.search == "g" && s.eventView?.searchMode == false)
    }

    @Test func fastTypingWithoutEnterGoesToTheSearchFieldNeverToCommands() {
        var s = table()
        let effects = update(&s, .typed("cuvp"), now: now)
        #expect(s.eventView?.searchMode == true && s.eventView?.search == "cuvp")
        #expect(!effects.contains { if case .checkIn = $0 { return true }; if case .printBadge = $0 { return true }
                                    if case .toggleVIP = $0 { return true }; return false })
    }

    @Test func scansOutsideAnEventSaySo() {
        var s = F.dashboard()
        #expect(update(&s, .scanned("BC2"), now: now) == [])
        #expect(s.toast?.text == "Open an event to scan badges")
    }

    @Test func printResultsAreHonest() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC2"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
        _ = update(&s, .printed(attendeeId: 2, template: "Default", delivery: PrintDelivery(.pdf(path: "/tmp/b/2-1.pdf"))), now: now)
        #expect(s.toast?.text == "Saved PDF → /tmp/b/2-1.pdf (Default)")
        #expect(F.text(s).contains("Saved PDF → /tmp/b/2-1.pdf"))
        _ = update(&s, .printed(attendeeId: 2, template: "Default", delivery: PrintDelivery(.printer(queue: "Zebra"), missingGlyphs: "한 😀")), now: now)
        #expect(s.toast?.text == "▲ Printed on Zebra — no font has: 한 😀 (Default)" && s.toast?.kind == .warning)
    }

    @Test func aFailedPrintAfterACheckInSaysTheCheckInIsRecorded() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC2"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
        var alan = F.rows[1]
        alan.checkedInAt = now
        _ = update(&s, .checkInRecorded(attendeeId: 2, .recorded(alan, CheckInRecord(
            attendeeId: 2, at: now, action: .checkIn, operatorName: "ada", station: "console"))), now: now)
        _ = update(&s, .printFailed(attendeeId: 2, reason: "lp: printer Zebra is offline"), now: now)
        #expect(s.toast?.text.contains("the check-in IS recorded") == true)
        #expect(s.toast?.kind == .error)
        // Without a check-in, it does not claim one.
        var t = table()
        _ = update(&t, .printFailed(attendeeId: 2, reason: "lp: offline"), now: now)
        #expect(t.toast?.text == "Badge NOT printed: lp: offline")
    }

    @Test func anotherDeskFirstTurnsTheVerdictIntoAlreadyCheckedIn() {
        var s = table(express: true)
        _ = update(&s, .scanned("BC2"), now: now)
        _ = update(&s, .scanLookedUp(code: "BC2", .found(F.rows[1], lastCheckIn: nil)), now: now)
        _ = update(&s, .checkInRecorded(attendeeId: 2, .alreadyCheckedIn(at: F.at(9, 29), by: "bob")), now: now)
        #expect(F.text(s).contains("⚠ ALREADY CHECKED IN") && F.text(s).contains("09:29 by bob"))
        #expect(s.bells == 1)
    }
}

/// A scanner's burst cut in two by a hiccup longer than any allowance: its first part went into a
/// field as text; the scan right after takes it back.
@Suite struct SplitBurstRejoinTests {
    @Test func inScanModeTheLineJoinsTheScanThatFollowsIt() {
        var s = F.eventView()
        _ = update(&s, .key(.char("s")), now: now)
        _ = update(&s, .typed("3101000"), now: now)
        #expect(update(&s, .scanned("0073001"), now: now.addingTimeInterval(0.3))
                == [.lookupScan(eventId: 1, code: "31010000073001")])
        #expect(s.scan?.line == "")
    }

    @Test func aLineTypedLongBeforeIsNotJoined() {
        var s = F.eventView()
        _ = update(&s, .key(.char("s")), now: now)
        _ = update(&s, .typed("12"), now: now)
        #expect(update(&s, .scanned("BC2"), now: now.addingTimeInterval(5)) == [.lookupScan(eventId: 1, code: "BC2")])
    }

    @Test func inTheTableTheSearchTextIsTakenBackAndJoined() {
        var s = F.eventView()
        _ = update(&s, .typed("BC"), now: now)
        #expect(s.eventView?.searchMode == true && s.eventView?.search == "BC")
        let effects = update(&s, .scanned("2"), now: now.addingTimeInterval(0.2))
        #expect(effects.contains(.lookupScan(eventId: 1, code: "BC2")))
        #expect(effects.contains(.loadAttendeePage(s.eventView!.query(offset: 0))), "the table reloads the restored search")
        #expect(s.eventView?.search == "" && s.eventView?.searchMode == false, "the search is as it was")
    }

    @Test func fastTypingInTheSearchFieldAppendsToIt() {
        var s = F.eventView()
        _ = update(&s, .key(.char("/")), now: now)
        _ = update(&s, .key(.char("a")), now: now)
        _ = update(&s, .typed("da"), now: now)
        #expect(s.eventView?.search == "ada" && s.eventView?.searchMode == true)
        // …and a scan right after takes back only the burst.
        _ = update(&s, .scanned("BC1"), now: now.addingTimeInterval(0.1))
        #expect(s.eventView?.search == "a")
    }
}

/// SPEC §10: the cursor is a person.
@Suite struct CursorFollowsPersonTests {
    func view() -> AppState {
        var s = F.eventView()
        _ = update(&s, .key(.down), now: now)  // Alan
        return s
    }

    func reload(_ s: inout AppState, rows: [Attendee], total: Int? = nil) -> [Effect] {
        let effects = update(&s, .dataChanged(eventId: 1), now: now)
        guard let q = s.eventView?.pendingQuery else { return effects }
        return update(&s, .attendeePageLoaded(query: q, rows: rows, total: total ?? rows.count), now: now)
    }

    @Test func aLiveInsertAboveKeepsTheCursorOnThePerson() {
        var s = view()
        let newcomer = F.attendee(9, "Aaron Aardvark")
        _ = reload(&s, rows: [newcomer] + F.rows)
        #expect(s.eventView?.selectedAttendee?.name == "Alan Turing")
        #expect(update(&s, .key(.char("c")), now: now) == [.checkIn(attendeeId: 2, .checkIn)])
    }

    @Test func aRenameThatResortsMovesTheCursorWithThePerson() {
        var s = view()
        var alan = F.rows[1]
        alan.name = "Zed Turing"
        _ = reload(&s, rows: [F.rows[0], F.rows[2], F.rows[3], alan])
        #expect(s.eventView?.selected == 3)
        #expect(s.eventView?.selectedAttendee?.id == 2)
    }

    @Test func aPersonMovedOutOfTheWindowIsLocatedBeforeAnyRowActs() {
        var s = view()
        let effects = reload(&s, rows: F.page(offset: 100, count: 4).map { var a = $0; a.id += 1000; return a }, total: 900)
        #expect(effects.contains(.locateAttendee(s.eventView!.query(offset: 0), attendeeId: 2)))
        #expect(s.eventView?.selectedAttendee == nil, "no row acts while the person is being located")
        #expect(update(&s, .key(.char("v")), now: now) == [])
        let q = s.eventView!.query(offset: 0)
        let next = update(&s, .attendeeLocated(query: q, attendeeId: 2, position: 500), now: now)
        #expect(s.eventView?.selected == 500)
        guard case .loadAttendeePage(let page)? = next.first else { Issue.record("no page load"); return }
        var rows = F.page(offset: page.offset, count: 510 - page.offset)
        rows[500 - page.offset] = F.rows[1]
        _ = update(&s, .attendeePageLoaded(query: page, rows: rows, total: 900), now: now)
        #expect(s.eventView?.selectedAttendee?.id == 2)
    }

    @Test func aRowLeavingTheFilteredViewIgnoresTheNextKeyFor500ms() {
        var s = F.eventView()
        _ = update(&s, .key(.char("f")), now: now)  // VIP
        _ = update(&s, .key(.char("f")), now: now)  // checked in
        _ = update(&s, .key(.char("f")), now: now)  // not checked in
        #expect(s.eventView?.filter == .notCheckedIn)
        let q = s.eventView!.pendingQuery!
        _ = update(&s, .attendeePageLoaded(query: q, rows: [F.rows[1], F.rows[2]], total: 2), now: now)
        // Ada (under the cursor before) is not in this view: the operator's filter starts at the top.
        _ = update(&s, .attendeeLocated(query: s.eventView!.query(offset: 0), attendeeId: 1, position: nil), now: now)
        #expect(s.keyGuardUntil == nil)
        #expect(s.eventView?.selectedAttendee?.name == "Alan Turing")
        _ = update(&s, .key(.char("c")), now: now)
        // Checked in: the reload no longer has Alan; the store says he is not in this view.
        let effects = reload(&s, rows: [F.rows[2]])
        #expect(effects.contains(.locateAttendee(s.eventView!.query(offset: 0), attendeeId: 2)))
        _ = update(&s, .attendeeLocated(query: s.eventView!.query(offset: 0), attendeeId: 2, position: nil), now: now)
        #expect(s.eventView?.selectedAttendee?.name == "Grace Hopper")
        #expect(update(&s, .key(.char("c")), now: now.addingTimeInterval(0.2)) == [], "the double press is ignored")
        #expect(update(&s, .key(.char("c")), now: now.addingTimeInterval(0.45)) == [])
        #expect(update(&s, .key(.char("c")), now: now.addingTimeInterval(0.6)) == [.checkIn(attendeeId: 3, .checkIn)])
    }

    @Test func aFilterChangeKeepsThePersonWhenStillShown() {
        var s = view()
        _ = update(&s, .key(.char("f")), now: now)
        _ = update(&s, .key(.char("f")), now: now)
        _ = update(&s, .key(.char("f")), now: now)  // not checked in: Grace, then Alan
        let q = s.eventView!.pendingQuery!
        _ = update(&s, .attendeePageLoaded(query: q, rows: [F.rows[2], F.rows[1]], total: 2), now: now)
        #expect(s.eventView?.selectedAttendee?.name == "Alan Turing")
    }

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() {
        var s = view()
        _ = update(&s, .resized(Size(width: 60, height: 20)), now: now)
        #expect(update(&s, .key(.char("c")), now: now) == [])
        #expect(update(&s, .key(.enter), now: now) == [])
        #expect(update(&s, .scanned("BC3"), now: now) == [])
        #expect(s.screen == .eventView(eventId: 1))
        _ = update(&s, .resized(Size(width: 80, height: 24)), now: now)
        #expect(update(&s, .key(.char("c")), now: now) == [.checkIn(attendeeId: 2, .checkIn)])
    }
}

/// SPEC §10: station mode is a lock.
@Suite struct StationLockTests {
    func station() -> AppState {
        var s = F.eventView()
        s.members = [MemberSummary(name: "root", role: .admin), MemberSummary(name: "sam", role: .staff)]
        _ = update(&s, .key(.char("L")), now: F.now)
        #expect(s.stationMode)
        return s
    }

    @Test(arguments: [Key.char("q"), Key.ctrl("c")])
    func quittingAsksForAnAdminPIN(key: Key) {
        var s = station()
        #expect(update(&s, .key(key), now: F.now) == [])
        #expect(s.pinPrompt?.then == .quit)
        #expect(F.text(s).contains("Quit (station mode)"))
        for c in "1234" { _ = update(&s, .key(.char(c)), now: F.now) }
        #expect(update(&s, .key(.enter), now: F.now) == [.verifyPIN(name: nil, pin: .pin("1234"), purpose: .leaveStationMode)])
        let done = update(&s, .pinVerified(name: "root", role: .admin, purpose: .leaveStationMode), now: F.now)
        #expect(done.last == .quit)
    }

    @Test func aWrongPINNeverQuits() {
        var s = station()
        _ = update(&s, .key(.char("q")), now: F.now)
        for c in "9999" { _ = update(&s, .key(.char(c)), now: F.now) }
        _ = update(&s, .key(.enter), now: F.now)
        #expect(!update(&s, .pinRejected(name: nil, purpose: .leaveStationMode), now: F.now).contains(.quit))
        #expect(s.stationMode)
    }

    @Test func leavingTheEventAsksForAnAdminPINAndStaysInStationMode() {
        var s = station()
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.screen == .eventView(eventId: 1) && s.pinPrompt?.then == .leaveEvent)
        _ = update(&s, .key(.escape), now: F.now)  // cancel
        #expect(s.pinPrompt == nil && s.screen == .eventView(eventId: 1))
        _ = update(&s, .key(.escape), now: F.now)
        for c in "1234" { _ = update(&s, .key(.char(c)), now: F.now) }
        _ = update(&s, .key(.enter), now: F.now)
        _ = update(&s, .pinVerified(name: "root", role: .admin, purpose: .leaveStationMode), now: F.now)
        #expect(s.screen == .dashboard && s.stationMode)
    }

    @Test func scanModeEscReturnsToTheTableWithoutAPIN() {
        var s = station()
        _ = update(&s, .key(.char("s")), now: F.now)
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.screen == .eventView(eventId: 1) && s.pinPrompt == nil)
        _ = update(&s, .key(.char("s")), now: F.now)
        _ = update(&s, .key(.ctrl("c")), now: F.now)
        #expect(s.pinPrompt?.then == .quit)
    }
}
