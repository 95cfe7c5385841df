import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Shared kiosk states (`badge kiosk EVENT`, SPEC §13).
enum K {
    static let ada = F.attendee(1, "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines",
                                ticket: "VIP")
    static let alan = F.attendee(2, "Alan Turing", email: "alan@example.org", company: "Bletchley Park")

    static func kiosk(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = AppState.start(members: St.members, size: size)
        _ = update(&s, .eventsLoaded([EventSummary(event: F.summit, stats: F.stats)]), now: F.now)
        _ = s.startKiosk(F.summit, now: F.now)
        return s
    }

    /// Ada scanned her ticket and her registration was found: the confirm screen.
    static func confirm(size: Size = Size(width: 80, height: 24), at: Date = F.now) -> AppState {
        var s = kiosk(size: size)
        _ = update(&s, .scanned("BC1"), now: at)
        _ = update(&s, .scanLookedUp(code: "BC1", .found(ada, lastCheckIn: nil)), now: at)
        return s
    }

    /// The typed lookup filled in (not yet submitted).
    static func typed(_ lastName: String, _ email: String, size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = kiosk(size: size)
        _ = update(&s, .key(.enter), now: F.now)
        St.type(&s, lastName)
        _ = update(&s, .key(.tab), now: F.now)
        St.type(&s, email)
        return s
    }

    static func text(_ s: AppState, at: Date = F.now) -> String { render(s, size: s.size, now: at).text }
}

@Suite struct KioskFlowTests {
    @Test func opensOnTheWelcomeScreenLockedAsTheKioskOperator() {
        let s = K.kiosk()
        #expect(s.screen == .kiosk(eventId: 1))
        #expect(s.stationMode)
        #expect(s.effectiveRole == .staff)
        #expect(s.operatorName == "kiosk")
        let text = K.text(s)
        #expect(text.contains("Welcome to Tech Summit 2026"))
        #expect(text.contains("Scan the barcode or QR code on your ticket"))
    }

    @Test func scanConfirmCheckInAndPrint() {
        var s = K.kiosk()
        let lookup = update(&s, .scanned("BC1"), now: F.now)
        #expect(lookup == [.lookupScan(eventId: 1, code: "BC1")])
        #expect(K.text(s).contains("Looking up your registration"))
        _ = update(&s, .scanLookedUp(code: "BC1", .found(K.ada, lastCheckIn: nil)), now: F.now)
        var text = K.text(s)
        #expect(text.contains("Is this you?"))
        #expect(text.contains("Ada Lovelace"))
        #expect(text.contains("VIP"))
        #expect(text.contains("Analytical Engines"))
        #expect(text.contains("a•••@example.com"))
        #expect(!text.contains("ada@example.com"))
        #expect(text.contains("[Enter] Print my badge & check in"))

        let checkIn = update(&s, .key(.enter), now: F.now)
        #expect(checkIn == [.checkIn(attendeeId: 1, .checkIn)])
        #expect(K.text(s).contains("Checking you in"))
        var inNow = K.ada
        inNow.checkedInAt = F.now
        let record = CheckInRecord(attendeeId: 1, at: F.now, action: .checkIn, operatorName: "kiosk", station: "kiosk")
        let after = update(&s, .checkInRecorded(attendeeId: 1, .recorded(inNow, record)), now: F.now)
        #expect(after.contains(.printBadge(attendeeId: 1)))
        text = K.text(s)
        #expect(text.contains("✔ You are checked in — welcome, Ada!"))
        #expect(text.contains("Printing your badge…"))
        _ = update(&s, .printed(attendeeId: 1, template: "Default", delivery: PrintDelivery(.printer(queue: "Zebra"))), now: F.now)
        text = K.text(s)
        #expect(text.contains("Printed on Zebra"))
        // The toast line stays empty on the kiosk: it says everything on its own screen.
        #expect(!text.contains("(Default)"))
    }

