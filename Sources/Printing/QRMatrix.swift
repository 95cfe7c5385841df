/// The module grid of a QR symbol under construction: function patterns, codeword placement,
/// masking, format/version information and the mask penalty score.
struct QRMatrix {
    let version: Int
    let size: Int
    /// Row-major, `true` = dark.
    var dark: [Bool]
    /// Modules that belong to function patterns (never masked, never data).
    var reserved: [Bool]

    init(version: Int) {
        self.version = version
        self.size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        reserved = Array(repeating: false, count: size * size)
    }

    subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

    mutating func setFunction(_ x: Int, _ y: Int, _ isDark: Bool) {
        dark[y * size + x] = isDark
        reserved[y * size + x] = true
    }

    /// Centre coordinates of alignment patterns (versions 2–10).
    static func alignmentPositions(version: Int) -> [Int] {
        let table: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42],
                              [6, 26, 46], [6, 28, 50]]
        return table[version - 1]
    }

    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        let positions = Self.alignmentPositions(version: version)
        for cy in positions {
            for cx in positions {
                let nearFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == positions.last!)
                    || (cx == positions.last! && cy == 6)
                if positions.count > 0, !nearFinder { drawAlignment(centreX: cx, centreY: cy) }
            }
        }
        drawFormatBits(mask: 0)  // reserves the areas; redrawn after masking
        drawVersionBits()
    }

    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 { setFunction(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// The 15 format bits for level M (indicator 00) and `mask`, BCH-coded and XOR-masked.
    static func formatBits(mask: Int) -> Int {
        let data = (0b00 << 3) | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        return ((data << 10) | rem) ^ 0x5412
    }

    /// The 18 version bits (versions ≥ 7).
    static func versionBits(version: Int) -> Int {
        var rem = version
        for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
        return (version << 12) | rem
    }

    mutating func drawFormatBits(mask: Int) {
        let bits = Self.formatBits(mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)  // the dark module
    }

    private mutating func drawVersionBits() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version: version)
        for i in 0..<18 {
            let isDark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            setFunction(a, b, isDark)
            setFunction(b, a, isDark)
        }
    }

    /// Places codewords in the two-column zigzag from the bottom-right, skipping the timing column.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = ((right + 1) & 2) == 0
                    let y = upward ? size - 1 - vert : vert
                    guard !reserved[y * size + x] else { continue }
                    if bitIndex < totalBits {
                        dark[y * size + x] = (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    static func maskHits(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return x * y % 2 + x * y % 3 == 0
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !reserved[y * size + x] && Self.maskHits(mask, x: x, y: y) {
                dark[y * size + x].toggle()
            }
        }
    }

    /// The standard's penalty score (rules N1–N4); lower is better.
    func penalty() -> Int {
        var score = 0
        let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        let finderLikeReversed = Array(finderLike.reversed())
        for horizontal in [true, false] {
            for line in 0..<size {
                let cells = (0..<size).map { horizontal ? self[$0, line] : self[line, $0] }
                var run = 1
                for i in 1..<size {
                    if cells[i] == cells[i - 1] {
                        run += 1
                    } else {
                        if run >= 5 { score += 3 + run - 5 }
                        run = 1
                    }
                }
                if run >= 5 { score += 3 + run - 5 }
                for i in 0...(size - 11) {
                    let window = Array(cells[i..<i + 11])
                    if window == finderLike || window == finderLikeReversed { score += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = self[x, y]
                if c == self[x + 1, y], c == self[x, y + 1], c == self[x + 1, y + 1] { score += 3 }
            }
        }
        let darkCount = dark.filter { $0 }.count
        let percent = darkCount * 100 / dark.count
        score += abs(percent - 50) / 5 * 10
        return score
    }
}
