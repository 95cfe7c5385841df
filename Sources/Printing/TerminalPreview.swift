/// A badge raster drawn with text: each terminal cell shows 1 × 2 dots with half blocks
/// (`▀ ▄ █`, space) or 2 × 4 dots with braille patterns (U+2800–28FF), so the attendee card and
/// the scan verdict can show the badge as it will print (SPEC §12 "Preview").
///
/// Pure. The picture is scaled to fit `columns × rows` cells keeping the badge's proportions
/// (a cell is taken to be twice as tall as it is wide, so both styles draw square dots). A
/// preview dot is ink when at least `inkShare` of the raster dots it stands for are black: text
/// far smaller than a cell still shows as a grey bar of ink instead of vanishing. Ink is the
/// glyph, paper is blank: the picture means the same in every theme, colour or not.
public enum TerminalPreview {
    public enum Style: String, Sendable, Equatable, CaseIterable {
        case halfBlocks = "blocks"
        case braille

        /// Preview dots per cell (across, down).
        var cell: (x: Int, y: Int) { self == .halfBlocks ? (1, 2) : (2, 4) }
    }

    /// Share of black raster dots that makes a preview dot ink.
    static let inkShare = 0.25

    /// At most `rows` lines of at most `columns` cells each (all lines the same width).
    public static func lines(_ bitmap: MonoBitmap, columns: Int, rows: Int, style: Style = .halfBlocks) -> [String] {
        guard columns > 0, rows > 0, bitmap.width > 0, bitmap.height > 0 else { return [] }
        let cell = style.cell
        // Preview dots are square: scale = raster dots per preview dot, the larger of the two fits.
        let maxW = columns * cell.x, maxH = rows * cell.y
        let scale = max(Double(bitmap.width) / Double(maxW), Double(bitmap.height) / Double(maxH))
        let dotsW = max(1, min(maxW, Int((Double(bitmap.width) / scale).rounded())))
        let dotsH = max(1, min(maxH, Int((Double(bitmap.height) / scale).rounded())))
        let dots = downsample(bitmap, width: dotsW, height: dotsH)
        let cellsW = (dotsW + cell.x - 1) / cell.x, cellsH = (dotsH + cell.y - 1) / cell.y
        func ink(_ x: Int, _ y: Int) -> Bool { x < dotsW && y < dotsH && dots[y * dotsW + x] }
        var out: [String] = []
        for r in 0..<cellsH {
            var line = ""
            line.unicodeScalars.reserveCapacity(cellsW)
            for c in 0..<cellsW {
                let x = c * cell.x, y = r * cell.y
                switch style {
                case .halfBlocks:
                    let top = ink(x, y), bottom = ink(x, y + 1)
                    line.unicodeScalars.append(top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " "))
                case .braille:
                    // Dot numbering: 1 4 / 2 5 / 3 6 / 7 8 → bits 0…7.
                    let bits: [(Int, Int, UInt32)] = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08),
                                                      (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
                    var pattern: UInt32 = 0
                    for (dx, dy, bit) in bits where ink(x + dx, y + dy) { pattern |= bit }
                    // A blank cell is a space, not U+2800: some terminals draw the empty pattern.
                    line.unicodeScalars.append(pattern == 0 ? " " : Unicode.Scalar(0x2800 + pattern)!)
                }
            }
            out.append(line)
        }
        return out
    }

    /// Area sampling: each output dot covers a block of raster dots and is ink when at least
    /// `inkShare` of them are black. Row-wise prefix counts keep it linear in the raster size.
    static func downsample(_ bitmap: MonoBitmap, width: Int, height: Int) -> [Bool] {
        var counts = [Int](repeating: 0, count: width * height)
        var areas = [Int](repeating: 0, count: width * height)
        for y in 0..<bitmap.height {
            let oy = min(height - 1, y * height / bitmap.height)
            let row = bitmap.row(y)
            var x = 0
            for byte in row {
                for bit in 0..<8 where x + bit < bitmap.width {
                    let ox = min(width - 1, (x + bit) * width / bitmap.width)
                    areas[oy * width + ox] += 1
                    if byte & (0x80 >> UInt8(bit)) != 0 { counts[oy * width + ox] += 1 }
                }
                x += 8
            }
        }
        return zip(counts, areas).map { count, area in area > 0 && Double(count) >= inkShare * Double(area) }
    }
}
