/// A badge drawn for a label printer: the 1-bit raster at the printer's resolution and the
/// characters no installed font has (they print as empty boxes, as in the PDF).
public struct RasterBadge: Sendable, Equatable {
    public let bitmap: MonoBitmap
    public let resolution: PrintResolution
    public let missingGlyphs: [String]

    public init(bitmap: MonoBitmap, resolution: PrintResolution, missingGlyphs: [String]) {
        self.bitmap = bitmap
        self.resolution = resolution
        self.missingGlyphs = missingGlyphs
    }
}