    @Test func aFailedPrintSaysTheCheckInIsRecorded() {
        var s = K.confirm()
        _ = update(&s, .key(.enter), now: F.now)
        var inNow = K.ada
        inNow.checkedInAt = F.now
        _ = update(&s, .checkInRecorded(attendeeId: 1, .recorded(inNow, CheckInRecord(
            attendeeId: 1, at: F.now, action: .checkIn, operatorName: "kiosk", station: "kiosk"))), now: F.now)
        _ = update(&s, .printFailed(attendeeId: 1, reason: "lp: no such queue"), now: F.now)
        #expect(K.text(s).contains("✖ Your badge could not be printed — you ARE checked in"))
    }

    @Test func scannedTicketsThatCannotBeCheckedInHereSendToTheDesk() {
        var checked = K.ada
        checked.checkedInAt = F.at(9, 12)
        var cancelled = K.ada
        cancelled.status = .notAttending
        let cases: [(ScanLookup, String)] = [
            (.unknown, "We could not find your registration"),
            (.otherEvent(eventName: "Swift Meetup"), "This ticket is for another event"),
            (.found(checked, lastCheckIn: nil), "This ticket is already checked in"),
            (.found(cancelled, lastCheckIn: nil), "This ticket cannot be checked in here"),
        ]
        for (lookup, headline) in cases {
            var s = K.kiosk()
            _ = update(&s, .scanned("BC1"), now: F.now)
            _ = update(&s, .scanLookedUp(code: "BC1", lookup), now: F.now)
            let text = K.text(s)
            #expect(text.contains(headline))
            #expect(text.contains("Please ask at the desk"))
            // No one's data: not the name, not the other event's name.
            #expect(!text.contains("Ada"))
            #expect(!text.contains("Swift Meetup"))
            #expect(update(&s, .key(.enter), now: F.now).isEmpty)
            #expect(s.kiosk?.phase == .welcome)
        }
    }

    @Test func typedLookupMatchesOnePerson() {
        var s = K.typed("Lovelace", "ADA@example.com ")
        let text = K.text(s)
        #expect(text.contains("Last name   Lovelace"))
        #expect(text.contains("ADA@example.com"))  // what the person is typing, on their own screen
        let effects = update(&s, .key(.enter), now: F.now)
        #expect(effects == [.kioskLookup(eventId: 1, lastName: "Lovelace", email: "ADA@example.com ")])
        _ = update(&s, .kioskLookedUp(lastName: "Lovelace", email: "ADA@example.com ", .found(K.ada)), now: F.now)
        #expect(K.text(s).contains("Is this you?"))
        #expect(K.text(s).contains("Ada Lovelace"))
        // The typed fields are gone once used.
        #expect(s.kiosk?.email == "")
        #expect(!K.text(s).contains("ADA@example.com"))
    }

    @Test func typedLookupWithoutOneMatchSendsToTheDeskAndListsNoOne() {
        for (lookup, headline) in [(KioskLookup.noMatch, "We could not find your registration"),
                                   (.ambiguous, "We could not tell your registration apart")] {
            var s = K.typed("Lovelace", "ada@example.com")
            _ = update(&s, .key(.enter), now: F.now)
            _ = update(&s, .kioskLookedUp(lastName: "Lovelace", email: "ada@example.com", lookup), now: F.now)
            let text = K.text(s)
            #expect(text.contains(headline))
            #expect(text.contains("Please ask at the desk"))
            #expect(!text.contains("Lovelace"))
            #expect(!text.contains("example.com"))
        }
    }

    @Test func enterOnTheLastNameGoesToTheEmailAndAnEmptyFieldNeverLooksUp() {
        var s = K.kiosk()
        _ = update(&s, .key(.enter), now: F.now)
        St.type(&s, "Lovelace")
        #expect(update(&s, .key(.enter), now: F.now).isEmpty)
        #expect(s.kiosk?.field == .email)
        #expect(update(&s, .key(.enter), now: F.now).isEmpty)  // no email yet
        St.type(&s, "qa@x.io")  // 'q' is a letter here, not "close"
        #expect(s.pinPrompt == nil)
        #expect(s.kiosk?.email == "qa@x.io")
        _ = update(&s, .key(.backspace), now: F.now)
        #expect(s.kiosk?.email == "qa@x.i")
        _ = update(&s, .key(.escape), now: F.now)
        #expect(s.kiosk?.isAtRest == true)
    }

