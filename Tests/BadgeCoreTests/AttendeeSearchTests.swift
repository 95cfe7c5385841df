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

    /// The import folds non-ASCII fields word by word through a cache (issue #18): the stored
    /// search text must be exactly what folding the whole field gives, on the awkward cases too —
    /// Greek final sigma, a combining mark right after a space, NFD, full width, ß, dotted İ,
    /// ligatures, emoji sequences, double and trailing spaces — and the second time (cache hit).
    @Test func wordByWordFoldingEqualsFoldingTheWholeField() {
        let named = [
            "ΟΔΥΣΣΕΑΣ ΣΟΦΟΣ", "Σ ΣΣ ς", "a \u{301}b", "  José  Müller ", "Jose\u{301} Mu\u{308}ller", "ＡＢＣ Ｔａｒｏ",
            "Straße GROSS", "İstanbul İZMİR", "ﬁnance ﬂow", "👩‍💻 dev 🇩🇪", "Ünïcode\u{1B}[31m x", "山田 太郎",
            "Anna-Lena O'Brien Ångström", "ǅemal ǈubo", "\u{301}", " ", "Ñ", "Ωmega ΩΩ ὈΔΥΣΣΕΎΣ",
            "\u{600} x", "a \u{1F3FB}", "a \u{200D}b", "ก \u{E33}", "क \u{93E}", "Ä\u{FE0F} é", "x\u{D4E} y",
        ]
        // And strings drawn from those awkward pieces, deterministically.
        let pieces = ["a", "Z", " ", "  ", "é", "e\u{301}", "\u{301}", "Σ", "ς", "ß", "İ", "ﬁ", "Ａ", "山", "\u{600}",
                      "\u{200D}", "\u{1F3FB}", "👩", "\u{E33}", "\u{93E}", "Ω", "ǅ", "\u{FE0F}", "-", "Ж"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var drawn: [String] = []
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<6 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            drawn.append(text)
        }
        let fields = named + drawn
        for round in 0..<2 {
            for field in fields {
                let a = Attendee(eventId: 1, providerAttendeeId: "w", name: field, email: field, company: field)
                let whole = AttendeeSearch.normalize(field)
                #expect(AttendeeSearch.haystack(a) == [whole, whole, whole, "", ""].joined(separator: "\n"),
                        "round \(round): \(field.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
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
