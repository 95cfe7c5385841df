import Testing
import BadgeCore

@Suite struct AttendeeSearchTests {
    let ada = Attendee(eventId: 1, providerAttendeeId: "1", name: "José Müller", email: "jose@example.com",
                       company: "Acme GmbH", ticketName: "Speaker", barcode: "998877")

    @Test func matchesEveryFieldCaseAndAccentInsensitively() {
        #expect(AttendeeSearch.matches(ada, query: "jose"))
        #expect(AttendeeSearch.matches(ada, query: "MULLER"))
        #expect(AttendeeSearch.matches(ada, query: "example.com"))
        #expect(AttendeeSearch.matches(ada, query: "acme"))
        #expect(AttendeeSearch.matches(ada, query: "speak"))
        #expect(AttendeeSearch.matches(ada, query: "9988"))
        #expect(!AttendeeSearch.matches(ada, query: "student"))
    }

    /// The stored search text is each field normalised, one per line, in a fixed order; a row
    /// written by one build must be found by the next.
    @Test func haystackIsEveryFieldNormalisedOnePerLine() {
        #expect(AttendeeSearch.haystack(ada) == "josé müller\njose@example.com\nacme gmbh\nspeaker\n998877"
            .folding(options: .diacriticInsensitive, locale: nil))
        let bare = Attendee(eventId: 1, providerAttendeeId: "9", name: "ADA")
        #expect(AttendeeSearch.haystack(bare) == "ada\n\n\n\n")
        let mixed = Attendee(eventId: 1, providerAttendeeId: "8", name: "Ｔａｒｏ 山田", email: "T@X.IO",
                             company: "Ünïcode\u{1B}[31m", ticketName: "VIP", barcode: "AbC")
        let expected = [mixed.name, mixed.email!, mixed.company!, mixed.ticketName!, mixed.barcode!]
            .map(AttendeeSearch.normalize).joined(separator: "\n")
        #expect(AttendeeSearch.haystack(mixed) == expected)
        #expect(AttendeeSearch.haystack(mixed).hasPrefix("taro 山田\nt@x.io\nunicode"))
    }

    @Test func everyTermMustMatch() {
        #expect(AttendeeSearch.matches(ada, query: "jose acme"))
        #expect(!AttendeeSearch.matches(ada, query: "jose initech"))
        #expect(AttendeeSearch.matches(ada, query: "   "))
    }

    @Test func nonLatinScripts() {
        let a = Attendee(eventId: 1, providerAttendeeId: "2", name: "Женя Иванова")
        #expect(AttendeeSearch.matches(a, query: "женя"))
        let b = Attendee(eventId: 1, providerAttendeeId: "3", name: "山田太郎")
        #expect(AttendeeSearch.matches(b, query: "太郎"))
    }

    @Test func filtersSelectTheRightRows() {
        var vip = ada
        vip.vip = true
        var checked = ada
        checked.checkedInAt = .init(timeIntervalSince1970: 0)
        var gone = ada
        gone.status = .notAttending
        #expect(AttendeeFilter.vip.includes(vip) && !AttendeeFilter.vip.includes(ada))
        #expect(AttendeeFilter.checkedIn.includes(checked) && !AttendeeFilter.checkedIn.includes(ada))
        #expect(AttendeeFilter.notCheckedIn.includes(ada) && !AttendeeFilter.notCheckedIn.includes(gone))
        #expect(AttendeeFilter.notAttending.includes(gone))
        #expect(AttendeeFilter.all.next == .vip)
        #expect(AttendeeFilter.notAttending.next == .all)
    }
}