    @Test func aLateReplyForAnEarlierLookupIsDropped() {
        var s = K.typed("Lovelace", "ada@example.com")
        _ = update(&s, .key(.enter), now: F.now)
        _ = update(&s, .key(.escape), now: F.now)
        _ = update(&s, .kioskLookedUp(lastName: "Lovelace", email: "ada@example.com", .found(K.ada)), now: F.now)
        #expect(s.kiosk?.phase == .welcome)
        _ = update(&s, .scanned("BC2"), now: F.now)
        _ = update(&s, .scanLookedUp(code: "BC1", .found(K.ada, lastCheckIn: nil)), now: F.now)
        #expect(!K.text(s).contains("Ada"))
    }

    @Test func idleResetAfterTwentySeconds() {
        var s = K.confirm()
        _ = update(&s, .tick, now: F.now.addingTimeInterval(19))
        #expect(K.text(s, at: F.now.addingTimeInterval(19)).contains("Starting over in 1 s"))
        #expect(K.text(s, at: F.now.addingTimeInterval(19)).contains("Ada Lovelace"))
        _ = update(&s, .tick, now: F.now.addingTimeInterval(20))
        let text = K.text(s, at: F.now.addingTimeInterval(20))
        #expect(s.kiosk?.isAtRest == true)
        #expect(text.contains("Welcome to Tech Summit 2026"))
        #expect(!text.contains("Ada"))
        #expect(!text.contains("example.com"))
    }

    @Test func aKeyKeepsTheKioskAwakeAndHalfTypedFieldsAreClearedWhenIdle() {
        var s = K.typed("Love", "")
        _ = update(&s, .key(.char("l")), now: F.now.addingTimeInterval(15))
        _ = update(&s, .tick, now: F.now.addingTimeInterval(30))
        #expect(s.kiosk?.email == "l")
        _ = update(&s, .tick, now: F.now.addingTimeInterval(35))
        #expect(s.kiosk?.isAtRest == true)
        #expect(s.kiosk?.lastName == "")
    }

    @Test func leavingNeedsAnAdminPIN() {
        for key in [Key.char("q"), .escape, .ctrl("c")] {
            var s = K.kiosk()
            let effects = update(&s, .key(key), now: F.now)
            #expect(!effects.contains(.quit))
            #expect(s.pinPrompt?.then == .leaveKiosk)
            #expect(K.text(s).contains("Close the kiosk"))
            St.type(&s, St.pin)
            let verify = update(&s, .key(.enter), now: F.now)
            #expect(verify == [.verifyPIN(name: nil, pin: .pin(St.pin), purpose: .leaveStationMode)])
            let rejected = update(&s, .pinRejected(name: nil, purpose: .leaveStationMode), now: F.now)
            #expect(!rejected.contains(.quit))
            #expect(s.screen == .kiosk(eventId: 1))
            St.type(&s, St.pin)
            _ = update(&s, .key(.enter), now: F.now)
            let quit = update(&s, .pinVerified(name: "ada", role: .admin, purpose: .leaveStationMode), now: F.now)
            #expect(quit.contains(.quit))
        }
    }

    @Test func aStaffPINDoesNotCloseTheKiosk() {
        var s = K.kiosk()
        _ = update(&s, .key(.ctrl("c")), now: F.now)
        St.type(&s, St.pin)
        _ = update(&s, .key(.enter), now: F.now)
        let effects = update(&s, .pinVerified(name: "bob", role: .staff, purpose: .leaveStationMode), now: F.now)
        #expect(!effects.contains(.quit))
    }

    @Test func ctrlCOnAResultAsksForThePINAndTheIdleResetClosesThePrompt() {
        var s = K.confirm()
        _ = update(&s, .key(.ctrl("c")), now: F.now)
        #expect(s.pinPrompt?.then == .leaveKiosk)
        _ = update(&s, .tick, now: F.now.addingTimeInterval(20))
        #expect(s.pinPrompt == nil)
        #expect(s.kiosk?.isAtRest == true)
    }

