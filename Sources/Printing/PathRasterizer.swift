/// Fills outlines into a `MonoBitmap`: straight edges in dot coordinates (y down), the non-zero
/// winding rule, 4 × 4 sub-samples a dot, and a dot painted when at least half its samples
/// (8 of 16) are inside — the 1-bit answer to "is most of this dot ink?".
///
/// Quadratic Bézier segments are flattened first (`addQuadratic`) to within 1/8 dot. Painting is
/// per path: a path's inside is computed as a whole (overlapping glyphs and the shifted copies of
/// synthetic bold are a union), then set to black or white over what is already there, so later
/// operations cover earlier ones like the PDF's painter's model.
struct PathRasterizer {
    struct Edge {
        var x0: Double, y0: Double, x1: Double, y1: Double
    }

    /// Sub-samples per dot along each axis.
    static let samples = 4
    /// Samples of 16 that make a dot black (50 %).
    static let threshold = 8
    /// Largest flattening error in dots.
    static let tolerance = 0.125

    private(set) var edges: [Edge] = []
    private var start: (x: Double, y: Double)?
    private var current: (x: Double, y: Double) = (0, 0)

    var isEmpty: Bool { edges.isEmpty }

    mutating func move(to x: Double, _ y: Double) {
        close()
        start = (x, y)
        current = (x, y)
    }

    mutating func line(to x: Double, _ y: Double) {
        if current.y != y { edges.append(Edge(x0: current.x, y0: current.y, x1: x, y1: y)) }
        current = (x, y)
    }

    mutating func quadratic(control cx: Double, _ cy: Double, to x: Double, _ y: Double) {
        let (x0, y0) = current
        // Distance of the control point from the chord bounds the curve's deviation (÷ 4).
        let ddx = x0 - 2 * cx + x, ddy = y0 - 2 * cy + y
        let deviation = (ddx * ddx + ddy * ddy).squareRoot() / 4
        let wanted = (deviation / Self.tolerance).squareRoot().rounded(.up)
        let steps = wanted.isFinite ? max(1, Int(min(64, wanted))) : 64
        for i in 1...steps {
            let t = Double(i) / Double(steps), u = 1 - t
            line(to: u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y)
        }
    }

    mutating func close() {
        if let s = start, current.x != s.x || current.y != s.y { line(to: s.x, s.y) }
        start = nil
    }

    /// Adds a rectangle (dots).
    mutating func rectangle(x: Double, y: Double, width: Double, height: Double) {
        move(to: x, y)
        line(to: x + width, y)
        line(to: x + width, y + height)
        line(to: x, y + height)
        close()
    }

    /// Adds a TrueType contour mapped by `transform` (font units → dots).
    mutating func contour(_ contour: GlyphContour, transform: (Double, Double) -> (Double, Double)) {
        let points = contour.points
        guard points.count >= 2 else { return }
        let n = points.count
        // Start at an on-curve point (or the midpoint of two control points when there is none).
        let firstOn = points.firstIndex { $0.onCurve }
        let startPoint: (Double, Double)
        let first: Int
        if let firstOn {
            startPoint = transform(points[firstOn].x, points[firstOn].y)
            first = firstOn
        } else {
            startPoint = transform((points[0].x + points[1].x) / 2, (points[0].y + points[1].y) / 2)
            first = 0
        }
        move(to: startPoint.0, startPoint.1)
        var control: (Double, Double)?
        for step in 1...n {
            let p = points[(first + step) % n]
            let q = transform(p.x, p.y)
            if p.onCurve {
                if let c = control { quadratic(control: c.0, c.1, to: q.0, q.1) } else { line(to: q.0, q.1) }
                control = nil
            } else {
                if let c = control {
                    let mid = ((c.0 + q.0) / 2, (c.1 + q.1) / 2)
                    quadratic(control: c.0, c.1, to: mid.0, mid.1)
                }
                control = q
            }
        }
        if let c = control { quadratic(control: c.0, c.1, to: startPoint.0, startPoint.1) }
        close()
    }

