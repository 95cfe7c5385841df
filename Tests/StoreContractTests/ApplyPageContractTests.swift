import BadgeCore
import Foundation
import Storage
import Testing

/// `applyPage` / `mergePage` / `markMissing` / `missingCount` (SPEC §2.4) on every store.
@Suite struct ApplyPageContractTests {
    typealias F = ContractFixtures

    static func label(_ change: AttendeeMerge.Change) -> String {
        switch change {
        case .added: return "added"
        case .updated: return "updated"
        case .cancelled: return "cancelled"
        case .unchanged: return "unchanged"
        }
    }

    private func row(_ store: any BadgeStore, _ event: Event, _ n: Int) throws -> Attendee {
        try #require(try store.attendee(eventId: event.id, providerAttendeeId: "A\(n)"))
    }

    @Test(arguments: StoreKind.allCases)
    func newRowsAreAddedAndReapplyingIsIdempotent(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let page = (0..<50).map { n in
            var p = F.person(n, checkedInAt: n == 3 ? F.at(0.0004) : nil)
            p.extraTickets = n % 4
            return p
        }
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0) == SyncCounts(added: 50))
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
            == SyncCounts(unchanged: 50))
        let merges = try store.mergePage(eventId: event.id, attendees: page, checkpoint: nil, now: F.at(5))
        #expect(merges.map(\.providerAttendeeId) == page.map(\.providerAttendeeId), "in page order")
        #expect(merges.allSatisfy { $0.change == .unchanged })
        let three = try row(store, event, 3)
        #expect(three.checkInSource == .provider && three.checkedInAt == F.t0 && three.providerCheckedInAt == F.t0)
        let one = try row(store, event, 1)
        #expect(one.eventId == event.id && one.id > 0)
        #expect(one.email == "p1@example.com" && one.company == "Odd Ltd" && one.ticketName == "General")
        #expect(one.jobTitle == "Engineer" && one.orderId == "O0" && one.barcode == "BC1")
        #expect(one.firstName == "Person" && one.lastName == "1" && one.providerStatus == "Attending")
        #expect(one.providerChangedAt == F.t0 && one.status == .attending && !one.vip && one.printCount == 0)
        #expect(!one.missingFromProvider && one.checkedInAt == nil && one.lastLocalActionAt == nil)
        let seven = try row(store, event, 7)
        #expect(one.extraTickets == 1 && seven.extraTickets == 3)
        #expect(try store.attendee(id: one.id) == one)
        #expect(try store.attendee(eventId: event.id, barcode: "BC1") == one)
    }

    @Test(arguments: StoreKind.allCases)
    func mergePageTellsWhatHappenedToEachAttendee(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1), F.person(2), F.person(3)], checkpoint: nil,
                                now: F.t0)
        var edited = F.person(2)
        edited.email = "two@example.com"
        let merges = try store.mergePage(eventId: event.id,
                                         attendees: [F.person(4), edited, F.person(3, status: .notAttending), F.person(1)],
                                         checkpoint: nil, now: F.t0)
        #expect(merges.map(\.providerAttendeeId) == ["A4", "A2", "A3", "A1"])
        #expect(merges.map { Self.label($0.change) } == ["added", "updated", "cancelled", "unchanged"])
        guard case .updated(let fields) = merges[1].change else { return }
        #expect(fields == [.email])
    }

    @Test(arguments: StoreKind.allCases)
    func providerEditsUpdateInPlaceKeepingVIPAndLocalCheckIn(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "desk1", at: F.at(60))
        try store.recordPrint(PrintRecord(attendeeId: id, at: F.t0, templateName: "Default", output: "a.pdf",
                                          operatorName: "ada"))
        var edited = F.person(1)
        edited.name = "Person One"
        edited.company = "New Co"
        #expect(try store.applyPage(eventId: event.id, attendees: [edited], checkpoint: nil, now: F.t0)
            == SyncCounts(updated: 1))
        let after = try row(store, event, 1)
        #expect(after.id == id && after.name == "Person One" && after.company == "New Co")
        #expect(after.vip && after.printCount == 1)
        #expect(after.checkInSource == .local && after.checkedInAt == F.at(60))
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "new co")) == 1)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "odd")) == 0)
        // A provider check-in later than the local one does not replace it.
        #expect(try store.applyPage(eventId: event.id, attendees: [{ var p = edited; p.checkedInAt = F.at(90); return p }()],
                                    checkpoint: nil, now: F.t0).cancelled == 0)
        let later = try row(store, event, 1)
        #expect(later.checkedInAt == F.at(60) && later.checkInSource == .local)
    }

    @Test(arguments: StoreKind.allCases)
    func providerCheckInIsTakenForAnAttendeeNotCheckedInHere(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        #expect(try store.applyPage(eventId: event.id, attendees: [F.person(1, checkedInAt: F.at(30))], checkpoint: nil,
                                    now: F.t0) == SyncCounts(updated: 1))
        let a = try row(store, event, 1)
        #expect(a.checkedInAt == F.at(30) && a.checkInSource == .provider && a.providerCheckedInAt == F.at(30))
        #expect(try store.checkInHistory(attendeeId: a.id).isEmpty, "a provider check-in is not a desk's record")
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .checkedIn)) == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func cancellationIsCountedAndKeepsHistory(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1), F.person(2)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        try store.setVIP(attendeeId: id, true, operatorName: "ada", at: F.t0)
        _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ada", station: "d", at: F.t0)
        let counts = try store.applyPage(eventId: event.id, attendees: [F.person(1, status: .notAttending), F.person(2)],
                                         checkpoint: nil, now: F.t0)
        #expect(counts == SyncCounts(cancelled: 1, unchanged: 1))
        let after = try row(store, event, 1)
        #expect(after.status == .notAttending && after.vip && after.checkedInAt != nil)
        #expect(after.providerStatus == "Cancelled")
        #expect(try store.checkInHistory(attendeeId: id).count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func duplicatesWithinOnePageMerge(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        var later = F.person(1)
        later.email = "new@example.com"
        var last = F.person(1)
        last.email = "last@example.com"
        let merges = try store.mergePage(eventId: event.id, attendees: [F.person(1), later, F.person(2), last],
                                         checkpoint: nil, now: F.t0)
        #expect(merges.map { Self.label($0.change) } == ["added", "updated", "added", "updated"])
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 2)
        let one = try row(store, event, 1)
        #expect(one.email == "last@example.com")
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "last@")).map(\.id) == [one.id])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "new@")).isEmpty)
        // An existing row edited twice in one page.
        var again = F.person(2)
        again.company = "First"
        var again2 = F.person(2)
        again2.company = "Second"
        #expect(try store.applyPage(eventId: event.id, attendees: [again, again2], checkpoint: nil, now: F.t0)
            == SyncCounts(updated: 2))
        #expect(try row(store, event, 2).company == "Second")
    }

    @Test(arguments: StoreKind.allCases)
    func theSameProviderIdInAnotherEventIsAnotherAttendee(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        let other = try store.createEvent(F.event("E2"))
        #expect(try store.applyPage(eventId: other.id, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
            == SyncCounts(added: 1))
        let a = try row(store, event, 1)
        let b = try row(store, other, 1)
        #expect(a.id != b.id && b.eventId == other.id)
        #expect(try store.attendee(eventId: other.id, barcode: "BC1")?.id == b.id)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func localUndoIsNotResurrectedByProviderCheckIn(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let providerAt = F.at(10)
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(1, checkedInAt: providerAt)], checkpoint: nil, now: F.t0)
        let id = try row(store, event, 1).id
        guard case .recorded(let undone, _) = try store.checkIn(attendeeId: id, action: .undo, operatorName: "ada",
                                                                 station: "d", at: F.at(20)) else {
            Issue.record("undo of a provider check-in should be recorded")
            return
        }
        #expect(undone.checkedInAt == nil && undone.lastLocalActionAt == F.at(20))
        #expect(try store.applyPage(eventId: event.id, attendees: [F.person(1, checkedInAt: providerAt)],
                                    checkpoint: nil, now: F.t0) == SyncCounts(unchanged: 1))
        #expect(try row(store, event, 1).checkedInAt == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func markMissingFlipsUnseenRowsOnce(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...4).map { F.person($0) } + [F.person(5, status: .notAttending)],
                                checkpoint: nil, now: F.t0)
        let id3 = try row(store, event, 3).id
        try store.setVIP(attendeeId: id3, true, operatorName: "ada", at: F.t0)
        let counted = try store.missingCount(eventId: event.id, seen: ["A1", "A2"])
        #expect(counted.missing == 2 && counted.attending == 4)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, filter: .notAttending)) == 1, "count wrote nothing")
        #expect(try store.markMissing(eventId: event.id, seen: ["A1", "A2"], now: F.t0) == 2, "A5 was not attending")
        let three = try row(store, event, 3)
        #expect(three.status == .notAttending && three.missingFromProvider && three.vip)
        #expect(try row(store, event, 5).missingFromProvider)
        #expect(!(try row(store, event, 1).missingFromProvider))
        let again = try store.missingCount(eventId: event.id, seen: ["A1", "A2"])
        #expect(again.missing == 0 && again.attending == 2)
        #expect(try store.markMissing(eventId: event.id, seen: ["A1", "A2"], now: F.t0) == 0)
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id)) == 5, "never deleted")
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, filter: .notAttending)).map(\.providerAttendeeId)
            .sorted() == ["A3", "A4", "A5"])
        _ = try store.applyPage(eventId: event.id, attendees: [F.person(3)], checkpoint: nil, now: F.t0)
        let back = try row(store, event, 3)
        #expect(back.status == .attending && !back.missingFromProvider && back.vip)
        let empty = try store.missingCount(eventId: event.id, seen: [])
        #expect(empty.missing == 3 && empty.attending == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func unicodeRoundTripsExactlyAndIsSearchable(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let names = ["山田 太郎", "Zoë 👩🏽‍💻 Ünïcødé", "שלום עליכם", "مرحبا بالعالم", "e\u{301}\u{302}le\u{300}ve",
                     "Ελένη Παπαδοπούλου", "Наталья Иванова", String(repeating: "長い名前", count: 5000)]
        let page = names.enumerated().map { n, name in
            var p = F.person(n)
            p.name = name
            p.company = "会社 \(n) 🏢"
            return p
        }
        _ = try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
        for (n, name) in names.enumerated() {
            let a = try row(store, event, n)
            #expect(a.name.unicodeScalars.elementsEqual(name.unicodeScalars), "byte-exact, not normalised")
            #expect(a.company == "会社 \(n) 🏢")
        }
        func found(_ search: String) throws -> [String] {
            try store.attendees(AttendeeQuery(eventId: event.id, search: search)).map(\.name)
        }
        #expect(try found("山田") == ["山田 太郎"])
        #expect(try found("zoe") == [names[1]])
        #expect(try found("ZOË ünïc") == [names[1]], "case and accents fold, every term must match")
        #expect(try found("太郎") == ["山田 太郎"])
        #expect(try found("ELEVE") == [names[4]])
        #expect(try found("עליכם") == [names[2]])
        #expect(try found("наталья") == [names[6]])
        #expect(try found("👩🏽‍💻") == [names[1]])
    }

    @Test(arguments: StoreKind.allCases)
    func aNULInProviderTextKeepsWhatFollowsIt(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        var p = F.person(1)
        p.name = "Nul\u{0}Byte Person"
        p.company = "\u{0}Lead"
        _ = try store.applyPage(eventId: event.id, attendees: [p], checkpoint: nil, now: F.t0)
        let a = try row(store, event, 1)
        #expect(a.name.hasPrefix("Nul") && a.name.hasSuffix("Byte Person"), "\(a.name.debugDescription)")
        #expect(a.company?.hasSuffix("Lead") == true)
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "byte person")).map(\.id) == [a.id])
        #expect(try store.applyPage(eventId: event.id, attendees: [p], checkpoint: nil, now: F.t0) == SyncCounts(unchanged: 1),
                "re-applying the page changes nothing")
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyPageSavesItsCheckpointAndAPageForNoEventIsRefused(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let checkpoint = ImportCheckpoint(eventId: event.id, cursor: "end", pagesDone: 1, attendeesSoFar: 0,
                                          startedAt: F.t0, updatedAt: F.t0)
        #expect(try store.applyPage(eventId: event.id, attendees: [], checkpoint: checkpoint, now: F.t0) == SyncCounts())
        #expect(try store.importCheckpoint(eventId: event.id) == checkpoint)
        #expect {
            try store.applyPage(eventId: 999, attendees: [F.person(1)], checkpoint: nil, now: F.t0)
        } throws: { ($0 as? StorageError)?.isConstraintViolation == true }
        #expect {
            try store.saveTemplate(BadgeTemplate(eventId: 999, name: "Default", layout: "x"))
        } throws: { ($0 as? StorageError)?.isConstraintViolation == true }
        #expect(try store.markMissing(eventId: 999, seen: [], now: F.t0) == 0)
        let none = try store.missingCount(eventId: 999, seen: [])
        #expect(none.missing == 0 && none.attending == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func awkwardTextRoundTripsExactly(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let texts = ["NULL", "null", "\"quoted\"", "back\\slash\\", "{brace}", "a,b", "'single'", "  padded  ",
                     "line\nbreak", "tab\there", "$1", "%_", "\u{FFFD}", "🏳️‍🌈", ""]
        let page = texts.enumerated().map { n, text in
            var p = F.person(n)
            p.name = text
            p.company = text
            p.email = n % 2 == 0 ? "" : nil
            p.ticketName = n % 3 == 0 ? nil : text
            return p
        }
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
            == SyncCounts(added: texts.count))
        for (n, text) in texts.enumerated() {
            let a = try row(store, event, n)
            #expect(a.name == text && a.company == text, "\(text.debugDescription)")
            #expect(a.email == (n % 2 == 0 ? "" : nil), "empty text and no text stay apart")
            #expect(a.ticketName == (n % 3 == 0 ? nil : text))
        }
        #expect(try store.applyPage(eventId: event.id, attendees: page, checkpoint: nil, now: F.t0)
            == SyncCounts(unchanged: texts.count))
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "\"quoted")).map(\.providerAttendeeId) == ["A2"])
        #expect(try store.attendees(AttendeeQuery(eventId: event.id, search: "back\\")).map(\.providerAttendeeId) == ["A3"])
        #expect(try store.attendeeCount(AttendeeQuery(eventId: event.id, search: "null")) == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func aLargePageInOneGoAndInSmallPagesAddsTheSame(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event) = try c.withEvent()
        let all = (0..<20_000).map { F.person($0) }
        #expect(try store.applyPage(eventId: event.id, attendees: all, checkpoint: nil, now: F.t0) == SyncCounts(added: 20_000))
        let other = try store.createEvent(F.event("E2"))
        var total = SyncCounts()
        for start in stride(from: 0, to: all.count, by: 500) {
            total += try store.applyPage(eventId: other.id, attendees: Array(all[start..<min(start + 500, all.count)]),
                                         checkpoint: nil, now: F.t0)
        }
        #expect(total == SyncCounts(added: 20_000))
        store.settleAfterBulkWrite()
        #expect(try store.applyPage(eventId: other.id, attendees: all, checkpoint: nil, now: F.t0)
            == SyncCounts(unchanged: 20_000))
        #expect(try store.attendeeCount(AttendeeQuery(eventId: other.id)) == 20_000)
        #expect(try store.attendee(eventId: other.id, barcode: "BC19999")?.name == "Person 19999")
        #expect(try store.attendeeCount(AttendeeQuery(eventId: other.id, search: "person 19999")) == 1)
        #expect(try store.markMissing(eventId: other.id, seen: Set(all.prefix(15_000).map(\.providerAttendeeId)), now: F.t0)
            == 5_000)
        #expect(try store.stats(eventId: other.id).notAttending == 5_000)
    }
}
