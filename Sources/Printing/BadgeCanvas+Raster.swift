/// The second output of the one layout: the same drawing operations the PDF gets, painted into a
/// 1-bit raster at a print head's resolution.
///
/// - Rectangles and QR modules have their edges snapped to the nearest dot (a QR module is
///   always whole dots, never a grey fringe a scanner has to guess about).
/// - Text is drawn from the glyph outlines of the same fonts, runs and positions as the PDF
///   (`PathRasterizer`: non-zero winding, 4 × 4 coverage, 50 % threshold). Synthetic bold
///   (fallback fonts in bold fields, stroked in the PDF) is the union of the glyph and eight
///   copies shifted by half the PDF's stroke width.
/// - Colours become black or white by luminance (`isInk`).
extension BadgeCanvas {
    /// Colours darker than this luminance print black; lighter ones (tints behind text) print white.
    static let inkLuminance = 0.75

    static func isInk(_ color: BadgeColor) -> Bool {
        0.299 * color.red + 0.587 * color.green + 0.114 * color.blue < inkLuminance
    }

    /// Synthetic bold stroke width as a fraction of the font size (the PDF's `w` operator).
    static let emboldenStroke = 0.03

    func raster(width: Double, height: Double, dotsPerPoint s: Double) -> MonoBitmap {
        let dot = PathRasterizer.dot
        let dotsWide = max(0, dot((width * s).rounded())), dotsHigh = max(0, dot((height * s).rounded()))
        var bitmap = MonoBitmap(width: dotsWide, height: dotsHigh)
        /// PDF y (bottom-up, points) → dot row (top-down).
        func row(_ pdfY: Double) -> Double { (pageHeight - pdfY) * s }
        func snapped(_ a: Double, _ b: Double) -> (Int, Int) {
            let lo = dot(a.rounded()), hi = dot(b.rounded())
            return (lo, b > a ? max(hi, lo + 1) : hi)
        }
        func fillDots(_ x: (Int, Int), _ y: (Int, Int), black: Bool) {
            guard x.0 < x.1 else { return }
            for r in max(0, y.0)..<max(max(0, y.0), min(dotsHigh, y.1)) { bitmap.fillSpan(y: r, from: x.0, to: x.1, black: black) }
        }
        for op in ops {
            switch op {
            case let .fill(color, boxes):
                for b in boxes {
                    fillDots(snapped(b.x * s, (b.x + b.width) * s), snapped(row(b.y + b.height), row(b.y)), black: Self.isInk(color))
                }
            case let .stroke(color, lineWidth, b):
                let half = max(0, lineWidth) / 2, ink = Self.isInk(color)
                let outerX = snapped((b.x - half) * s, (b.x + b.width + half) * s)
                let outerY = snapped(row(b.y + b.height + half), row(b.y - half))
                var innerX = (dot(((b.x + half) * s).rounded()), dot(((b.x + b.width - half) * s).rounded()))
                var innerY = (dot(row(b.y + b.height - half).rounded()), dot(row(b.y + half).rounded()))
                // At least one dot of line on every side, and no inside when the line fills the box.
                innerX = (max(innerX.0, outerX.0 + 1), min(innerX.1, outerX.1 - 1))
                innerY = (max(innerY.0, outerY.0 + 1), min(innerY.1, outerY.1 - 1))
                if innerX.0 >= innerX.1 || innerY.0 >= innerY.1 {
                    fillDots(outerX, outerY, black: ink)
                    continue
                }
                fillDots(outerX, (outerY.0, innerY.0), black: ink)
                fillDots(outerX, (innerY.1, outerY.1), black: ink)
                fillDots((outerX.0, innerX.0), innerY, black: ink)
                fillDots((innerX.1, outerX.1), innerY, black: ink)
            case let .qr(color, code, originX, top, module):
                let xs = (0...code.size).map { dot(((originX + Double($0) * module) * s).rounded()) }
                let ys = (0...code.size).map { dot(row(top - Double($0) * module).rounded()) }
                let ink = Self.isInk(color)
                for y in 0..<code.size {
                    var x = 0
                    while x < code.size {
                        guard code[x, y] else { x += 1; continue }
                        var end = x
                        while end < code.size, code[end, y] { end += 1 }
                        fillDots((xs[x], xs[end]), (ys[y], ys[y + 1]), black: ink)
                        x = end
                    }
                }
            case let .text(color, x, y, size, runs, emboldened):
                var path = PathRasterizer()
                var pen = x
                for (index, run) in runs.enumerated() {
                    let scale = size / Double(run.font.unitsPerEm)
                    let bold = index < emboldened.count && emboldened[index]
                    let r = bold ? Self.emboldenStroke * size / 2 * s : 0
                    let shifts: [(Double, Double)] = bold
                        ? [(0, 0), (r, 0), (-r, 0), (0, r), (0, -r), (r * 0.7071, r * 0.7071), (-r * 0.7071, r * 0.7071),
                           (r * 0.7071, -r * 0.7071), (-r * 0.7071, -r * 0.7071)]
                        : [(0, 0)]
                    for glyph in run.glyphs {
                        let origin = pen
                        for contour in run.font.outline(glyph: glyph) {
                            for (dx, dy) in shifts {
                                path.contour(contour) { gx, gy in
                                    ((origin + gx * scale) * s + dx, row(y + gy * scale) + dy)
                                }
                            }
                        }
                        pen += Double(run.font.advanceWidth(glyph: glyph)) * scale
                    }
                }
                path.fill(into: &bitmap, black: Self.isInk(color))
            }
        }
        return bitmap
    }
}