    /// A coordinate as an integer, clamped far outside any bitmap (a template may place text at
    /// 1e300 points; converting that to Int would trap).
    static func dot(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? 1 << 40 : -(1 << 40) }
        return Int(Swift.min(Swift.max(value, -1e12), 1e12))
    }

    /// Paints the inside of every contour added so far (non-zero winding, ≥ 50 % coverage).
    func fill(into bitmap: inout MonoBitmap, black: Bool) {
        guard !edges.isEmpty, bitmap.width > 0, bitmap.height > 0 else { return }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for e in edges {
            minX = min(minX, e.x0, e.x1); maxX = max(maxX, e.x0, e.x1)
            minY = min(minY, e.y0, e.y1); maxY = max(maxY, e.y0, e.y1)
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return }
        let left = max(0, Self.dot(minX.rounded(.down))), right = min(bitmap.width, Self.dot(maxX.rounded(.up)))
        let top = max(0, Self.dot(minY.rounded(.down))), bottom = min(bitmap.height, Self.dot(maxY.rounded(.up)))
        guard left < right, top < bottom else { return }

        // Edges as (top, bottom, x at top, dx/dy, direction), sorted by top.
        struct Active { var yTop: Double, yBottom: Double, xTop: Double, slope: Double, winding: Int }
        var table = edges.map { e -> Active in
            let down = e.y1 > e.y0
            let (xa, ya, xb, yb) = down ? (e.x0, e.y0, e.x1, e.y1) : (e.x1, e.y1, e.x0, e.y0)
            return Active(yTop: ya, yBottom: yb, xTop: xa, slope: (xb - xa) / (yb - ya), winding: down ? 1 : -1)
        }
        table.sort { $0.yTop < $1.yTop }

        let s = Self.samples
        let span = right - left
        var coverage = [UInt8](repeating: 0, count: span)
        var active: [Active] = []
        var next = 0
        var crossings: [(x: Double, winding: Int)] = []
        let sampleLeft = left * s, sampleRight = right * s
        for row in top..<bottom {
            var touched = false
            for sub in 0..<s {
                let sy = Double(row) + (Double(sub) + 0.5) / Double(s)
                while next < table.count, table[next].yTop <= sy { active.append(table[next]); next += 1 }
                active.removeAll { $0.yBottom <= sy }
                guard !active.isEmpty else { continue }
                crossings.removeAll(keepingCapacity: true)
                for e in active where e.yTop <= sy {
                    crossings.append((e.xTop + (sy - e.yTop) * e.slope, e.winding))
                }
                crossings.sort { $0.x < $1.x }
                var winding = 0
                var spanStart = 0.0
                for c in crossings {
                    let was = winding
                    winding += c.winding
                    if was == 0, winding != 0 {
                        spanStart = c.x
                    } else if was != 0, winding == 0 {
                        // Samples at (k + 0.5) / s inside [spanStart, c.x).
                        let a = max(sampleLeft, Self.dot((spanStart * Double(s) - 0.5).rounded(.up)))
                        let b = min(sampleRight, Self.dot((c.x * Double(s) - 0.5).rounded(.up)))
                        guard a < b else { continue }
                        touched = true
                        let pa = a / s - left, pb = (b - 1) / s - left
                        if pa == pb {
                            coverage[pa] &+= UInt8(b - a)
                        } else {
                            coverage[pa] &+= UInt8(s - a % s)
                            if pb > pa + 1 { for p in (pa + 1)..<pb { coverage[p] &+= UInt8(s) } }
                            coverage[pb] &+= UInt8((b - 1) % s + 1)
                        }
                    }
                }
            }
            guard touched else { continue }
            var x = 0
            while x < span {
                guard coverage[x] >= UInt8(Self.threshold) else { coverage[x] = 0; x += 1; continue }
                var end = x
                while end < span, coverage[end] >= UInt8(Self.threshold) { coverage[end] = 0; end += 1 }
                bitmap.fillSpan(y: row, from: left + x, to: left + end, black: black)
                x = end
            }
        }
    }
}
