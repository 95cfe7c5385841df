/// Turns a badge raster into a Brother QL raster job (Brother's "QL series raster command
/// reference"). A pure function of its input:
///
///     00 × n                 invalidate (clears a half-received job; 200 bytes, 400 on the QL-800s)
///     ESC @                  initialise
///     ESC i a 01             raster mode (models with mode setting)
///     ESC i z …              print information: media type, width/length in mm, raster lines, page
///     ESC i M 40, ESC i A 01 auto-cut, cut every label (models with a cutter)
///     ESC i K 08             expanded mode: cut at end
///     ESC i d n n            feed margin (35 dots continuous, 0 die-cut)
///     M 02                   TIFF/PackBits raster lines (models that accept it)
///     g 00 n DATA / Z        one raster line / one empty line
///     1A (last page) or 0C   print
///
/// Each raster line spans the whole print head; the printer feeds the label head-first, so the
/// line carries the badge row mirrored: its first bit is the label's right edge. The label's
/// printable area starts `rightOffset` dots into the line.
///
/// The badge is placed by physical size: a badge as large as the label is cropped to the
/// printable area around its centre (the margin the head cannot reach), a smaller one centred,
/// a landscape badge on a portrait label turned 90°. A badge that fits neither way is an error.
public enum BrotherQLEncoder {
    /// Slack when matching a badge to a label (a 62 mm badge is 732 dots, the roll 732).
    static let fitTolerance = 1.03

    public static func encode(_ bitmap: MonoBitmap, options: BrotherQLOptions) throws(LabelOptionError) -> [UInt8] {
        let page = try placed(bitmap, on: options.label, model: options.model)
        let model = options.model, label = options.label
        var out = [UInt8](repeating: 0, count: model.invalidateBytes)
        out += [0x1B, 0x40]
        if model.modeSetting { out += [0x1B, 0x69, 0x61, 0x01] }
        let compress = options.compress && model.compression
        let lines = rasterLines(page, model: model, label: label, compress: compress)
        let copies = max(1, min(99, options.copies))
        for copy in 0..<copies {
            let quality: UInt8 = options.highQuality ? 0x40 : 0
            out += [0x1B, 0x69, 0x7A, 0x80 | 0x02 | 0x04 | 0x08 | quality, label.mediaType,
                    UInt8(truncatingIfNeeded: label.widthMillimetres), UInt8(truncatingIfNeeded: label.lengthMillimetres)]
            let count = UInt32(page.height)
            out += [UInt8(count & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 24 & 0xFF)]
            out += [copy == 0 ? 0 : 1, 0]
            if model.cutting {
                out += [0x1B, 0x69, 0x4D, options.cutEach ? 0x40 : 0x00]
                out += [0x1B, 0x69, 0x41, 0x01]
            }
            if model.expandedMode { out += [0x1B, 0x69, 0x4B, options.cutEach && model.cutting ? 0x08 : 0x00] }
            out += [0x1B, 0x69, 0x64, UInt8(label.feedMargin & 0xFF), UInt8(label.feedMargin >> 8 & 0xFF)]
            if model.compression { out += [0x4D, compress ? 0x02 : 0x00] }
            out += lines
            out.append(copy == copies - 1 ? 0x1A : 0x0C)
        }
        return out
    }

    /// The badge as the label's printable area: turned if that is what fits, centred, cropped to
    /// what the head reaches. Continuous tape keeps the badge's length (at least 150 dots).
    static func placed(_ bitmap: MonoBitmap, on label: BrotherQLLabel, model: BrotherQLModel) throws(LabelOptionError) -> MonoBitmap {
        if label.needsWideModel, !model.isWide {
            throw .badValue(key: "label", value: label.name, expected: "a roll up to 62 mm on the \(model.name)")
        }
        func fits(_ w: Int, _ h: Int) -> Bool {
            Double(w) <= Double(label.totalDots.width) * fitTolerance
                && (label.form == .continuous || Double(h) <= Double(label.totalDots.length) * fitTolerance)
        }
        var badge = bitmap
        if !fits(badge.width, badge.height) {
            guard fits(badge.height, badge.width) else {
                let mm = { (dots: Int) in Int((Double(dots) * 25.4 / 300).rounded()) }
                throw .doesNotFit(badge: "\(mm(bitmap.width))×\(mm(bitmap.height)) mm", label: label.name)
            }
            badge = badge.rotatedClockwise()
        }
        let width = label.printableDots.width
        let length = label.form == .continuous ? max(150, badge.height) : label.printableDots.length
        return badge.cropped(x: (badge.width - width) / 2, y: (badge.height - length) / 2, width: width, height: length)
    }

    /// `g 00 n DATA` per row (or `Z` for an empty row when compressing), mirrored into head order.
    static func rasterLines(_ page: MonoBitmap, model: BrotherQLModel, label: BrotherQLLabel, compress: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(page.height * (model.bytesPerRow + 3))
        let start = label.rightOffset + model.additionalRightOffset
        var line = [UInt8](repeating: 0, count: model.bytesPerRow)
        for y in 0..<page.height {
            for i in line.indices { line[i] = 0 }
            var empty = true
            for x in 0..<page.width where page[x, y] {
                let bit = start + (page.width - 1 - x)
                guard bit < model.headDots else { continue }
                line[bit >> 3] |= 0x80 >> UInt8(bit & 7)
                empty = false
            }
            if compress {
                if empty { out.append(0x5A); continue }
                let packed = PackBits.encode(line)
                out += [0x67, 0x00, UInt8(packed.count)]
                out += packed
            } else {
                out += [0x67, 0x00, UInt8(line.count)]
                out += line
            }
        }
        return out
    }
}
