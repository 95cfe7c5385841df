import Foundation
import Testing
@testable import Printing

@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct TrueTypeFontTests {
    let font: TrueTypeFont

    init() throws { font = try TrueTypeFont(path: Fixture.dejaVuPath) }

    @Test func headerValues() {
        #expect(font.postScriptName == "DejaVuSans")
        #expect(font.unitsPerEm == 2048)
        #expect(font.numGlyphs > 5000)
        #expect(font.ascent > 0 && font.descent < 0)
    }

    @Test func cmapLookupAndAdvanceWidths() {
        let a = font.glyphID(for: "A")
        #expect(a == 36)
        #expect(font.advanceWidth(glyph: a) == 1401)
        #expect(font.advanceWidth(glyph: font.glyphID(for: " ")) == 651)
        #expect(font.glyphID(for: "Ж") != 0 && font.glyphID(for: "λ") != 0 && font.glyphID(for: "ש") != 0)
        #expect(font.glyphID(for: "王") == 0)  // DejaVu has no CJK: the fallback chain handles it
        // "i" is narrower than "W".
        #expect(font.advanceWidth(glyph: font.glyphID(for: "i")) < font.advanceWidth(glyph: font.glyphID(for: "W")))
    }

    @Test func format4AndFormat12SubtablesAgree() throws {
        let formats = Set(font.cmapSubtables.map(\.format))
        #expect(formats.contains(4))
        for subtable in font.cmapSubtables {
            for scalar in "AZaz09ÉßЖλשع€…".unicodeScalars {
                #expect(font.glyphID(for: scalar, in: subtable) == font.glyphID(for: scalar), "\(scalar) format \(subtable.format)")
            }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
                   "Droid Sans Fallback not installed (fonts-droid-fallback)"))
    func cjkFallbackFontMapsHan() throws {
        let droid = try TrueTypeFont(path: "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
        for scalar in "王小明東京".unicodeScalars { #expect(droid.glyphID(for: scalar) != 0) }
    }

    @Test func subsetKeepsOnlyUsedGlyphsAndComponents() throws {
        let text = "Ådå Ŀovelace"
        let glyphs = Set(text.unicodeScalars.map { font.glyphID(for: $0) })
        let subset = font.subset(keeping: glyphs)
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixture.dejaVuPath)).count
        #expect(subset.bytes.count < original / 10)
        #expect(subset.oldIDs.first == 0)
        let parsed = try TrueTypeFont(bytes: subset.bytes, path: "subset", requireCmap: false)
        #expect(parsed.numGlyphs == subset.oldIDs.count)
        for (new, old) in subset.oldIDs.enumerated() {
            #expect(parsed.advanceWidth(glyph: new) == font.advanceWidth(glyph: old))
            #expect(parsed.glyphRange(new).count == font.glyphRange(old).count)
        }
        // Composite glyphs (Å, å) keep their components, renumbered into the subset.
        let composite = glyphs.first { !font.components(of: $0).isEmpty }
        let aRing = try #require(composite)
        let components = parsed.components(of: subset.newID[aRing]!)
        #expect(components.count == font.components(of: aRing).count)
        for (component, originalComponent) in zip(components, font.components(of: aRing)) {
            #expect(subset.oldIDs[component.glyph] == originalComponent.glyph)
            #expect(!parsed.glyphRange(component.glyph).isEmpty)
        }
    }

    @Test func subsetHeadChecksumIsValid() {
        let subset = font.subset(keeping: [36, 37])
        var sum: UInt32 = 0
        for i in stride(from: 0, to: subset.bytes.count, by: 4) {
            var word: UInt32 = 0
            for j in 0..<4 { word = word << 8 | UInt32(i + j < subset.bytes.count ? subset.bytes[i + j] : 0) }
            sum = sum &+ word
        }
        #expect(sum == 0xB1B0_AFBA)
    }

    @Test func nonFontFileIsRefused() {
        #expect(throws: PrintingError.self) { try TrueTypeFont(bytes: Array("not a font".utf8), path: "x.ttf") }
    }
}
