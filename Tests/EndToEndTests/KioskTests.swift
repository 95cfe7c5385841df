import BadgeCore
import Foundation
import Storage
import Testing
import TestSupport

/// `badge kiosk EVENT` (SPEC §13) in a real pseudo-terminal: a ticket scanned at scanner speed →
/// the person's own badge info → Enter prints and checks in → the welcome screen again after the
/// idle time; the typed lookup; closing needs an admin PIN.
@Suite(.serialized) struct KioskEndToEndTests {
    static func seed(at path: String) throws -> Int64 {
        let store = try SQLiteStore.open(path: path)
        let event = try store.createEvent(Event(provider: .eventbrite, externalId: "51660376577", name: "Kiosk Test",
                                                syncStatus: .active, accessCode: "KT1", lastSyncedAt: Date()))
        let rows = [
            ProviderAttendee(providerAttendeeId: "A1", orderId: "O1", name: "Ada Lovelace", firstName: "Ada",
                             lastName: "Lovelace", email: "ada@example.com", company: "Analytical Engines",
                             ticketName: "General", barcode: "31010000007331015000001001", status: .attending,
                             providerStatus: "Attending"),
            ProviderAttendee(providerAttendeeId: "A2", orderId: "O2", name: "Alan Turing", firstName: "Alan",
                             lastName: "Turing", email: "alan@example.org", company: "Bletchley Park",
                             ticketName: "General", barcode: "31010000007331015000002001", status: .attending,
                             providerStatus: "Attending"),
        ]
        _ = try store.applyPage(eventId: event.id, attendees: rows, checkpoint: nil, now: Date())
        return event.id
    }

    @Test func refusesToStartWithoutAnAdminMember() throws {
        let home = try BadgeProcess()
        defer { home.cleanUp() }
        let db = home.path("kiosk.sqlite")
        let id = try Self.seed(at: db)
        let result = try home.run(["kiosk", "\(id)", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the kiosk needs an admin member"))
    }

    @Test func scanPrintIdleResetTypedLookupAndAdminPINToClose() throws {
        let home = try BadgeProcess()
        defer { home.cleanUp() }
        let db = home.path("kiosk.sqlite")
        let id = try Self.seed(at: db)
        #expect(try home.run(["members", "add", "ann", "--role", "admin", "--pin-stdin", "--db", db],
                             stdin: "2468\n").status == 0)
        let tty = try PseudoTerminal(badge: BadgeProcess.executable, args: ["kiosk", "\(id)", "--idle", "3", "--db", db],
                                     environment: home.environment)
        defer { _ = tty.waitForExit(timeout: 1) }
        let store = try SQLiteStore.open(path: db)

        #expect(tty.waitFor("Welcome to Kiosk Test"), "the welcome screen shows")
        var offset = tty.byteCount
        _ = tty.scan("31010000007331015000001001", gapMs: 5)
        #expect(tty.waitFor("Is this you?", after: offset), "the scanned person's badge info shows")
        #expect(tty.waitFor("a•••@example.com", after: offset), "the email is masked")
        #expect(!tty.text(after: offset).contains("Alan"), "no one else's data")
        #expect(!tty.text(after: offset).contains("ada@example.com"))
        usleep(300_000)
        offset = tty.byteCount
        tty.send([0x0D])
        #expect(tty.waitFor("You are checked in", after: offset), "Enter checks in")
        #expect(tty.waitFor("Saved PDF", after: offset), "and the badge is printed")
        let ada = try #require(try store.attendee(eventId: id, providerAttendeeId: "A1"))
        #expect(ada.isCheckedIn)
        #expect(try store.prints(attendeeId: ada.id).count == 1)
        #expect(try store.checkInHistory(attendeeId: ada.id).last?.operatorName == "kiosk")

        // Nothing pressed for the idle time: the welcome screen, Ada gone.
        offset = tty.byteCount
        #expect(tty.waitFor("Welcome to Kiosk Test", after: offset, timeout: 15), "idle reset to the welcome screen")

        // The typed lookup: last name and email of one person.
        usleep(300_000)
        offset = tty.byteCount
        tty.send([0x0D])
        #expect(tty.waitFor("Find your registration", after: offset))
        for c in "Turing\talan@example.org\r".utf8 {
            tty.send([c])
            usleep(120_000)
        }
        #expect(tty.waitFor("Is this you?", after: offset), "last name + email found Alan")
        #expect(tty.waitFor("Bletchley Park", after: offset))
        usleep(300_000)
        tty.send([0x1B])  // not me: start over, nothing recorded
        usleep(300_000)
        let alan = try #require(try store.attendee(eventId: id, providerAttendeeId: "A2"))
        #expect(!alan.isCheckedIn)

        // Closing needs an admin PIN: q alone does not quit.
        offset = tty.byteCount
        tty.send(Array("q".utf8))
        #expect(tty.waitFor("Close the kiosk", after: offset), "q asks for the admin PIN")
        for c in "2468\r".utf8 {
            tty.send([c])
            usleep(120_000)
        }
        #expect(tty.waitForExit(timeout: 10) == 0, "an admin PIN closes the kiosk")
    }
}
