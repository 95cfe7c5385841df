import Foundation
import Testing
@testable import Printing

/// Glyph outlines for the label rasteriser, read from `glyf`.
@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct GlyphOutlineTests {
    let font: TrueTypeFont
    init() throws { font = try TrueTypeFont(path: Fixture.dejaVuPath) }

    @Test func aStraightGlyphIsOneContourOfCornersInsideItsAdvance() {
        let contours = font.outline(glyph: font.glyphID(for: "I"))
        #expect(contours.count == 1)
        let points = contours[0].points
        #expect(points.count == 4 && points.allSatisfy(\.onCurve))
        let advance = Double(font.advanceWidth(glyph: font.glyphID(for: "I")))
        #expect(points.allSatisfy { $0.x > 0 && $0.x < advance && $0.y >= 0 && $0.y <= Double(font.ascent) })
    }

    @Test func curvesHaveControlPointsAndHolesAreSeparateContours() {
        let o = font.outline(glyph: font.glyphID(for: "o"))
        #expect(o.count == 2)  // outside and the counter
        #expect(o.allSatisfy { $0.points.contains { !$0.onCurve } })
    }

    @Test func compositeGlyphsResolveToTheirComponents() {
        let e = font.glyphID(for: "e"), eAcute = font.glyphID(for: "é")
        #expect(!font.components(of: eAcute).isEmpty, "é is a composite in DejaVu Sans")
        let composite = font.outline(glyph: eAcute)
        #expect(composite.count > font.outline(glyph: e).count)  // e plus the accent
        #expect(composite.contains(font.outline(glyph: e)[0]))    // the base at offset 0
    }

    @Test func aCompositeThatContainsItselfStopsAtTheBudget() throws {
        let eAcute = font.glyphID(for: "é")
        let subset = font.subset(keeping: [eAcute])
        let newID = try #require(subset.newID[eAcute])
        var bytes = subset.bytes
        let hostile0 = try TrueTypeFont(bytes: bytes, path: "subset", requireCmap: false)
        // Point every component of é at é itself: an endless, doubling recursion.
        let glyf = try #require(hostile0.tables["glyf"]).offset
        let start = hostile0.glyphRange(newID).lowerBound - glyf
        for component in hostile0.components(of: newID) { bytes.setU16(newID, at: glyf + start + component.offset) }
        let hostile = try TrueTypeFont(bytes: bytes, path: "hostile", requireCmap: false)
        let contours = hostile.outline(glyph: newID)
        #expect(contours.count <= TrueTypeFont.maxComponents)
        // And it still draws (nothing, or something), without trapping.
        var path = PathRasterizer()
        for c in contours { path.contour(c) { ($0 / 100, $1 / 100) } }
        var bitmap = MonoBitmap(width: 50, height: 50)
        path.fill(into: &bitmap, black: true)
    }

    @Test func damagedGlyphDataDrawsNothing() throws {
        // Truncated glyf: every outline read stops at the data's end.
        let subset = font.subset(keeping: [font.glyphID(for: "o")])
        var bytes = subset.bytes
        let probe = try TrueTypeFont(bytes: bytes, path: "subset", requireCmap: false)
        let o = try #require(subset.newID[font.glyphID(for: "o")])
        let range = probe.glyphRange(o)
        for i in (range.lowerBound + 12)..<range.upperBound { bytes[i] = 0xFF }
        let damaged = try TrueTypeFont(bytes: bytes, path: "damaged", requireCmap: false)
        _ = damaged.outline(glyph: o)  // must not trap; flags 0xFF repeat past the end
        #expect(damaged.outline(glyph: 99_999).isEmpty)
    }
}

/// The scanline filler on shapes whose answer is known.
struct PathRasterizerTests {
    @Test func aRectangleCoversTheDotsMostlyInsideIt() {
        var path = PathRasterizer()
        path.rectangle(x: 1.2, y: 1.2, width: 3.6, height: 2.6)  // edge dots 80 % inside, outer ones 20 %
        path.rectangle(x: 6.2, y: 0, width: 0.3, height: 5)      // a hairline a third of a dot wide
        var bitmap = MonoBitmap(width: 7, height: 5)
        path.fill(into: &bitmap, black: true)
        #expect(bitmap.picture == [".......", ".####..", ".####..", ".####..", "......."])
    }

    @Test func nonZeroWindingFillsOverlapsAndKeepsOppositeHoles() {
        var overlap = PathRasterizer()
        overlap.rectangle(x: 0, y: 0, width: 6, height: 4)
        overlap.rectangle(x: 2, y: 1, width: 6, height: 2)  // same direction: union
        var a = MonoBitmap(width: 8, height: 4)
        overlap.fill(into: &a, black: true)
        #expect(a.picture == ["######..", "########", "########", "######.."])
        var ring = PathRasterizer()
        ring.rectangle(x: 0, y: 0, width: 6, height: 6)
        ring.move(to: 2, 2); ring.line(to: 2, 4); ring.line(to: 4, 4); ring.line(to: 4, 2); ring.close()  // reversed: hole
        var b = MonoBitmap(width: 6, height: 6)
        ring.fill(into: &b, black: true)
        #expect(b.picture == ["######", "######", "##..##", "##..##", "######", "######"])
    }

    @Test func aQuadraticArcIsFlattenedCloseToTheCurve() {
        // A parabola-bounded cap: area under y = 4 − x²/4 style curve from a quadratic Bézier.
        var path = PathRasterizer()
        path.move(to: 0, 10)
        path.quadratic(control: 10, -10, to: 20, 10)  // apex at y = 0
        path.close()
        var bitmap = MonoBitmap(width: 20, height: 10)
        path.fill(into: &bitmap, black: true)
        // The exact area is 2/3 × 20 × 10 = 133.3 dots.
        #expect(abs(bitmap.blackCount - 133) <= 6, "\(bitmap.blackCount)")
        #expect(bitmap[10, 1] && !bitmap[1, 1] && bitmap[10, 9])
    }

    @Test func whitePaintsOverBlack() {
        var bitmap = MonoBitmap(width: 4, height: 1)
        bitmap.fillSpan(y: 0, from: 0, to: 4)
        var path = PathRasterizer()
        path.rectangle(x: 1, y: 0, width: 2, height: 1)
        path.fill(into: &bitmap, black: false)
        #expect(bitmap.picture == ["#..#"])
    }
}
