/// One closed contour of a glyph outline in font units: TrueType points, each on the curve or a
/// quadratic Bézier control point (two control points in a row imply an on-curve midpoint).
struct GlyphContour: Equatable {
    var points: [(x: Double, y: Double, onCurve: Bool)]

    static func == (a: GlyphContour, b: GlyphContour) -> Bool {
        a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y && $0.onCurve == $1.onCurve }
    }
}

extension TrueTypeFont {
    /// Deepest nesting of composite glyphs followed (fonts use 1–2; a hostile font may loop).
    static let maxCompositeDepth = 8
    /// Most components one glyph may expand to (a hostile font could nest wide composites into
    /// billions of copies; real glyphs have a handful).
    static let maxComponents = 256

    /// The outline of `glyph` in font units (y up), composites resolved; empty for blank glyphs,
    /// unknown ids and damaged data (a broken glyph draws nothing rather than trapping).
    func outline(glyph: Int) -> [GlyphContour] {
        var budget = Self.maxComponents
        return outline(glyph: glyph, depth: 0, budget: &budget)
    }

    private func outline(glyph: Int, depth: Int, budget: inout Int) -> [GlyphContour] {
        let range = glyphRange(glyph)
        guard range.count >= 10, depth <= Self.maxCompositeDepth, budget > 0 else { return [] }
        budget -= 1
        let contours = bytes.i16(range.lowerBound)
        return contours >= 0 ? simpleOutline(range, contours: contours) : compositeOutline(range, depth: depth, budget: &budget)
    }

    private func simpleOutline(_ range: Range<Int>, contours: Int) -> [GlyphContour] {
        let start = range.lowerBound, end = range.upperBound
        var ends: [Int] = []
        for i in 0..<contours { ends.append(bytes.u16(start + 10 + 2 * i)) }
        guard let last = ends.last, zip(ends, ends.dropFirst()).allSatisfy({ $0 < $1 }) else { return [] }
        let count = last + 1
        let instructionLength = bytes.u16(start + 10 + 2 * contours)
        var at = start + 12 + 2 * contours + instructionLength
        guard count <= 65_536, at <= end else { return [] }
        var flags: [UInt8] = []
        flags.reserveCapacity(count)
        while flags.count < count {
            guard at < end else { return [] }
            let flag = UInt8(bytes.u8(at)); at += 1
            flags.append(flag)
            if flag & 0x08 != 0 {
                guard at < end else { return [] }
                let repeats = bytes.u8(at); at += 1
                for _ in 0..<repeats where flags.count < count { flags.append(flag) }
            }
        }
        func coordinates(short: UInt8, same: UInt8) -> [Double]? {
            var values: [Double] = []
            values.reserveCapacity(count)
            var value = 0
            for flag in flags {
                if flag & short != 0 {
                    guard at < end else { return nil }
                    let delta = bytes.u8(at); at += 1
                    value += flag & same != 0 ? delta : -delta
                } else if flag & same == 0 {
                    guard at + 1 < end else { return nil }
                    value += bytes.i16(at); at += 2
                }
                values.append(Double(value))
            }
            return values
        }
        guard let xs = coordinates(short: 0x02, same: 0x10), let ys = coordinates(short: 0x04, same: 0x20) else { return [] }
        var result: [GlyphContour] = []
        var first = 0
        for last in ends {
            if last >= first {
                result.append(GlyphContour(points: (first...last).map { (xs[$0], ys[$0], flags[$0] & 0x01 != 0) }))
            }
            first = last + 1
        }
        return result
    }

    private func compositeOutline(_ range: Range<Int>, depth: Int, budget: inout Int) -> [GlyphContour] {
        var result: [GlyphContour] = []
        var at = range.lowerBound + 10
        while at + 4 <= range.upperBound {
            let flags = bytes.u16(at), component = bytes.u16(at + 2)
            at += 4
            var dx = 0.0, dy = 0.0
            if flags & 0x0001 != 0 {
                if flags & 0x0002 != 0 { dx = Double(bytes.i16(at)); dy = Double(bytes.i16(at + 2)) }
                at += 4
            } else {
                if flags & 0x0002 != 0 {
                    dx = Double(Int8(truncatingIfNeeded: bytes.u8(at)))
                    dy = Double(Int8(truncatingIfNeeded: bytes.u8(at + 1)))
                }
                at += 2
            }
            func f2dot14(_ offset: Int) -> Double { Double(bytes.i16(offset)) / 16_384 }
            var a = 1.0, b = 0.0, c = 0.0, d = 1.0
            if flags & 0x0008 != 0 {
                a = f2dot14(at); d = a; at += 2
            } else if flags & 0x0040 != 0 {
                a = f2dot14(at); d = f2dot14(at + 2); at += 4
            } else if flags & 0x0080 != 0 {
                a = f2dot14(at); b = f2dot14(at + 2); c = f2dot14(at + 4); d = f2dot14(at + 6); at += 8
            }
            for contour in outline(glyph: component, depth: depth + 1, budget: &budget) {
                result.append(GlyphContour(points: contour.points.map { p in
                    (a * p.x + c * p.y + dx, b * p.x + d * p.y + dy, p.onCurve)
                }))
            }
            if flags & 0x0020 == 0 || budget <= 0 { break }
        }
        return result
    }
}