    @Test func aNewScanReplacesThePersonOnScreen() {
        var s = K.confirm()
        _ = update(&s, .scanned("BC2"), now: F.now.addingTimeInterval(1))
        #expect(!K.text(s).contains("Ada"))
        _ = update(&s, .scanLookedUp(code: "BC2", .found(K.alan, lastCheckIn: nil)), now: F.now.addingTimeInterval(1))
        let text = K.text(s)
        #expect(text.contains("Alan Turing"))
        #expect(!text.contains("Ada"))
        #expect(!text.contains("Lovelace"))
    }

    @Test func theKioskKeysAreInTheOneKeyTableAndHelp() {
        let contexts = Set(KeyBindings.all.map(\.context))
        #expect(contexts.isSuperset(of: [.kioskWelcome, .kioskForm, .kioskResult]))
        var admin = F.dashboard()
        _ = update(&admin, .key(.char("?")), now: F.now)
        let help = KeyBindings.helpSections(for: admin).map(\.context)
        #expect(help.contains(.kioskWelcome))
        let footer = KeyBindings.footer(for: K.kiosk()).map(\.title)
        #expect(footer == ["Find me by last name and email", "Staff: close"])
    }
}

@Suite struct KioskMatchTests {
    let ada = F.attendee(1, "Ada Lovelace", email: "Ada@Example.com")
    let jose = Attendee(id: 5, eventId: 1, providerAttendeeId: "p5", name: "José Ñúñez", firstName: "José",
                        lastName: "Ñúñez", email: "jose@example.com")

    @Test func bothMustMatch() {
        #expect(KioskMatch.match([ada], lastName: "lovelace", email: " ada@example.com ") == .found(ada))
        #expect(KioskMatch.match([ada], lastName: "Byron", email: "ada@example.com") == .noMatch)
        #expect(KioskMatch.match([ada], lastName: "Lovelace", email: "ada@example.org") == .noMatch)
        #expect(KioskMatch.match([ada], lastName: "Lovelace", email: "") == .noMatch)
        #expect(KioskMatch.match([ada], lastName: "", email: "ada@example.com") == .noMatch)
        // A substring is not a match.
        #expect(KioskMatch.match([ada], lastName: "Love", email: "ada@example.com") == .noMatch)
    }

    @Test func accentsAndCaseDoNotMatter() {
        #expect(KioskMatch.match([jose], lastName: "nunez", email: "JOSE@example.com") == .found(jose))
    }

    @Test func twoRegistrationsWithTheSameLastNameAndEmailAreAmbiguous() {
        var twin = ada
        twin.id = 9
        twin.name = "Byron Lovelace"
        #expect(KioskMatch.match([ada, twin], lastName: "Lovelace", email: "ada@example.com") == .ambiguous)
    }
}

@Suite struct EmailMaskTests {
    @Test func keepsTheFirstCharacterAndTheDomain() {
        #expect(EmailMask.mask("jane.doe@example.com") == "j•••@example.com")
        #expect(EmailMask.mask("@example.com") == "•••@example.com")
        #expect(EmailMask.mask("not-an-email") == "•••")
        #expect(EmailMask.mask("") == "")
    }

    @Test func stationModeMasksTheTableAndTheCardUnlessConfiguredOff() {
        let wide = Size(width: 120, height: 40)
        var s = St.station(size: wide)
        var text = F.text(s)
        #expect(text.contains("a•••@example.com"))
        #expect(!text.contains("ada@example.com"))
        #expect(!text.contains("alan@example.org"))
        s.maskEmails = false
        text = F.text(s)
        #expect(text.contains("ada@example.com"))
        let open = F.eventView(size: wide)
        #expect(F.text(open).contains("ada@example.com"))

        var card = St.station(size: wide)
        _ = update(&card, .key(.enter), now: F.now)
        _ = update(&card, .cardLoaded(F.rows[0], history: [], prints: []), now: F.now)
        text = F.text(card)
        #expect(text.contains("a•••@example.com"))
        #expect(!text.contains("ada@example.com"))
    }
}
