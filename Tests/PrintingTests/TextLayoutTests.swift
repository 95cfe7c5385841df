import BadgeCore
import Testing
@testable import Printing

@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct TextLayoutTests {
    let fitter: TextFitter
    let chain: [TrueTypeFont]

    init() throws {
        chain = try Fixture.fonts().chain(.bold)
        fitter = TextFitter(chain: chain)
    }

    func element(width: Double, height: Double = 60, size: Double = 30, min: Double = 12, lines: Int = 1) -> TextElement {
        TextElement(content: .field(.name), box: BadgeBox(x: 0, y: 0, width: width, height: height), fontSize: size,
                    minFontSize: min, maxLines: lines)
    }

    @Test func shortNameKeepsTheTemplateSize() {
        let fitted = fitter.fit("Ada", element: element(width: 200))
        #expect(fitted == TextFitter.Fitted(size: 30, lines: ["Ada"]))
    }

    @Test func longNameShrinksToFitTheWidth() {
        let name = "Maximiliana Wolkenstein"
        let fitted = fitter.fit(name, element: element(width: 200))
        #expect(fitted.lines == [name])
        #expect(fitted.size < 30 && fitted.size >= 12)
        #expect(fitter.width(name, size: fitted.size) <= 200)
        #expect(fitter.width(name, size: fitted.size + 0.5) > 200)  // as large as fits
    }

    @Test func heightLimitsTheSize() {
        let fitted = fitter.fit("Ada", element: element(width: 500, height: 20, size: 40))
        #expect(fitted.size <= 20 / fitter.emHeight + 0.01)
    }

    @Test func tooLongForMinimumWrapsToTwoLines() {
        let name = "Maria Magdalena Alexandrina von Hohenzollern-Sigmaringen"
        let fitted = fitter.fit(name, element: element(width: 260, height: 80, lines: 2))
        #expect(fitted.lines.count == 2)
        #expect(fitted.lines.joined(separator: " ") == name)
        #expect(fitted.size >= 12)
        for line in fitted.lines { #expect(fitter.width(line, size: fitted.size) <= 260) }
    }

    @Test func singleLineTruncatesWithEllipsisAtMinimumSize() {
        let name = "Maria Magdalena Alexandrina von Hohenzollern-Sigmaringen"
        let fitted = fitter.fit(name, element: element(width: 150))
        #expect(fitted.size == 12)
        #expect(fitted.lines.count == 1)
        #expect(fitted.lines[0].hasSuffix("…"))
        #expect(name.hasPrefix(String(fitted.lines[0].dropLast()).trimmingSuffixSpaces()))
        #expect(fitter.width(fitted.lines[0], size: 12) <= 150)
    }

    @Test func wrapBeyondMaxLinesTruncatesTheLastLine() {
        let name = String(repeating: "Wolfeschlegelsteinhausen ", count: 6)
        let fitted = fitter.fit(name, element: element(width: 150, height: 100, lines: 2))
        #expect(fitted.lines.count == 2)
        #expect(fitted.lines[1].hasSuffix("…"))
    }

    @Test(.enabled(if: Fixture.hasCJKFont, "no CJK fallback font (fonts-droid-fallback or fonts-wqy-zenhei)"))
    func cjkWithoutSpacesWrapsBetweenCharacters() throws {
        let name = String(repeating: "王小明東京大学", count: 4)
        let fitted = fitter.fit(name, element: element(width: 200, height: 80, lines: 2))
        #expect(fitted.lines.count == 2)
        #expect(fitted.lines.joined() == name)
    }

    @Test(.enabled(if: Fixture.hasCJKFont, "no CJK fallback font (fonts-droid-fallback or fonts-wqy-zenhei)"))
    func fallbackChainSplitsRunsByFont() throws {
        let runs = TextShaper.shape("Ada 王小明 Ж", chain: chain)
        #expect(runs.count == 3)
        #expect(runs.map { $0.font.path.contains("DejaVu") } == [true, false, true])
        #expect(runs[1].glyphs.count == 4 || runs[1].glyphs.count == 3)  // the CJK run may take the space
        #expect(!runs.flatMap(\.glyphs).contains(0))
    }

    @Test func fieldValuesAndFallbacks() {
        let a = Attendee(eventId: 1, providerAttendeeId: "x", name: "Ada King Lovelace", company: nil,
                         ticketName: "Speaker", vip: true)
        #expect(AttendeeField.firstName.value(for: a) == "Ada")
        #expect(AttendeeField.lastName.value(for: a) == "King Lovelace")
        #expect(AttendeeField.company.value(for: a) == "")
        #expect(AttendeeField.vipRibbon.value(for: a, ribbonText: "★") == "★")
        var b = a
        b.vip = false
        b.firstName = "Augusta"
        #expect(AttendeeField.vipRibbon.value(for: b) == "")
        #expect(AttendeeField.firstName.value(for: b) == "Augusta")
        let literal = TextElement(content: .literal("Hi {first_name} ({ticket_name})"), box: BadgeBox(x: 0, y: 0, width: 1, height: 1),
                                  uppercase: true)
        #expect(literal.text(for: b) == "HI AUGUSTA (SPEAKER)")
    }

    @Test func controlAndBidiOverrideCharactersAreRemoved() {
        let a = Attendee(eventId: 1, providerAttendeeId: "x", name: "Evil\u{1B}[31m\u{202E}Name\n  Two")
        let element = TextElement(content: .field(.name), box: BadgeBox(x: 0, y: 0, width: 1, height: 1))
        #expect(element.text(for: a) == "Evil [31m Name Two")
    }
}

@Suite struct BidiAndShapingTests {
    @Test func latinIsUnchanged() {
        #expect(BidiText.visualOrder("Ada Lovelace (42)") == "Ada Lovelace (42)")
    }

    @Test func hebrewRunIsReversedNumbersStayLeftToRight() {
        #expect(BidiText.visualOrder("שלום") == "םולש")
        #expect(BidiText.visualOrder("עליכם (123)") == "(123) םכילע")
        #expect(BidiText.visualOrder("abc עליכם def") == "abc םכילע def")
        #expect(BidiText.visualOrder("محمد Smith") == "Smith دمحم")
    }

    @Test func arabicLettersTakeJoinedForms() {
        // محمد: meem initial, hah medial, meem medial, dal final.
        #expect(ArabicShaping.shape("محمد").unicodeScalars.map(\.value) == [0xFEE3, 0xFEA4, 0xFEE4, 0xFEAA])
        // سلام: seen initial, lam-alef final ligature, meem isolated (alef does not join forward).
        #expect(ArabicShaping.shape("سلام").unicodeScalars.map(\.value) == [0xFEB3, 0xFEFC, 0xFEE1])
        #expect(ArabicShaping.shape("Ada") == "Ada")
        #expect(ArabicShaping.canonical("\u{FEE3}") == ["\u{0645}"])
    }
}
