import BadgeCore
import Foundation
import Testing
@testable import Printing

/// The raster is the PDF, dot for dot: both are drawn from one layout, and poppler's rendering
/// of the PDF at the same resolution must agree with the project's rasteriser.
@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct LabelRasterizerTests {
    let fonts: FontSet
    init() throws { fonts = try Fixture.fonts() }

    /// A 62 × 100 mm direct-thermal badge in black and white (what label templates look like).
    static let labelTemplate = """
        name "Label"
        size 62x100mm
        rect x=0 y=0 w=62 h=13 fill=black
        text "WELCOME" x=2 y=0 w=58 h=13 size=22 bold color=white align=center
        field first_name x=3 y=16 w=56 h=17 size=44 min=14 bold align=center
        field last_name  x=3 y=33 w=56 h=10 size=26 min=10 align=center
        field company    x=3 y=44 w=56 h=8  size=15 min=8 align=center
        qr x=14 y=53 size=34
        field ticket_name x=2 y=88 w=58 h=9 size=14 min=8 bold align=center
        rect x=1 y=1 w=60 h=98 stroke=black line=1pt
        """

    static var layout: BadgeLayout { get throws { try TemplateParser.parse(labelTemplate) } }

    /// Dot windows (300 dpi) of the name fields and the QR element of `labelTemplate`.
    static func nameWindow(_ dpi: PrintResolution) -> (x: Int, y: Int, width: Int, height: Int) {
        (dpi.dots(millimetres: 3), dpi.dots(millimetres: 16), dpi.dots(millimetres: 56), dpi.dots(millimetres: 27))
    }
    static func qrWindow(_ dpi: PrintResolution) -> (x: Int, y: Int, width: Int, height: Int) {
        (dpi.dots(millimetres: 14), dpi.dots(millimetres: 53), dpi.dots(millimetres: 34), dpi.dots(millimetres: 34))
    }

    /// The PDF as poppler draws it: `-mono` (poppler's own 1-bit rule) or anti-aliased grey
    /// thresholded at 50 % (the rasteriser's rule).
    func popplerRaster(_ pdf: Data, dpi: Int, mono: Bool) throws -> MonoBitmap {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("badge.pdf")
        try pdf.write(to: file)
        let result = try ExternalTool.run(ExternalTool.path("pdftoppm")!,
                                          [mono ? "-mono" : "-gray", "-r", "\(dpi)", "-singlefile", file.path,
                                           dir.appendingPathComponent("page").path])
        #expect(result.status == 0, "\(result.errors)")
        return mono ? try PBM.read(dir.appendingPathComponent("page.pbm"))
                    : try PBM.readGreyThresholded(dir.appendingPathComponent("page.pgm"))
    }

    static let names: [(script: String, first: String, last: String)] = [
        ("Latin", "Ada", "Lovelace-Byron"), ("Cyrillic", "Алёна", "Щербакова"),
        ("Arabic", "ليلى", "عبد الرحمن"), ("CJK", "山田", "太郎"), ("Hebrew", "נועה", "כהן"),
    ]

    @Test(.enabled(if: ExternalTool.has("pdftoppm"), "pdftoppm not installed (poppler-utils)"),
          arguments: names, [PrintResolution.dpi300, .dpi203])
    func rasterAgreesWithPopplersRenderingOfThePDF(name: (script: String, first: String, last: String),
                                                   dpi: PrintResolution) throws {
        if name.script == "CJK" {
            try #require(Fixture.hasCJKFont, "no CJK fallback font (fonts-droid-fallback)")
        }
        let attendee = Fixture.attendee("\(name.first) \(name.last)", first: name.first, last: name.last)
        let layout = try Self.layout
        let badge = try LabelRasterizer.raster(attendee: attendee, layout: layout, fonts: fonts, dpi: dpi)
        let raster = badge.bitmap
        let pdf = try BadgeRenderer.render(attendee: attendee, layout: layout, fonts: fonts)
        let mono = try popplerRaster(pdf, dpi: dpi.dotsPerInch, mono: true)
        let label = "\(name.script) at \(dpi.dotsPerInch) dpi"
        #expect(badge.missingGlyphs.isEmpty, "\(label): \(badge.missingGlyphs)")
        // Same page in dots (poppler rounds the page size up).
        #expect(abs(raster.width - mono.width) <= 1 && abs(raster.height - mono.height) <= 1,
                "\(label): \(raster.width)×\(raster.height) vs \(mono.width)×\(mono.height)")
        #expect(raster.width == dpi.dots(millimetres: 62) && raster.height == dpi.dots(millimetres: 100))

        // Against the 50 % rule (poppler's anti-aliased coverage, thresholded): the whole badge,
        // the name (glyph origins may differ by a dot: poppler snaps them to its grid), the QR code.
        let grey = try popplerRaster(pdf, dpi: dpi.dotsPerInch, mono: false)
        let whole = Agreement(raster, grey)
        #expect(whole.fraction >= 0.98, "\(label), whole badge vs pdftoppm -gray at 50 %: \(whole)")
        let n = Self.nameWindow(dpi)
        let nameAgreement = Agreement.aligned(raster, grey, x: n.x, y: n.y, width: n.width, height: n.height)
        #expect(nameAgreement.fraction >= 0.98, "\(label), name vs pdftoppm -gray at 50 %: \(nameAgreement)")
        #expect(nameAgreement.inkOverlap >= 0.88, "\(label), name ink vs pdftoppm -gray at 50 %: \(nameAgreement)")
        let q = Self.qrWindow(dpi)
        let qr = Agreement(raster, grey, x: q.x, y: q.y, width: q.width, height: q.height)
        #expect(qr.fraction >= 0.995, "\(label), QR vs pdftoppm -gray at 50 %: \(qr)")

        // Against poppler's own 1-bit output (`-mono`, which inks every dot a shape touches, so
        // its shapes are up to a dot fatter): 98 % at 300 dpi, where a dot is a smaller share
        // of each stroke; the QR code within a dot of alignment.
        let wholeMono = Agreement(raster, mono)
        let nameMono = Agreement.aligned(raster, mono, x: n.x, y: n.y, width: n.width, height: n.height)
        let qrMono = Agreement.aligned(raster, mono, x: q.x, y: q.y, width: q.width, height: q.height)
        if dpi == .dpi300 {
            #expect(wholeMono.fraction >= 0.98, "\(label), whole badge vs pdftoppm -mono: \(wholeMono)")
            #expect(nameMono.fraction >= 0.98, "\(label), name vs pdftoppm -mono: \(nameMono)")
        } else {
            #expect(wholeMono.fraction >= 0.97, "\(label), whole badge vs pdftoppm -mono: \(wholeMono)")
            #expect(nameMono.fraction >= 0.97, "\(label), name vs pdftoppm -mono: \(nameMono)")
        }
        #expect(qrMono.fraction >= 0.95, "\(label), QR vs pdftoppm -mono: \(qrMono)")
        print("\(label) vs 50 %: whole \(whole.description); name \(nameAgreement.description); QR \(qr.description)")
        print("\(label) vs -mono: whole \(wholeMono.description); name \(nameMono.description); QR \(qrMono.description)")
    }

    @Test func qrModulesAreWholeDotsAndTheSameSizeWithinADot() throws {
        let attendee = Fixture.attendee("Ada Lovelace")
        for dpi in PrintResolution.allCases {
            let raster = try LabelRasterizer.raster(attendee: attendee, layout: Self.layout, fonts: fonts, dpi: dpi).bitmap
            let code = try QRCode(encoding: attendee.barcode!)
            let q = Self.qrWindow(dpi)
            // The top-left finder's top row is 7 dark modules: one run of dots.
            let y = (q.y..<(q.y + q.height)).first { y in (q.x..<(q.x + q.width)).contains { raster[$0, y] } }!
            let xs = (q.x..<(q.x + q.width)).filter { raster[$0, y] }
            let module = Double(q.width) / Double(code.size + 8)
            let run = xs.prefix { $0 - xs[0] == xs.firstIndex(of: $0)! }.count
            #expect(abs(Double(run) - 7 * module) <= 1, "\(dpi): finder \(run) dots, module \(module)")
            // Every dot row of the symbol is a copy of a module row: edges snap to whole dots.
            var distinct = Set<[UInt8]>()
            for row in y..<(y + Int(module * Double(code.size)) + 1) {
                distinct.insert(Array(raster.cropped(x: q.x, y: row, width: q.width, height: 1).row(0)))
            }
            #expect(distinct.count <= code.size + 1, "\(dpi): \(distinct.count) different dot rows")
        }
    }

    @Test func blackTextOnWhiteAndWhiteTextOnTheBlackBand() throws {
        let raster = try LabelRasterizer.raster(attendee: Fixture.attendee("Ada Lovelace", first: "Ada", last: "Lovelace"),
                                                layout: Self.layout, fonts: fonts, dpi: .dpi300).bitmap
        // The band is black with the white "WELCOME" cut out of it.
        let band = Agreement(raster, MonoBitmap(width: 0, height: 0), x: 20, y: 15, width: 690, height: 120)
        #expect(band.inkEither > 0)
        let bandInk = Double(band.inkEither) / Double(band.total)
        #expect(bandInk > 0.6 && bandInk < 0.97, "band ink \(bandInk)")
        // The first name is ink on white.
        let n = Self.nameWindow(.dpi300)
        let name = Agreement(raster, MonoBitmap(width: 0, height: 0), x: n.x, y: n.y, width: n.width, height: n.height)
        let nameInk = Double(name.inkEither) / Double(name.total)
        #expect(nameInk > 0.05 && nameInk < 0.5, "name ink \(nameInk)")
    }

    @Test func sameInputSameDots() throws {
        let attendee = Fixture.attendee("Ада Lovelace 山田")
        let a = try LabelRasterizer.raster(attendee: attendee, layout: Self.layout, fonts: fonts, dpi: .dpi203)
        let b = try LabelRasterizer.raster(attendee: attendee, layout: Self.layout, fonts: fonts, dpi: .dpi203)
        #expect(a == b)
    }

    @Test func missingGlyphsAreReportedLikeThePDF() throws {
        let attendee = Fixture.attendee("Ada \u{13000}", first: "Ada \u{13000}")
        let badge = try LabelRasterizer.raster(attendee: attendee, layout: Self.layout, fonts: fonts, dpi: .dpi300)
        let pdf = try BadgeRenderer.renderBadge(attendee: attendee, layout: Self.layout, fonts: fonts)
        #expect(badge.missingGlyphs == pdf.missingGlyphs)
        #expect(badge.missingGlyphs == ["\u{13000}"])
    }
}

