import BadgeCore

/// Draws a badge as a label printer prints it: the template laid out once (`BadgeCanvas.laidOut`,
/// exactly what the PDF gets: fitting, fallback fonts, Arabic shaping, bidi order, QR code) and
/// painted into a 1-bit raster at 203 or 300 dpi by the project's own TrueType rasteriser.
/// Pure apart from reading the fonts already loaded in `FontSet`: same input, same dots.
public enum LabelRasterizer {
    public static func raster(attendee: Attendee, template: BadgeTemplate, fonts: FontSet,
                              dpi: PrintResolution) throws -> RasterBadge {
        try raster(attendee: attendee, layout: TemplateParser.parse(template.layout), fonts: fonts, dpi: dpi)
    }

    public static func raster(attendee: Attendee, layout: BadgeLayout, fonts: FontSet,
                              dpi: PrintResolution) throws -> RasterBadge {
        let (w, h) = (PathRasterizer.dot((layout.width * dpi.dotsPerPoint).rounded()),
                      PathRasterizer.dot((layout.height * dpi.dotsPerPoint).rounded()))
        guard w <= maxSideDots, h <= maxSideDots, w * h <= maxDots else {
            throw PrintingError.badgeTooLarge(widthDots: w, heightDots: h, dpi: dpi.dotsPerInch)
        }
        let canvas = try BadgeCanvas.laidOut(attendee: attendee, layout: layout, fonts: fonts)
        let bitmap = canvas.raster(width: layout.width, height: layout.height, dotsPerPoint: dpi.dotsPerPoint)
        return RasterBadge(bitmap: bitmap, resolution: dpi, missingGlyphs: canvas.missingGlyphs)
    }

    /// ZPL's largest label width/length (`^PW`, `^LL`), in dots.
    public static let maxSideDots = 32_000
    /// Most dots in one raster (5 MB): far beyond any label (4 × 6 in at 300 dpi is 2.2 million).
    public static let maxDots = 40_000_000

    /// The badge drawn small enough for a preview: at most `maxWidth × maxHeight` dots (and at
    /// most 300 dpi), whatever the template's size — a preview of a poster-sized template costs
    /// what a badge costs. Returns the raster and the badge's size in millimetres.
    public static func thumbnail(attendee: Attendee, template: BadgeTemplate, fonts: FontSet, maxWidth: Int,
                                 maxHeight: Int) throws -> (bitmap: MonoBitmap, widthMM: Double, heightMM: Double) {
        let layout = try TemplateParser.parse(template.layout)
        let canvas = try BadgeCanvas.laidOut(attendee: attendee, layout: layout, fonts: fonts)
        guard layout.width > 0, layout.height > 0, layout.width.isFinite, layout.height.isFinite else {
            throw PrintingError.template(line: 1, message: "the badge size is not a positive number")
        }
        let scale = min(PrintResolution.dpi300.dotsPerPoint, Double(max(1, min(maxWidth, LabelRasterizer.maxSideDots))) / layout.width,
                        Double(max(1, min(maxHeight, LabelRasterizer.maxSideDots))) / layout.height)
        let bitmap = canvas.raster(width: layout.width, height: layout.height, dotsPerPoint: scale)
        return (bitmap, layout.width * 25.4 / 72, layout.height * 25.4 / 72)
    }
}
