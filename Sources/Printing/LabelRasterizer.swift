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
        let canvas = try BadgeCanvas.laidOut(attendee: attendee, layout: layout, fonts: fonts)
        let bitmap = canvas.raster(width: layout.width, height: layout.height, dotsPerPoint: dpi.dotsPerPoint)
        return RasterBadge(bitmap: bitmap, resolution: dpi, missingGlyphs: canvas.missingGlyphs)
    }
}
