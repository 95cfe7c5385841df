import Testing
@testable import Printing

/// Printer options from the query of a printer address (SPEC §12): what a user types, what
/// the printer gets, and a one-line error naming the key for anything else.
struct LabelOptionsTests {
    @Test func brotherOptionsFromTheSpecExample() throws {
        let options = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62x100")
        #expect(options.model.name == "QL-820NWB")
        #expect(options.model.headDots == 720)
        #expect(options.label.name == "62x100")
        #expect(options.label.form == .dieCut)
        #expect(options.label.printableDots == (696, 1109))
        #expect(options.cutEach && options.copies == 1)
    }

    @Test func continuousRollAndSpellingsOfTheSameThing() throws {
        #expect(try BrotherQLLabel.parse("62").form == .continuous)
        #expect(try BrotherQLLabel.parse("62").printableDots.width == 696)
        #expect(try BrotherQLLabel.parse("DK-62x100").name == "62x100")
        #expect(try BrotherQLLabel.parse("62 x 100 mm").name == "62x100")
        #expect(try BrotherQLModel.parse("ql820nwb").name == "QL-820NWB")
        #expect(try BrotherQLModel.parse("QL-1110NWB").headDots == 1296)
        for name in ["29", "38", "50", "54", "102", "29x90", "17x54", "62x29"] {
            #expect(try BrotherQLLabel.parse(name).name == name)
        }
    }

    @Test func unknownModelOrLabelIsOneLineNamingWhatIsKnown() {
        #expect(throws: LabelOptionError.self) { try BrotherQLOptions.parse(query: "model=QL-9000&label=62") }
        do {
            _ = try BrotherQLOptions.parse(query: "model=QL-820NWB&label=63x100")
            Issue.record("63x100 accepted")
        } catch {
            #expect(error.description.hasPrefix("printer option label='63x100' is not valid (expected a DK label size: 12, 29"))
            #expect(!error.description.contains("\n"))
        }
        do {
            _ = try BrotherQLOptions.parse(query: "label=62")
            Issue.record("missing model accepted")
        } catch {
            #expect(error.description == "printer option model is required (e.g. model=QL-820NWB)")
        }
        #expect(throws: LabelOptionError.badValue(key: "label", value: "102", expected: "a roll up to 62 mm on the QL-820NWB")) {
            try BrotherQLOptions.parse(query: "model=QL-820NWB&label=102")
        }
        #expect(throws: LabelOptionError.self) { try BrotherQLOptions.parse(query: "model=QL-820NWB&label=62&colour=red") }
    }

    @Test func hostileValuesAreShownWithoutControlCharacters() {
        do {
            _ = try BrotherQLModel.parse("QL\u{1B}[31m-1")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    @Test func zplOptions() throws {
        let options = try ZPLOptions.parse(query: "dpi=300&darkness=20&speed=4&copies=2&width=62mm&length=812&media=gap")
        #expect(options == ZPLOptions(resolution: .dpi300, darkness: 20, speed: 4, labelWidth: 732, labelLength: 812,
                                      quantity: 2, media: .gap))
        #expect(try ZPLOptions.parse(query: "") == ZPLOptions())
        #expect(throws: LabelOptionError.badValue(key: "darkness", value: "31", expected: "a whole number 0–30")) {
            try ZPLOptions.parse(query: "darkness=31")
        }
        #expect(throws: LabelOptionError.badValue(key: "dpi", value: "600", expected: "203 or 300")) {
            try ZPLOptions.parse(query: "dpi=600")
        }
        #expect(throws: LabelOptionError.self) { try ZPLOptions.parse(query: "model=QL-820NWB") }
    }
}

struct LabelLanguageTests {
    @Test func languagesFromAddressParts() throws {
        #expect(try LabelLanguage.parse(lang: "zpl", query: "dpi=300") == .zpl(ZPLOptions(resolution: .dpi300)))
        #expect(try LabelLanguage.parse(lang: "brother-ql", query: "model=QL-820NWB&label=62").resolution == .dpi300)
        #expect(throws: LabelOptionError.badValue(key: "lang", value: "epl", expected: "zpl or brother-ql")) {
            try LabelLanguage.parse(lang: "epl", query: "")
        }
    }

    @Test func aRasterAtTheWrongResolutionIsRefused() throws {
        let badge = RasterBadge(bitmap: MonoBitmap(width: 8, height: 8), resolution: .dpi300, missingGlyphs: [])
        #expect(throws: LabelOptionError.self) { try LabelLanguage.zpl(ZPLOptions(resolution: .dpi203)).encode(badge) }
        #expect(try LabelLanguage.zpl(ZPLOptions(resolution: .dpi300)).encode(badge).starts(with: Array("^XA".utf8)))
    }
}