@Suite(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
struct LabelRasterizerLimitsTests {
    @Test func aPosterSizedTemplateIsOneLineNotGigabytes() throws {
        let fonts = try Fixture.fonts()
        let poster = try TemplateParser.parse("size 150x150in\nfield name x=1 y=1 w=100 h=20 size=200")
        #expect(throws: PrintingError.badgeTooLarge(widthDots: 45_000, heightDots: 45_000, dpi: 300)) {
            try LabelRasterizer.raster(attendee: Fixture.attendee("Ada"), layout: poster, fonts: fonts, dpi: .dpi300)
        }
        #expect(PrintingError.badgeTooLarge(widthDots: 45_000, heightDots: 45_000, dpi: 300).description
                == "a 45000×45000-dot badge at 300 dpi is too large for a label printer (at most 32000 dots a side, 40 million in all)")
        // The preview draws it small instead.
        let template = BadgeTemplate(eventId: 1, name: "Poster", layout: "size 150x150in\nrect x=0 y=0 w=150 h=75 fill=black")
        let thumb = try LabelRasterizer.thumbnail(attendee: Fixture.attendee("Ada"), template: template, fonts: fonts,
                                                  maxWidth: 100, maxHeight: 80)
        #expect(thumb.bitmap.width == 80 && thumb.bitmap.height == 80)
        #expect(thumb.bitmap.blackCount == 80 * 40)
        #expect(abs(thumb.widthMM - 3810) < 1)
    }

    @Test func aLabelSizedThumbnailIsThePrintersRaster() throws {
        let fonts = try Fixture.fonts()
        let template = BadgeTemplate(eventId: 1, name: "Label", layout: LabelRasterizerTests.labelTemplate)
        let attendee = Fixture.attendee("Ada Lovelace", first: "Ada", last: "Lovelace")
        let thumb = try LabelRasterizer.thumbnail(attendee: attendee, template: template, fonts: fonts, maxWidth: 2_400, maxHeight: 2_400)
        #expect(thumb.bitmap == (try LabelRasterizer.raster(attendee: attendee, template: template, fonts: fonts, dpi: .dpi300).bitmap))
    }
}

extension LabelRasterizerLimitsTests {
    @Test func elementsFarOffTheBadgeDrawNothingAndNeverTrap() throws {
        let fonts = try Fixture.fonts()
        let far = BadgeBox(x: 1e300, y: -1e300, width: 1e300, height: 1e300)
        let layout = BadgeLayout(width: 100, height: 50, elements: [
            .rect(RectElement(box: far, fill: .black, stroke: .black, lineWidth: 1e300)),
            .text(TextElement(content: .literal("Ada"), box: far, fontSize: 500)),
            .qr(QRElement(box: far)),
            .text(TextElement(content: .literal("Ada"), box: BadgeBox(x: -1e12, y: 0, width: 2e12, height: 50), fontSize: 500)),
        ])
        let badge = try LabelRasterizer.raster(attendee: Fixture.attendee("Ada"), layout: layout, fonts: fonts, dpi: .dpi300)
        #expect(badge.bitmap.width == 417 && badge.bitmap.height == 208)
    }
}
